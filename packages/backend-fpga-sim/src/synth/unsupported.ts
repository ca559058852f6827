import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { formatLocation } from '@wasi-parallel/kernel';
import type { Source } from './dfg.js';

/** A construct the FPGA model cannot synthesise at all: the kernel is refused. */
export function unsynthesisable(what: string, source: Source): WasiParallelError {
  const location = formatLocation(source);
  return new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `${location}: ${what}`, { location });
}

/**
 * A region that cannot become one pipeline (a call, a nested loop, bulk memory): not an error,
 * the region runs as a sequential state machine instead, and the report says why.
 */
export class NotPipelinable extends Error {
  constructor(
    readonly reason: string,
    readonly source: Source,
  ) {
    super(reason);
  }
}
