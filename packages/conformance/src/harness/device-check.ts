import { BufferAccessKind } from '@wasi-parallel/core';
import { bytesOf, i32Array, Random } from './data.js';
import { expectBytes } from './compare.js';
import { dispatch, type Target } from './dispatch.js';
import { assemble, kernelParams, memoryImport } from './wat.js';

/** c[i] = a[i] + b[i] over i32, one element per iteration: the suite's "good kernel". */
export const VECTOR_ADD_I32 = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('a', 'b', 'c')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (i32.add (local.get $c) (local.get $offset))
      (i32.add
        (i32.load (i32.add (local.get $a) (local.get $offset)))
        (i32.load (i32.add (local.get $b) (local.get $offset)))))))`;

/** Inputs and JS-computed sums for `VECTOR_ADD_I32`, wrapping at 2^32 as i32.add does. */
export function vectorAddI32Data(count: number, seed: number): { a: Int32Array; b: Int32Array; sum: Int32Array } {
  const random = new Random(seed);
  const a = i32Array(count, () => random.i32());
  const b = i32Array(count, () => random.i32());
  const sum = i32Array(count, (i) => (a[i]! + b[i]!) | 0);
  return { a, b, sum };
}

let round = 0;

/**
 * After a trap, a timeout or a rejected input the device must still compute correctly: runs
 * the good kernel (fresh inputs each time, so a stale result cannot pass) and checks its bytes.
 */
export async function expectDeviceWorks(target: Target, after: string): Promise<void> {
  const count = 100;
  const { a, b, sum } = vectorAddI32Data(count, 0x5eed + round++);
  let results: Uint8Array[];
  try {
    results = await dispatch(target, {
      kernel: await assemble('vector-add-i32', VECTOR_ADD_I32),
      numIterations: count,
      blockSize: 1,
      buffers: [
        { access: BufferAccessKind.READ, data: bytesOf(a) },
        { access: BufferAccessKind.READ, data: bytesOf(b) },
        { access: BufferAccessKind.WRITE, data: new Uint8Array(count * 4) },
      ],
    });
  } catch (error) {
    throw new Error(`after ${after}, the device failed to run a good kernel: ${(error as Error).message}`);
  }
  expectBytes(`after ${after}, the good kernel's output`, results[2]!, bytesOf(sum));
}
