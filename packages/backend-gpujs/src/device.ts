import {
  ErrorCode,
  HostBuffer,
  KernelCache,
  LIMITS,
  WasiParallelError,
  layoutForKernel,
  type BufferAccessKind,
  type Device,
  type DispatchRequest,
  type DispatchResult,
} from '@wasi-parallel/core';
import type { KernelIR } from '@wasi-parallel/kernel';
import { buildMemoryImage, inputPlanes, MAX_PLANE_ENTRIES, writePlane } from './buffer.js';
import type { CompiledGpujsKernel } from './gpujs-runtime.js';
import type { OpenedMode } from './mode-probe.js';
import { MODE_SPECS } from './modes.js';
import type { GpujsOptions } from './options.js';
import { isTrap, statusMeaning } from './translate/status-codes.js';
import type { GeneratedKernel, TranslatedKernel } from './translate/translate-kernel.js';
import { loadTranslator } from './translate-entry.js';

/** A translation and its GPU.js kernels (compiled on first use), for one kernel hash and call shape. */
interface Prepared {
  readonly translated: TranslatedKernel;
  readonly kernels: Map<GeneratedKernel, CompiledGpujsKernel>;
}

/** The first failing iteration: traps before limits (a trap is what the sequential device reports). */
function firstFailure(status: Float32Array): { iteration: number; code: number } | undefined {
  let limit: { iteration: number; code: number } | undefined;
  for (let iteration = 0; iteration < status.length; iteration++) {
    const code = status[iteration]!;
    if (code === 0) continue;
    if (isTrap(code)) return { iteration, code };
    limit ??= { iteration, code };
  }
  return limit;
}

/**
 * One GPU.js mode as a device. A call lays the buffers out as the sequential device does,
 * translates (once per kernel hash and call shape), runs the status kernel when the kernel can
 * trap, then one kernel per written buffer; buffers change only when everything succeeded.
 */
export class GpujsDevice implements Device {
  readonly kind;
  readonly name;
  readonly #prepared = new KernelCache<Prepared>({ onEvict: (entry) => entry.kernels.forEach((kernel) => kernel.destroy()) });

  constructor(
    readonly opened: OpenedMode,
    readonly options: GpujsOptions,
    readonly description: Readonly<Record<string, string | number | boolean>>,
  ) {
    this.kind = MODE_SPECS[opened.mode].kind;
    this.name = opened.mode;
  }

  async createBuffer(size: number, access: BufferAccessKind): Promise<HostBuffer> {
    return new HostBuffer(size, access);
  }

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const translator = await loadTranslator();
    const buffers = request.buffers as readonly HostBuffer[];
    const ir = translator.loadKernelFor(request.kernel.bytes);
    this.#checkFloats(ir);
    const layout = layoutForKernel(request.kernel, buffers.map((buffer) => buffer.size), request.guestPointers);
    if (request.numIterations === 0) return {};
    const memoryBytes = layout.pages * LIMITS.WASM_PAGE_SIZE;
    const env = translator.dispatchEnv(ir, { numIterations: request.numIterations, blockSize: request.blockSize, offsets: layout.offsets, memoryBytes }, buffers);
    // The translation folds in the call's shape, its layout and its constant loads: they are the key.
    // Offsets too: a guest's call may mirror its own layout (layoutForKernel), and the
    // translation folds the buffers' addresses in.
    const key = [request.kernel.hash, request.numIterations, request.blockSize, ...buffers.map((b) => b.size), `@${layout.offsets.join(',')}/${layout.pages}`, ...[...env.loadValues].map(([loc, v]) => `${loc}=${v}`)].join(':');
    const prepared = this.#prepared.getOrCreate(key, () => ({
      translated: translator.translateForDispatch(ir, env, { model: MODE_SPECS[this.opened.mode].model, loopLimit: this.options.loopLimit }),
      kernels: new Map(),
    }));
    const { translated } = prepared;
    const image = buildMemoryImage(ir, memoryBytes, layout.offsets, buffers);
    if (translated.status) {
      const status = await this.#run(prepared, translated.status, image);
      const failure = firstFailure(status);
      if (failure) {
        const meaning = statusMeaning(failure.code, translated.storeLocs, ir.kernel.name);
        throw new WasiParallelError(meaning.code, `iteration ${failure.iteration}: ${meaning.text}`, { iteration: failure.iteration });
      }
    }
    const outputs = [];
    for (const plane of translated.planes) outputs.push({ plane, values: await this.#run(prepared, plane, image) });
    for (const { plane, values } of outputs) writePlane(values, plane.form, buffers[plane.buffer]!.bytes);
    return {};
  }

  async #run(prepared: Prepared, kernel: GeneratedKernel, image: Uint8Array): Promise<Float32Array> {
    if (kernel.threads > MAX_PLANE_ENTRIES) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `a GPU.js kernel of ${kernel.threads} threads: GPU.js thread ids are exact only below ${MAX_PLANE_ENTRIES}`);
    }
    let compiled = prepared.kernels.get(kernel);
    if (!compiled) {
      compiled = this.opened.runtime.compile({ source: kernel.source, threads: kernel.threads, loopMaxIterations: prepared.translated.loopMaxIterations });
      prepared.kernels.set(kernel, compiled);
    }
    return compiled.run(inputPlanes(image, kernel.inputs));
  }

  #checkFloats(ir: KernelIR): void {
    const use = ir.analysis.features.f32;
    if (!use || this.opened.floats !== 'inexact' || this.options.inexactFloat === 'allow') return;
    throw new WasiParallelError(
      ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
      `the kernel uses f32 (${use.what} in \`${use.function}\` at instruction ${use.loc}), and GPU.js's ${this.opened.mode} mode here was measured inexact ` +
        '(f32 results differ from wasm in the last bits); set the backend option gpujs.inexactFloat=allow to run it anyway',
    );
  }

  dispose(): void {
    this.#prepared.clear();
    this.opened.runtime.dispose();
  }
}
