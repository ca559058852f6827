import type { DispatchResult } from './contracts/backend.js';
import type { BufferAccessKind } from './buffer-access-kind.js';
import type { DeviceKind } from './device-kind.js';
import type { BufferHandle, DeviceHandle } from './handles.js';
import { createRegistry, Host } from './host.js';

/**
 * The registry that side-effect imports (`import '@wasi-parallel/backend-threads/register'`)
 * add to, and the host over it that the free functions below use. Tests and embedders that
 * care about isolation make their own with `createRegistry()` and `createHost()`.
 */
export const defaultRegistry = createRegistry();

let host: Host | undefined;

export function defaultHost(): Host {
  host ??= new Host({ registry: defaultRegistry });
  return host;
}

export const getDevice = (hint?: DeviceKind | number): Promise<DeviceHandle> => defaultHost().getDevice(hint);
export const createBuffer = (device: DeviceHandle, size: number, access: BufferAccessKind): Promise<BufferHandle> =>
  defaultHost().createBuffer(device, size, access);
export const writeBuffer = (data: Uint8Array | ArrayBufferView | ArrayBuffer, buffer: BufferHandle): Promise<void> =>
  defaultHost().writeBuffer(data, buffer);
export const readBuffer = (buffer: BufferHandle): Promise<Uint8Array> => defaultHost().readBuffer(buffer);
export const parallelFor = (
  device: DeviceHandle,
  kernel: Uint8Array | ArrayBuffer,
  numIterations: number,
  blockSize: number,
  buffers: readonly BufferHandle[],
): Promise<DispatchResult> => defaultHost().parallelFor(device, kernel, numIterations, blockSize, buffers);
