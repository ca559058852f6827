import {
  DeviceKind,
  ErrorCode,
  WasiParallelError,
  isWasiParallelError,
  referenceBackendFactory,
  type BackendCapabilities,
  type BackendFactory,
  type Device,
  type DispatchRequest,
  type DispatchResult,
} from '@wasi-parallel/core';

/** How a test backend mangles a call it forwards to a real sequential device. */
export type Breakage = (inner: Device, request: DispatchRequest) => Promise<DispatchResult>;

/**
 * A CPU-kind backend over core's sequential device that breaks calls in one known way, so the
 * suite can be shown to catch it. With `honest` it is a faithful wrapper: every case passes.
 */
export function wrappedFactory(name: string, breakage: Breakage, capabilities: Partial<BackendCapabilities> = {}): BackendFactory {
  return referenceBackendFactory({ name, kind: DeviceKind.CPU, capabilities, parallelFor: breakage });
}

export const honest: Breakage = (inner, request) => inner.parallelFor(request);

/** Runs one iteration too few (the kernel is told the smaller count too). */
export const skipsLastIteration: Breakage = (inner, request) =>
  inner.parallelFor({ ...request, numIterations: Math.max(0, request.numIterations - 1) });

/** Flips the low bit of the last byte of the last buffer after every call. */
export const flipsAByte: Breakage = async (inner, request) => {
  const result = await inner.parallelFor(request);
  const buffer = request.buffers.at(-1);
  if (buffer) {
    const bytes = await buffer.read();
    bytes[bytes.length - 1]! ^= 0x01;
    await buffer.write(bytes);
  }
  return result;
};

/** Reports success when the kernel traps. */
export const swallowsTraps: Breakage = async (inner, request) => {
  try {
    return await inner.parallelFor(request);
  } catch (error) {
    if (isWasiParallelError(error) && error.code === ErrorCode.KERNEL_TRAP) return {};
    throw error;
  }
};

/** Passes block size 1 whatever the caller asked for. */
export const ignoresBlockSize: Breakage = (inner, request) => inner.parallelFor({ ...request, blockSize: 1 });

/** Reports a kernel's memory being too small as an invalid kernel. */
export const misreportsOutOfMemory: Breakage = async (inner, request) => {
  try {
    return await inner.parallelFor(request);
  } catch (error) {
    if (isWasiParallelError(error) && error.code === ErrorCode.OUT_OF_MEMORY) throw new WasiParallelError(ErrorCode.INVALID_KERNEL, error.message);
    throw error;
  }
};
