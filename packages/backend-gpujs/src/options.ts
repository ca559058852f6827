import { ErrorCode, rejectUnknownBackendOptions, WasiParallelError, type BackendInitOptions } from '@wasi-parallel/core';
import { GPUJS_MODES, requireGpujsMode, type GpujsMode } from './modes.js';

/** The backend's options, as `init` receives them (`--backend-option gpujs.<name>=…`, `--backends gpujs@mode=webasm`). */
export interface GpujsOptions {
  /** Offer only these modes (default: every mode that works here). */
  readonly modes: readonly GpujsMode[];
  /**
   * `allow` runs kernels that use f32 on modes measured inexact (their float results may differ
   * from wasm's in the last bits); `refuse` (the default) refuses them with the measured reason.
   */
  readonly inexactFloat: 'allow' | 'refuse';
  /** Trips a loop with no bound known from the kernel may make per iteration before the call is refused. */
  readonly loopLimit: number;
}

/** The options as a caller writes them (typed through core's `BackendOptionMap`). */
export interface GpujsInitOptions {
  /** One mode or a comma list (`webasm,cpu`). */
  readonly mode?: string | readonly GpujsMode[];
  /** The same as `mode`. */
  readonly modes?: string | readonly GpujsMode[];
  readonly inexactFloat?: 'allow' | 'refuse';
  readonly loopLimit?: number;
}

declare module '@wasi-parallel/core' {
  interface BackendOptionMap {
    gpujs: GpujsInitOptions;
  }
}

const OPTION_KEYS: readonly (keyof GpujsInitOptions)[] = ['mode', 'modes', 'inexactFloat', 'loopLimit'];

/** The default `loopLimit`: a runaway loop costs at most this many trips per GPU.js thread. */
export const DEFAULT_LOOP_LIMIT = 1 << 20;

function invalid(message: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_ARGUMENT, message);
}

/** Reads and checks the options; unknown names and bad values are errors, not ignored. */
export function readOptions(init: BackendInitOptions): GpujsOptions {
  const given = { ...(init.options ?? {}) } as Record<string, unknown>;
  rejectUnknownBackendOptions('gpujs', given, OPTION_KEYS);
  const modeText = given.mode ?? given.modes;
  const modes = modeText === undefined ? [...GPUJS_MODES] : String(modeText).split(',').map((m) => requireGpujsMode(m.trim()));
  const inexactFloat = given.inexactFloat ?? 'refuse';
  if (inexactFloat !== 'allow' && inexactFloat !== 'refuse') throw invalid(`inexactFloat must be allow or refuse, not \`${String(inexactFloat)}\``);
  const loopLimit = given.loopLimit === undefined ? DEFAULT_LOOP_LIMIT : Number(given.loopLimit);
  if (!Number.isInteger(loopLimit) || loopLimit < 1 || loopLimit > 2 ** 24) throw invalid(`loopLimit must be an integer in [1, 2^24], not \`${String(given.loopLimit)}\``);
  return { modes, inexactFloat, loopLimit };
}
