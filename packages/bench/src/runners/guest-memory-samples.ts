import { BufferAccessKind, LIMITS, layoutBuffers, type BufferHandle, type DeviceHandle, type Host } from '@wasi-parallel/core';
import type { KernelCase } from '../suite/kernel-spec.js';
import type { Measurement, SamplePlan } from './runner.js';
import { timeSamples } from './sample-loop.js';

/**
 * Samples a kernel the way a guest runs it: the buffers are regions of one shared memory the
 * caller owns, passed as `guestMemory`, so a device that runs on guest memory works in place
 * and its results are in that memory when the call returns — as the native driver's are in
 * its own. A sample restores read_write inputs and runs the call; the outputs are views of
 * the memory, read by the check after the last sample.
 */
export async function guestMemorySamples(
  host: Host,
  device: DeviceHandle,
  kernel: Uint8Array,
  kernelCase: KernelCase,
  inputs: readonly Uint8Array[],
  plan: SamplePlan,
): Promise<Measurement> {
  const { buffers } = kernelCase;
  const layout = layoutBuffers(1, buffers.map((buffer) => buffer.bytes));
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: LIMITS.MAX_WASM_PAGES, shared: true } as WebAssembly.MemoryDescriptor);
  const view = new Uint8Array(memory.buffer);
  buffers.forEach((_, i) => view.set(inputs[i]!, layout.offsets[i]));
  const region = (i: number): Uint8Array => new Uint8Array(memory.buffer, layout.offsets[i], buffers[i]!.bytes);
  const handles: BufferHandle[] = [];
  try {
    for (let i = 0; i < buffers.length; i++) {
      const handle = await host.createBuffer(device, buffers[i]!.bytes, buffers[i]!.access);
      handles.push(handle);
      await host.writeBuffer(region(i), handle);
    }
    const guestMemory = { memory, pointers: layout.offsets };
    const sample = async (): Promise<Uint8Array[]> => {
      buffers.forEach((buffer, i) => {
        if (buffer.access === BufferAccessKind.READ_WRITE) region(i).set(inputs[i]!);
      });
      await host.parallelFor(device, kernel, kernelCase.numIterations, kernelCase.blockSize, handles, { guestMemory });
      return buffers.map((_, i) => region(i));
    };
    const timed = await timeSamples(sample, sample, plan);
    return { coldMs: timed.coldMs, samplesMs: timed.samplesMs, outputs: timed.last.map((bytes) => bytes.slice()), notes: { memory: 'guest' } };
  } finally {
    await Promise.allSettled(handles.map((handle) => host.freeBuffer(handle)));
  }
}
