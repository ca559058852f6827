import { DeviceKind, ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { NumberModel } from './translate/values.js';

/** The GPU.js modes this backend offers as devices. */
export type GpujsMode = 'webasm' | 'cpu' | 'webgpu' | 'headlessgl';

export const GPUJS_MODES: readonly GpujsMode[] = ['webasm', 'cpu', 'webgpu', 'headlessgl'];

/** What this backend knows of a mode before probing it. */
export interface ModeSpec {
  readonly mode: GpujsMode;
  /** cpu and webasm run on the CPU; webgpu and headlessgl on a GPU (maybe emulated in software). */
  readonly kind: DeviceKind;
  /** How the mode's numbers behave: f64 in cpu, f32 elsewhere. */
  readonly model: NumberModel;
  /** Kernel calls return a Promise (webgpu always; webasm under asyncMode, which lets it use worker threads). */
  readonly asyncMode: boolean;
}

const F32: NumberModel = { exactInteger: 2 ** 24, roundF32: false };

/**
 * The mode table, in the order devices are offered: webasm before cpu (SIMD and threads, f32
 * like wasm), webgpu as the discrete GPU, headlessgl (WebGL1 through the `gl` addon) as the
 * integrated one.
 */
export const MODE_SPECS: Readonly<Record<GpujsMode, ModeSpec>> = {
  webasm: { mode: 'webasm', kind: DeviceKind.CPU, model: F32, asyncMode: true },
  cpu: { mode: 'cpu', kind: DeviceKind.CPU, model: { exactInteger: 2 ** 53, roundF32: true }, asyncMode: false },
  webgpu: { mode: 'webgpu', kind: DeviceKind.DISCRETE_GPU, model: F32, asyncMode: true },
  headlessgl: { mode: 'headlessgl', kind: DeviceKind.INTEGRATED_GPU, model: F32, asyncMode: false },
};

export function isGpujsMode(value: unknown): value is GpujsMode {
  return typeof value === 'string' && (GPUJS_MODES as readonly string[]).includes(value);
}

/** `value` as a mode, or INVALID_ARGUMENT naming the modes there are. */
export function requireGpujsMode(value: unknown): GpujsMode {
  if (isGpujsMode(value)) return value;
  throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `unknown GPU.js mode \`${String(value)}\`; use one of ${GPUJS_MODES.join(', ')}`);
}
