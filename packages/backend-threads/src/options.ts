import { ErrorCode, rejectUnknownBackendOptions, WasiParallelError } from '@wasi-parallel/core';
import { availableParallelism } from 'node:os';
import type { LoopMode } from './control-block.js';

/** The threads backend's init options (`init({ options })`, e.g. `{ workers: 4 }`). */
export interface ThreadsOptions {
  /** Worker threads in the pool; default: one per core. */
  readonly workers: number;
  /** Ends a call after this many ms when the request names no limit of its own. */
  readonly timeoutMs: number | undefined;
  /** `wasm`: the kernel's fused chunk loop runs a chunk inside WebAssembly; `js`: one JS call per iteration (for measuring). */
  readonly loop: LoopMode;
  /** Bytes of shadow stack per worker for kernels with a stack pointer; default: see `stackBytesPerWorker`. */
  readonly stackSize: number | undefined;
  /** How long an idle worker polls for the next call before sleeping, in ms. */
  readonly spinMs: number;
  /**
   * Run four iterations per wasm SIMD lane group where the kernel allows it (`vectoriseKernel`
   * of @wasi-parallel/kernel); otherwise, or when off, the scalar fused loop. Default on.
   */
  readonly vectorise: boolean;
}

/** What `init({ options })` accepts: every field of `ThreadsOptions`, each optional. */
export type ThreadsInitOptions = Partial<ThreadsOptions>;

declare module '@wasi-parallel/core' {
  interface BackendOptionMap {
    threads: ThreadsInitOptions;
  }
}

const OPTION_KEYS: readonly (keyof ThreadsOptions)[] = ['workers', 'timeoutMs', 'loop', 'stackSize', 'spinMs', 'vectorise'];

/**
 * Read when `init` gets no `workers` option. Core's host does not pass backend options
 * through device resolution yet, so this is how the CLI and the bench pick a worker count.
 */
export const WORKERS_ENV_VAR = 'WASI_PARALLEL_THREADS_WORKERS';

export const THREADS_DEFAULTS = {
  /** Long enough to catch a caller's next call in a loop, short enough not to burn a core. */
  spinMs: 1,
  loop: 'wasm',
  vectorise: true,
} as const;

function positiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `threads backend option \`${name}\` must be a positive integer, got ${String(value)}`);
  }
  return n;
}

export function parseThreadsOptions(
  raw: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): ThreadsOptions {
  rejectUnknownBackendOptions('threads', raw, OPTION_KEYS);
  const loop = raw.loop ?? THREADS_DEFAULTS.loop;
  if (loop !== 'wasm' && loop !== 'js') {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `threads backend option \`loop\` must be 'wasm' or 'js', got ${String(loop)}`);
  }
  const spinMs = raw.spinMs === undefined ? THREADS_DEFAULTS.spinMs : Number(raw.spinMs);
  if (!(spinMs >= 0)) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `threads backend option \`spinMs\` must be ≥ 0`);
  const vectorise = raw.vectorise ?? THREADS_DEFAULTS.vectorise;
  if (vectorise !== true && vectorise !== false && vectorise !== 'true' && vectorise !== 'false') {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `threads backend option \`vectorise\` must be true or false, got ${String(vectorise)}`);
  }
  return Object.freeze({
    workers: positiveInteger('workers', raw.workers) ?? positiveInteger(WORKERS_ENV_VAR, env[WORKERS_ENV_VAR] || undefined) ?? availableParallelism(),
    timeoutMs: positiveInteger('timeoutMs', raw.timeoutMs),
    loop,
    stackSize: positiveInteger('stackSize', raw.stackSize),
    spinMs,
    vectorise: vectorise === true || vectorise === 'true',
  });
}
