import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { formatLocation } from '@wasi-parallel/kernel';

/** A kernel the GPU.js translator cannot run, naming the function and instruction (`loc`). */
export function unsupported(message: string, fn: string, loc?: number): WasiParallelError {
  const location = formatLocation(loc === undefined ? { function: fn } : { function: fn, loc });
  return new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `${location}: ${message}`, { location });
}
