import type { HostBuffer } from '@wasi-parallel/core';
import { findConstantLoads, loadKernelSync, readConstantLoad, type DispatchEnv, type KernelIR } from '@wasi-parallel/kernel';

export { translateForDispatch } from './translate-kernel.js';

/**
 * The kernel's IR for this translator: i64 lowered to i32 pairs (binaryen) when the kernel
 * uses i64, since GPU.js has no 64-bit integers. Both are cached by hash in the front end.
 */
export function loadKernelFor(bytes: Uint8Array): KernelIR {
  const plain = loadKernelSync(bytes);
  return plain.analysis.features.i64 ? loadKernelSync(bytes, { lowerI64: true }) : plain;
}

/** The call's facts the translation specialises on, with the values of the kernel's constant loads. */
export function dispatchEnv(ir: KernelIR, call: { numIterations: number; blockSize: number; offsets: readonly number[]; memoryBytes: number }, buffers: readonly HostBuffer[]): DispatchEnv {
  const loadValues = new Map<number, number>();
  for (const load of findConstantLoads(ir)) {
    const value = readConstantLoad(load, buffers[load.buffer]!.bytes);
    if (value !== undefined) loadValues.set(load.loc, value);
  }
  return {
    numIterations: call.numIterations,
    blockSize: call.blockSize,
    buffers: buffers.map((buffer, i) => ({ pointer: call.offsets[i]!, length: buffer.size })),
    memoryBytes: call.memoryBytes,
    loadValues,
  };
}
