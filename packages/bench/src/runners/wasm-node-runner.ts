import { readFile } from 'node:fs/promises';
import { admitKernel, BufferAccessKind, compileKernel, isWritable, kernelImports, layoutForKernel, LIMITS } from '@wasi-parallel/core';
import { kernelWasmPath, type WasmVariant } from '../build/artifact-paths.js';
import type { CaseData } from '../guest/case-data.js';
import type { BenchRunner, Measurement, SamplePlan, Variant } from './runner.js';
import { timeSamples } from './sample-loop.js';

type KernelFunction = (...args: number[]) => void;

/**
 * Baseline: the very kernel module a backend gets, instantiated once on this thread and called
 * for every iteration in a plain loop, with its buffers placed straight in its memory — no host,
 * no copies beyond restoring read_write inputs and copying the outputs out.
 */
export class WasmNodeRunner implements BenchRunner {
  readonly name = 'wasm-node';
  readonly role = 'baseline';
  readonly primaryVariant = 'scalar' as const;

  async open(): Promise<void> {}

  variants(): readonly Variant[] {
    return ['scalar', 'simd'];
  }

  async measure(data: CaseData, variant: Variant, plan: SamplePlan): Promise<Measurement> {
    const { kernelCase } = data;
    const inputs = await data.inputs();
    const bytes = await readFile(kernelWasmPath(kernelCase.kernel.id, variant as WasmVariant));
    const { buffers, numIterations, blockSize } = kernelCase;
    let memory: WebAssembly.Memory;
    let offsets: readonly number[] = [];
    let run: KernelFunction = () => undefined;
    const args: number[] = [];

    const warm = async (): Promise<Uint8Array[]> => {
      const view = new Uint8Array(memory.buffer);
      buffers.forEach((buffer, i) => {
        if (buffer.access === BufferAccessKind.READ_WRITE) view.set(inputs[i]!, offsets[i]);
      });
      for (let iteration = 0; iteration < numIterations; iteration++) {
        args[0] = iteration;
        run(...args);
      }
      const after = new Uint8Array(memory.buffer);
      return buffers.map((buffer, i) => (isWritable(buffer.access) ? after.slice(offsets[i]!, offsets[i]! + buffer.bytes) : inputs[i]!));
    };
    // Cold: compile, instantiate and place the inputs, then the first run.
    const first = async (): Promise<Uint8Array[]> => {
      const kernel = admitKernel(bytes);
      const module = compileKernel(kernel);
      const layout = layoutForKernel(kernel, buffers.map((buffer) => buffer.bytes));
      offsets = layout.offsets;
      memory = new WebAssembly.Memory({
        initial: layout.pages,
        maximum: kernel.memory.maxPages ?? LIMITS.MAX_WASM_PAGES,
        shared: kernel.memory.shared,
      } as WebAssembly.MemoryDescriptor);
      const view = new Uint8Array(memory.buffer);
      buffers.forEach((_, i) => view.set(inputs[i]!, offsets[i]));
      const instance = new WebAssembly.Instance(module, kernelImports(kernel.memory, memory));
      run = instance.exports.kernel as KernelFunction;
      args.push(0, numIterations, blockSize);
      buffers.forEach((buffer, i) => args.push(offsets[i]!, buffer.bytes));
      return warm();
    };
    const timed = await timeSamples(first, warm, plan);
    return { coldMs: timed.coldMs, samplesMs: timed.samplesMs, outputs: timed.last, notes: { threads: 1 } };
  }

  describe(): Readonly<Record<string, string | number | boolean>> {
    return { engine: `V8 ${process.versions.v8}`, threads: 1 };
  }

  async close(): Promise<void> {}
}
