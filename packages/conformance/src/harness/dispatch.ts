import type { BufferAccessKind, BufferHandle, DeviceHandle, Host } from '@wasi-parallel/core';
import { BUFFER_ACCESS_KIND_NAMES } from '@wasi-parallel/core';
import type { ConformanceContext } from '../conformance-case.js';
import { expectBytes, type ByteLayout } from './compare.js';

/** A buffer of a call; its layout only shapes failure messages. */
export interface BufferSpec extends ByteLayout {
  readonly access: BufferAccessKind;
  /** Written to the buffer before the call; its length is the buffer's size. */
  readonly data: Uint8Array;
}

export interface KernelCall {
  readonly kernel: Uint8Array;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly buffers: readonly BufferSpec[];
  /** How many times to run the kernel on the same buffers without rewriting them; default 1. */
  readonly runs?: number;
}

/** A place to run a call: a host and one of its devices. */
export interface Target {
  readonly host: Host;
  readonly device: DeviceHandle;
}

/**
 * Creates and writes the buffers, runs the kernel, and reads every buffer back (read-only ones
 * too: they must come back unchanged). Frees the buffers whatever happens.
 */
export async function dispatch(target: Target, call: KernelCall): Promise<Uint8Array[]> {
  const { host, device } = target;
  const handles: BufferHandle[] = [];
  try {
    for (const spec of call.buffers) {
      const handle = await host.createBuffer(device, spec.data.length, spec.access);
      handles.push(handle);
      await host.writeBuffer(spec.data, handle);
    }
    for (let run = 0; run < (call.runs ?? 1); run++) {
      await host.parallelFor(device, call.kernel, call.numIterations, call.blockSize, handles);
    }
    const results: Uint8Array[] = [];
    for (const handle of handles) results.push(await host.readBuffer(handle));
    return results;
  } finally {
    await Promise.allSettled(handles.map((handle) => host.freeBuffer(handle)));
  }
}

function describeBuffer(call: KernelCall, index: number): string {
  const spec = call.buffers[index]!;
  return `buffer ${index} (${BUFFER_ACCESS_KIND_NAMES[spec.access]}, ${spec.data.length} bytes)`;
}

/**
 * The core check of every computing case: `expected` holds each buffer's bytes after the call,
 * computed independently in JS. The reference device must produce them (else the suite or
 * core is wrong, and the message says so), then the device under test must.
 */
export async function expectCall(context: ConformanceContext, call: KernelCall, expected: readonly Uint8Array[]): Promise<void> {
  if (expected.length !== call.buffers.length) throw new Error(`case bug: ${expected.length} expected buffers for ${call.buffers.length} buffers`);
  const reference = await dispatch(context.reference, call);
  reference.forEach((bytes, i) =>
    expectBytes(`the reference device disagrees with the suite's own expectation for ${describeBuffer(call, i)} (a bug in the suite or core)`, bytes, expected[i]!, call.buffers[i]!),
  );
  const actual = await dispatch(context, call);
  actual.forEach((bytes, i) => expectBytes(`${describeBuffer(call, i)} on \`${context.device.name}\` of ${context.device.backend}`, bytes, expected[i]!, call.buffers[i]!));
}
