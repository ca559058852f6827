import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf } from '../harness/data.js';
import { dispatch, type KernelCall, type Target } from '../harness/dispatch.js';
import { expectBytes } from '../harness/compare.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE } = BufferAccessKind;

// Iteration i addresses the word 4i bytes past the end of `out` (the last buffer), where it is
// inside the memory: with ctl[0] = 1 it stores a marker there; with ctl[0] = 0 it copies what
// it finds there into out[i]. Nothing a call writes past its buffers may reach a later call on
// other buffers: the second call must read zeros.
const PAST_THE_END = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('ctl', 'out')}
    (local $a i32)
    (local.set $a (i32.add (i32.add (local.get $out) (local.get $out_len)) (i32.shl (local.get $i) (i32.const 2))))
    (if (i32.le_u (i32.add (local.get $a) (i32.const 4)) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.load (local.get $ctl))
          (then (i32.store (local.get $a) (i32.or (i32.const 0x5eed0000) (local.get $i))))
          (else (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.load (local.get $a)))))))))`;

const WORDS = 1024;

function call(kernel: Uint8Array, write: boolean): KernelCall {
  return {
    kernel,
    numIterations: WORDS,
    blockSize: 1,
    buffers: [
      { access: READ, data: bytesOf(Int32Array.of(write ? 1 : 0)) },
      { access: WRITE, data: new Uint8Array(4 * WORDS) },
    ],
  };
}

/** One call that dirties the memory past its buffers, then one on new buffers of the same sizes that reads it. */
async function leftBehind(target: Target, kernel: Uint8Array): Promise<Uint8Array> {
  await dispatch(target, call(kernel, true));
  return (await dispatch(target, call(kernel, false)))[1]!;
}

export const isolationCases: readonly ConformanceCase[] = [
  {
    id: 'isolation/stale-bytes',
    title: `a call sees zeros past its buffers, not the ${WORDS} words the previous call of the same kernel (on other buffers) stored there`,
    async run(context) {
      const kernel = await assemble('past-the-end', PAST_THE_END);
      const zeros = new Uint8Array(4 * WORDS);
      expectBytes('the reference device shows a previous call’s bytes (a bug in core)', await leftBehind(context.reference, kernel), zeros);
      expectBytes(`what a call read past its buffers on \`${context.device.name}\` of ${context.device.backend}`, await leftBehind(context, kernel), zeros);
    },
  },
];
