import { BufferAccessKind, createHost, createRegistry, DeviceKind, type Host } from '@wasi-parallel/core';
import { createGpujsBackendFactory } from '../../src/index.js';

/** A host whose one backend is GPU.js in `mode`, and the sequential reference. */
export function gpujsHost(mode: string, options: Record<string, unknown> = {}): Host {
  const registry = createRegistry();
  registry.register(createGpujsBackendFactory({ mode, ...options }));
  return createHost({ registry, device: { backend: 'gpujs' }, env: {} });
}

export function referenceHost(): Host {
  return createHost({ registry: createRegistry(), device: { kind: DeviceKind.SEQUENTIAL }, env: {} });
}

/** Runs a kernel once and reads every buffer back. */
export async function runKernel(host: Host, kernel: Uint8Array, numIterations: number, blockSize: number, inputs: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const device = await host.getDevice();
  const handles = [];
  for (const data of inputs) {
    const handle = await host.createBuffer(device, data.length, BufferAccessKind.READ_WRITE);
    await host.writeBuffer(data, handle);
    handles.push(handle);
  }
  await host.parallelFor(device, kernel, numIterations, blockSize, handles);
  return Promise.all(handles.map((handle) => host.readBuffer(handle)));
}
