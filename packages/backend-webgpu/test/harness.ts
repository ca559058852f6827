import { BufferAccessKind, SequentialDevice, admitKernel, type Device } from '@wasi-parallel/core';
import wabtInit from 'wabt';
import { WebGpuBackend, type WebGpuOptions } from '@wasi-parallel/backend-webgpu';

const wabt = await wabtInit();

/** Assembles a kernel written in the text format. */
export function wat(text: string): Uint8Array {
  const module = wabt.parseWat('kernel.wat', text, { threads: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

export interface Run {
  readonly outputs: Uint8Array[];
}

export interface BufferSpec {
  readonly bytes: Uint8Array;
  readonly access?: (typeof BufferAccessKind)[keyof typeof BufferAccessKind];
}

/** Runs a kernel on a device and returns every buffer's bytes afterwards. */
export async function run(device: Device, kernel: Uint8Array, numIterations: number, buffers: readonly BufferSpec[], blockSize = 1): Promise<Uint8Array[]> {
  const made = await Promise.all(buffers.map((spec) => device.createBuffer(spec.bytes.length, spec.access ?? BufferAccessKind.READ_WRITE)));
  await Promise.all(made.map((buffer, i) => buffer.write(buffers[i]!.bytes)));
  await device.parallelFor({ kernel: admitKernel(kernel), timeoutMs: 0, numIterations, blockSize, buffers: made });
  return Promise.all(made.map((buffer) => buffer.read()));
}

export const sequential = new SequentialDevice();

let backend: Promise<WebGpuBackend> | undefined;

/** One backend per test file, on the adapter `auto` finds (SwiftShader on machines without a GPU). */
export function webgpu(options: WebGpuOptions = {}): Promise<WebGpuBackend> {
  backend ??= WebGpuBackend.create(options);
  return backend;
}

export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice();
}
