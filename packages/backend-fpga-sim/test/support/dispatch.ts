import { BufferAccessKind, createHost, createRegistry, type BackendFactory, type Host } from '@wasi-parallel/core';
import { afterAll } from 'vitest';
import { createFpgaSimBackendFactory, type FpgaCallReport, type FpgaSimOptions } from '../../src/index.js';

export interface BufferSpec {
  readonly access: BufferAccessKind;
  readonly data: Uint8Array;
}

export interface Call {
  readonly kernel: Uint8Array;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly buffers: readonly BufferSpec[];
}

function hostWith(factory?: BackendFactory): Host {
  const registry = createRegistry();
  if (factory) registry.register(factory);
  return createHost({ registry, env: {}, ...(factory ? { device: { backend: factory.name } } : {}) });
}

const hosts = new Map<string, Host>();
afterAll(async () => {
  await Promise.all([...hosts.values()].map((host) => host.close()));
  hosts.clear();
});

/** A host whose only device (beyond the reference) is the FPGA simulator on these options; one per options. */
export function fpgaHost(options: FpgaSimOptions = {}): Host {
  const key = JSON.stringify(options);
  let host = hosts.get(key);
  if (!host) {
    host = hostWith(createFpgaSimBackendFactory(options));
    hosts.set(key, host);
  }
  return host;
}

export function referenceHost(): Host {
  let host = hosts.get('reference');
  if (!host) {
    host = hostWith();
    hosts.set('reference', host);
  }
  return host;
}

/** Runs a call on a host's default device; every buffer's bytes after it, and what the device reported. */
export async function dispatch(host: Host, call: Call): Promise<{ buffers: Uint8Array[]; report: unknown }> {
  const device = await host.getDevice();
  const handles = [];
  for (const buffer of call.buffers) {
    const handle = await host.createBuffer(device, buffer.data.length, buffer.access);
    await host.writeBuffer(buffer.data, handle);
    handles.push(handle);
  }
  try {
    const result = await host.parallelFor(device, call.kernel, call.numIterations, call.blockSize, handles);
    const buffers = [];
    for (const handle of handles) buffers.push(await host.readBuffer(handle));
    return { buffers, report: result.report };
  } finally {
    await Promise.all(handles.map((handle) => host.freeBuffer(handle)));
  }
}

/** The call on the FPGA simulator and on the sequential reference: both results, and the simulator's report. */
export async function runBoth(call: Call, options: FpgaSimOptions = {}): Promise<{ fpga: Uint8Array[]; reference: Uint8Array[]; report: FpgaCallReport }> {
  const fpga = await dispatch(fpgaHost(options), call);
  const reference = await dispatch(referenceHost(), call);
  return { fpga: fpga.buffers, reference: reference.buffers, report: fpga.report as FpgaCallReport };
}

export function f32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

export function i32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer);
}

export const { READ, WRITE, READ_WRITE } = BufferAccessKind;
