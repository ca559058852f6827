import { createRequire } from 'node:module';
import { GPU, type IKernelRunShortcut } from 'gpu.js';
import type { CaseData } from '../guest/case-data.js';
import type { KernelCase } from '../suite/kernel-spec.js';
import { GPUJS_KERNELS, GPUJS_NOT_EXPRESSIBLE, type GpujsKernel } from './gpujs-kernels.js';
import type { BenchRunner, Measurement, SamplePlan, Variant } from './runner.js';
import { timeSamples } from './sample-loop.js';

type GpujsResult = Float32Array | Float32Array[];

/** gpu.js results as the bytes the C kernel would have written. */
function toBytes(result: GpujsResult, int: boolean, bytes: number): Uint8Array {
  const rows = Array.isArray(result) ? result : [result];
  const out = int ? new Int32Array(bytes / 4) : new Float32Array(bytes / 4);
  let offset = 0;
  for (const row of rows) {
    out.set(row, offset);
    offset += row.length;
  }
  return new Uint8Array(out.buffer);
}

/**
 * Baseline: gpu.js's WebAssembly backend (`mode: 'webasm'`, SIMD, and a worker pool under the
 * async contract), running hand-written equivalents of the suite's kernels. Needs no GL: the
 * webasm backend is pure WebAssembly, so gpu.js's optional `gl` dependency may be absent.
 */
export class GpujsRunner implements BenchRunner {
  readonly name = 'gpujs-webasm';
  readonly role = 'baseline';
  readonly primaryVariant = 'js' as const;
  #gpu: GPU | undefined;

  async open(): Promise<void> {
    if (!GPU.isWebAssemblySupported) throw new Error('gpu.js reports no WebAssembly support');
    this.#gpu = new GPU({ mode: 'webasm' });
  }

  variants(kernelCase: KernelCase): readonly Variant[] | string {
    const id = kernelCase.kernel.id;
    return GPUJS_KERNELS[id] ? ['js'] : (GPUJS_NOT_EXPRESSIBLE[id] ?? 'no gpu.js version written yet');
  }

  async measure(data: CaseData, _variant: Variant, plan: SamplePlan): Promise<Measurement> {
    const { kernelCase } = data;
    const inputs = await data.inputs();
    const spec: GpujsKernel = GPUJS_KERNELS[kernelCase.kernel.id]!;
    const args = spec.args(inputs);
    const resultBytes = kernelCase.buffers[spec.resultBuffer]!.bytes;
    let kernel: IKernelRunShortcut | undefined;
    const warm = async (): Promise<Uint8Array[]> => {
      const result = (await kernel!(...args)) as unknown as GpujsResult;
      const contents = [...inputs];
      contents[spec.resultBuffer] = toBytes(result, spec.resultInt, resultBytes);
      return contents;
    };
    // Cold: building the kernel (gpu.js compiles on the first call) and that call.
    const first = async (): Promise<Uint8Array[]> => {
      kernel = this.#gpu!.createKernel(spec.source, {
        output: spec.output(kernelCase),
        constants: spec.constants(kernelCase),
        asyncMode: true,
      });
      return warm();
    };
    try {
      const timed = await timeSamples(first, warm, plan);
      const fallback = (kernel as unknown as { kernel?: { fallbackReason?: string | null } } | undefined)?.kernel?.fallbackReason;
      if (fallback) throw new Error(`gpu.js fell back from webasm: ${fallback}`);
      return { coldMs: timed.coldMs, samplesMs: timed.samplesMs, outputs: timed.last };
    } finally {
      kernel?.destroy();
    }
  }

  describe(): Readonly<Record<string, string | number | boolean>> {
    const version = (createRequire(import.meta.url)('gpu.js/package.json') as { version: string }).version;
    return { gpujs: version, mode: 'webasm', asyncMode: true };
  }

  async close(): Promise<void> {
    await this.#gpu?.destroy();
    this.#gpu = undefined;
  }
}
