import { BufferAccessKind, DeviceKind, createHost, createRegistry, type BufferHandle, type DeviceHandle, type Host, type HostOptions } from '@wasi-parallel/core';
import { backendFactory, type ThreadsDevice } from '@wasi-parallel/backend-threads';

export interface ThreadsHost {
  readonly host: Host;
  readonly device: DeviceHandle;
  /** The device object behind the handle, for its `lastCall` report. */
  readonly threads: ThreadsDevice;
}

/** A host whose registry holds the threads backend, initialised with `options`. */
export async function openThreadsHost(options: Record<string, unknown> = {}, hostOptions: HostOptions = {}): Promise<ThreadsHost> {
  const registry = createRegistry();
  registry.register({ ...backendFactory, init: () => backendFactory.init({ options }) });
  const host = createHost({ ...hostOptions, registry });
  const device = await host.getDevice(DeviceKind.CPU);
  if (device.backend !== 'threads') throw new Error(`expected the threads backend, got ${device.backend}`);
  return { host, device, threads: host.backendOf(device).devices[0] as ThreadsDevice };
}

export async function bufferWith(host: Host, device: DeviceHandle, data: Uint8Array | Int32Array | Float32Array, access: BufferAccessKind): Promise<BufferHandle> {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const buffer = await host.createBuffer(device, bytes.byteLength, access);
  await host.writeBuffer(bytes, buffer);
  return buffer;
}

export async function readInt32(host: Host, buffer: BufferHandle): Promise<Int32Array> {
  const bytes = await host.readBuffer(buffer);
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}
