import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';

/** An instruction in the IR: the function's name and the instruction's pre-order index (`loc`). */
export interface KernelLocation {
  readonly function: string;
  readonly loc?: number;
}

export function formatLocation(location: KernelLocation): string {
  return location.loc === undefined ? `\`${location.function}\`` : `\`${location.function}\` at instruction ${location.loc}`;
}

/** A kernel that is not valid WebAssembly or breaks the kernel ABI (docs/kernel-abi.md). */
export function invalidKernel(message: string, location?: KernelLocation, cause?: unknown): WasiParallelError {
  const where = location ? `${formatLocation(location)}: ` : '';
  return new WasiParallelError(
    ErrorCode.INVALID_KERNEL,
    `${where}${message}`,
    location ? { location: formatLocation(location) } : {},
    cause === undefined ? undefined : { cause },
  );
}

/** A valid kernel that uses something a device (or an option) cannot handle. */
export function unsupportedKernel(message: string, location?: KernelLocation): WasiParallelError {
  const where = location ? `${formatLocation(location)}: ` : '';
  return new WasiParallelError(
    ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
    `${where}${message}`,
    location ? { location: formatLocation(location) } : {},
  );
}
