import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf, i32Array, Random } from '../harness/data.js';
import { expectCall } from '../harness/dispatch.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE, READ_WRITE } = BufferAccessKind;

// Six buffers of mixed access and element width, so a backend that binds them in the wrong
// order or drops one is caught: d = a + b·c (c bytes), e = a xor b, f += i.
const SIX_BUFFERS = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('a', 'b', 'c', 'd', 'e', 'f')}
    (local $offset i32) (local $x i32) (local $y i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (local.set $x (i32.load (i32.add (local.get $a) (local.get $offset))))
    (local.set $y (i32.load (i32.add (local.get $b) (local.get $offset))))
    (i32.store (i32.add (local.get $d) (local.get $offset))
      (i32.add (local.get $x) (i32.mul (local.get $y) (i32.load8_u (i32.add (local.get $c) (local.get $i))))))
    (i32.store (i32.add (local.get $e) (local.get $offset)) (i32.xor (local.get $x) (local.get $y)))
    (i32.store (i32.add (local.get $f) (local.get $offset))
      (i32.add (i32.load (i32.add (local.get $f) (local.get $offset))) (local.get $i)))))`;

// x[i] = x[i]·3 + 1 on a read_write buffer: the result of one call is the input of the next.
const UPDATE_IN_PLACE = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('x')}
    (local $p i32)
    (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
    (i32.store (local.get $p) (i32.add (i32.mul (i32.load (local.get $p)) (i32.const 3)) (i32.const 1)))))`;

export const bufferCases: readonly ConformanceCase[] = [
  {
    id: 'buffers/many',
    title: 'six buffers (three read, two write, one read_write; i32 and u8 elements) bound in call order',
    async run(context) {
      const count = 1537;
      const random = new Random(20);
      const a = i32Array(count, () => random.i32());
      const b = i32Array(count, () => random.i32());
      const c = Uint8Array.from({ length: count }, () => random.below(256));
      const f = i32Array(count, () => random.i32());
      const d = i32Array(count, (i) => (a[i]! + Math.imul(b[i]!, c[i]!)) | 0);
      const e = i32Array(count, (i) => a[i]! ^ b[i]!);
      const fAfter = i32Array(count, (i) => (f[i]! + i) | 0);
      await expectCall(
        context,
        {
          kernel: await assemble('six-buffers', SIX_BUFFERS),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(a) },
            { access: READ, data: bytesOf(b) },
            { access: READ, data: c },
            { access: WRITE, data: new Uint8Array(count * 4) },
            { access: WRITE, data: new Uint8Array(count * 4) },
            { access: READ_WRITE, data: bytesOf(f) },
          ],
        },
        [bytesOf(a), bytesOf(b), c, bytesOf(d), bytesOf(e), bytesOf(fAfter)],
      );
    },
  },
  {
    id: 'buffers/read-write-in-place',
    title: 'a read_write buffer updated in place, three calls in a row without rewriting it',
    async run(context) {
      const count = 999;
      const random = new Random(21);
      const x = i32Array(count, () => random.i32());
      const after = x.map((value) => {
        for (let run = 0; run < 3; run++) value = (Math.imul(value, 3) + 1) | 0;
        return value;
      });
      await expectCall(
        context,
        {
          kernel: await assemble('update-in-place', UPDATE_IN_PLACE),
          numIterations: count,
          blockSize: 1,
          runs: 3,
          buffers: [{ access: READ_WRITE, data: bytesOf(x) }],
        },
        [bytesOf(after)],
      );
    },
  },
];
