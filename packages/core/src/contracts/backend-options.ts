/**
 * Init options per backend, keyed by backend name. Empty here: each backend package declares
 * its own entry by declaration merging, so options are type-checked against what that
 * package accepts (the way onnxruntime's `ExecutionProviderOptionMap` works, without its
 * `| string` escape hatch):
 *
 * ```ts
 * declare module '@wasi-parallel/core' {
 *   interface BackendOptionMap {
 *     threads: ThreadsInitOptions;
 *   }
 * }
 * ```
 *
 * Options also arrive untyped — from the CLI's `--backend-option threads.workers=4`, or from
 * JavaScript — so every backend validates what its `init` receives and refuses an unknown key
 * or a bad value with `INVALID_ARGUMENT`, naming the option and what it accepts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by declaration merging
export interface BackendOptionMap {}

/** Init options for the backends a host may initialise, each as its package declares them. */
export type BackendOptions = {
  readonly [Name in keyof BackendOptionMap]?: Readonly<BackendOptionMap[Name]>;
};
