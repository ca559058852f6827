import { BufferAccessKind } from '@wasi-parallel/core';
import { bytesOf, i32Array, Random } from './data.js';
import type { KernelCall } from './dispatch.js';
import { kernelParams, memoryImport } from './wat.js';

/** c[i] = a[i] + b[i] over i32 or f32, one element per iteration, with the given memory import. */
export function vectorAddKernel(type: 'i32' | 'f32', memory: string): string {
  return `(module
  ${memory}
  (func (export "kernel") ${kernelParams('a', 'b', 'c')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (${type}.store (i32.add (local.get $c) (local.get $offset))
      (${type}.add
        (${type}.load (i32.add (local.get $a) (local.get $offset)))
        (${type}.load (i32.add (local.get $b) (local.get $offset)))))))`;
}

/** The suite's "good kernel": i32 vector add importing `"" "memory"`. */
export const VECTOR_ADD_I32 = vectorAddKernel('i32', memoryImport('bare'));

/**
 * A call of a two-input, one-output kernel over 4-byte elements, one element per iteration:
 * inputs read-only, output written from zeros, and the bytes expected of all three.
 */
export function elementwiseCall(kernel: Uint8Array, a: ArrayBufferView, b: ArrayBufferView, out: ArrayBufferView): { call: KernelCall; expected: Uint8Array[] } {
  return {
    call: {
      kernel,
      numIterations: out.byteLength / 4,
      blockSize: 1,
      buffers: [
        { access: BufferAccessKind.READ, data: bytesOf(a) },
        { access: BufferAccessKind.READ, data: bytesOf(b) },
        { access: BufferAccessKind.WRITE, data: new Uint8Array(out.byteLength) },
      ],
    },
    expected: [bytesOf(a), bytesOf(b), bytesOf(out)],
  };
}

/** An i32 vector add of `count` seeded random elements, wrapping at 2^32 as i32.add does. */
export function vectorAddI32Call(kernel: Uint8Array, count: number, seed: number): { call: KernelCall; expected: Uint8Array[] } {
  const random = new Random(seed);
  const a = i32Array(count, () => random.i32());
  const b = i32Array(count, () => random.i32());
  return elementwiseCall(kernel, a, b, i32Array(count, (i) => (a[i]! + b[i]!) | 0));
}
