import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { GPU, IKernelRunShortcut } from 'gpu.js';
import { gpuJs } from './gpu-js.js';
import type { GpujsMode, ModeSpec } from './modes.js';

/** What `kernel.kernel.constructor.mode` says when GPU.js really ran the mode asked for (GL kernels say `gpu`). */
const KERNEL_MODE: Readonly<Record<GpujsMode, string>> = { webasm: 'webasm', cpu: 'cpu', webgpu: 'webgpu', headlessgl: 'gpu' };

/** One GPU.js kernel, compiled on its first run. */
export interface CompiledGpujsKernel {
  /** Runs the kernel over its inputs; rejects when GPU.js ran anything but the mode asked for. */
  run(inputs: readonly (Float32Array | number)[]): Promise<Float32Array>;
  destroy(): void;
}

export interface KernelSettings {
  readonly source: string;
  readonly threads: number;
  readonly loopMaxIterations: number;
}

/**
 * One GPU.js instance in one explicit mode (never `gpu`, which picks a mode by itself). Every
 * run is checked for GPU.js's silent fallback to its CPU kernel: a fallback is an error
 * naming GPU.js's reason, never a result passed off as the mode's.
 */
export class GpujsRuntime {
  readonly #gpu: GPU;

  constructor(readonly spec: ModeSpec) {
    this.#gpu = new (gpuJs().GPU)({ mode: spec.mode });
  }

  compile(settings: KernelSettings): CompiledGpujsKernel {
    const { spec } = this;
    const kernel = this.#gpu.createKernel(settings.source, {
      output: [settings.threads],
      loopMaxIterations: settings.loopMaxIterations,
      precision: 'single',
      tactic: 'precision',
      ...(spec.asyncMode ? { asyncMode: true } : {}),
    } as never) as IKernelRunShortcut;
    return {
      run: async (inputs) => {
        let result: unknown;
        try {
          result = await (kernel as unknown as (...args: unknown[]) => unknown)(...inputs);
        } catch (error) {
          throw new WasiParallelError(ErrorCode.DEVICE_LOST, `GPU.js (${spec.mode}) failed to run a translated kernel: ${(error as Error).message}`, {}, { cause: error });
        }
        assertRanMode(kernel, spec.mode);
        return toFloat32(result, settings.threads);
      },
      destroy: () => kernel.destroy(),
    };
  }

  dispose(): void {
    this.#gpu.destroy();
  }
}

/**
 * Rejects a run GPU.js did not make in `mode`: it swaps a kernel it cannot run (a kernel map on
 * webasm, a texture argument) for its CPU kernel with only a console warning, and names the
 * reason in `kernel.kernel.fallbackReason`.
 */
export function assertRanMode(kernel: IKernelRunShortcut, mode: GpujsMode): void {
  const inner = (kernel as unknown as { kernel?: { fallbackReason?: string | null; constructor: { mode?: string } } }).kernel;
  const ran = inner?.constructor.mode;
  if (!inner?.fallbackReason && ran === KERNEL_MODE[mode]) return;
  throw new WasiParallelError(
    ErrorCode.DEVICE_LOST,
    `GPU.js ran the kernel in mode \`${ran ?? 'unknown'}\` instead of \`${mode}\`${inner?.fallbackReason ? ` (${inner.fallbackReason})` : ''}; the result is discarded`,
  );
}

/** GPU.js returns a Float32Array for a 1-D output in every mode; anything else is a defect to report. */
function toFloat32(result: unknown, threads: number): Float32Array {
  if (result instanceof Float32Array && result.length === threads) return result;
  throw new WasiParallelError(ErrorCode.DEVICE_LOST, `GPU.js returned ${Object.prototype.toString.call(result)} where a Float32Array of ${threads} was due`);
}
