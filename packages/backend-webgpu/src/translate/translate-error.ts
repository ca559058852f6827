import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';

/** Where in the kernel a translation error is: its function and the instruction's pre-order `loc`. */
export interface SourceLocation {
  readonly function: string;
  readonly loc: number;
}

/** A valid kernel that WGSL cannot express (f64, SIMD, atomics, indirect calls…). */
export function unsupported(what: string, at: SourceLocation | undefined): WasiParallelError {
  const where = at ? `\`${at.function}\` at instruction ${at.loc}` : undefined;
  return new WasiParallelError(
    ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
    `${where ? `${where}: ` : ''}${what}; the WebGPU backend cannot run it (try the threads or sequential device)`,
    where ? { location: where } : {},
  );
}
