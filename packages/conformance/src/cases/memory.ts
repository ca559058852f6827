import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf, f32Array, i32Array, Random } from '../harness/data.js';
import { expectCall } from '../harness/dispatch.js';
import { requiresFeatures } from '../harness/requires.js';
import { assemble, KERNEL_MAX_PAGES, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE, READ_WRITE } = BufferAccessKind;

// Iteration i writes byte i of out8, halfword i of out16 and byte 2i of mixed: four (or two)
// iterations share every 32-bit word, and mixed's odd bytes must survive untouched. Backends
// that store whole words (GPUs) must not lose a neighbour's byte.
const SUB_WORD = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('in', 'out8', 'out16', 'mixed')}
    (local $v i32)
    (local.set $v (i32.load8_u (i32.add (local.get $in) (local.get $i))))
    (i32.store8 (i32.add (local.get $out8) (local.get $i))
      (i32.add (local.get $v) (i32.mul (local.get $i) (i32.const 7))))
    (i32.store16 (i32.add (local.get $out16) (i32.shl (local.get $i) (i32.const 1)))
      (i32.add (i32.mul (local.get $v) (i32.const 257)) (local.get $i)))
    (i32.store8 (i32.add (local.get $mixed) (i32.shl (local.get $i) (i32.const 1)))
      (i32.xor (local.get $v) (i32.const 0x5a)))))`;

// bins[in[i]] += 1 with i32.atomic.rmw.add: many iterations hit the same bins.
const HISTOGRAM = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'bins')}
    (drop (i32.atomic.rmw.add
      (i32.add (local.get $bins) (i32.shl (i32.load8_u (i32.add (local.get $in) (local.get $i))) (i32.const 2)))
      (i32.const 1)))))`;

// 16 bytes per iteration: i32x4.add, i8x16.add (lanes wrap on their own) and f32x4.mul.
const SIMD_ADD = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('a', 'b', 'sum32', 'sum8', 'product')}
    (local $offset i32) (local $x v128) (local $y v128)
    (local.set $offset (i32.shl (local.get $i) (i32.const 4)))
    (local.set $x (v128.load (i32.add (local.get $a) (local.get $offset))))
    (local.set $y (v128.load (i32.add (local.get $b) (local.get $offset))))
    (v128.store (i32.add (local.get $sum32) (local.get $offset)) (i32x4.add (local.get $x) (local.get $y)))
    (v128.store (i32.add (local.get $sum8) (local.get $offset)) (i8x16.add (local.get $x) (local.get $y)))
    (v128.store (i32.add (local.get $product) (local.get $offset)) (f32x4.mul (local.get $x) (local.get $y)))))`;

// memory.fill a 16-byte slot with the iteration's byte, then memory.copy 8 input bytes into its
// middle: bulk memory ops on addresses derived from the buffer pointers.
const BULK = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $slot i32)
    (local.set $slot (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 4))))
    (memory.fill (local.get $slot) (i32.and (local.get $i) (i32.const 0xff)) (i32.const 16))
    (memory.copy (i32.add (local.get $slot) (i32.const 4)) (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 3))) (i32.const 8))))`;

// out[i] = 3·in[i] + i through a memory import that is not shared.
const UNSHARED = `(module
  (import "env" "memory" (memory 1 ${KERNEL_MAX_PAGES}))
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (i32.add (local.get $out) (local.get $offset))
      (i32.add (i32.mul (i32.load (i32.add (local.get $in) (local.get $offset))) (i32.const 3)) (local.get $i)))))`;

export const memoryCases: readonly ConformanceCase[] = [
  {
    id: 'memory/sub-word-stores',
    title: 'i32.store8/store16 from neighbouring iterations into one 32-bit word; unwritten bytes keep their values',
    async run(context) {
      const count = 1001;
      const random = new Random(40);
      const input = Uint8Array.from({ length: count }, () => random.below(256));
      const out8 = Uint8Array.from(input, (v, i) => (v + i * 7) & 0xff);
      const out16 = Uint16Array.from(input, (v, i) => (v * 257 + i) & 0xffff);
      const mixedBefore = Uint8Array.from({ length: count * 2 }, (_, k) => (k * 13 + 1) & 0xff);
      const mixedAfter = mixedBefore.map((byte, k) => (k % 2 === 0 ? input[k / 2]! ^ 0x5a : byte));
      await expectCall(
        context,
        {
          kernel: await assemble('sub-word-stores', SUB_WORD),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: input, elementSize: 1 },
            { access: WRITE, data: new Uint8Array(count), elementSize: 1 },
            { access: WRITE, data: new Uint8Array(count * 2), elementSize: 2 },
            { access: READ_WRITE, data: mixedBefore, elementSize: 1 },
          ],
        },
        [input, out8, bytesOf(out16), mixedAfter],
      );
    },
  },
  {
    id: 'atomics/histogram',
    title: 'i32.atomic.rmw.add histogram: 4096 iterations into 256 bins that start non-zero',
    requires: requiresFeatures('atomics'),
    async run(context) {
      const count = 4096;
      const random = new Random(41);
      // Skewed, so some bins take hundreds of concurrent increments.
      const input = Uint8Array.from({ length: count }, () => (random.below(4) === 0 ? random.below(256) : random.below(8)));
      const before = i32Array(256, (k) => k * 1000);
      const after = before.slice();
      for (const value of input) after[value]! += 1;
      await expectCall(
        context,
        {
          kernel: await assemble('histogram', HISTOGRAM),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: input },
            { access: READ_WRITE, data: bytesOf(before) },
          ],
        },
        [input, bytesOf(after)],
      );
    },
  },
  {
    id: 'simd/v128-add',
    title: 'v128 load/store with i32x4.add, i8x16.add and f32x4.mul, 16 bytes per iteration',
    requires: requiresFeatures('simd', 'f32'),
    async run(context) {
      const vectors = 257;
      const random = new Random(42);
      // Finite f32 lanes, so f32x4.mul yields no NaN (whose bits wasm leaves open); as i32 lanes
      // the same bits carry signs and overflow, and as bytes they wrap.
      const af = f32Array(vectors * 4, () => random.f32(1e4));
      const bf = f32Array(vectors * 4, () => random.f32(1e30));
      const [a, b] = [new Int32Array(af.buffer), new Int32Array(bf.buffer)];
      const sum32 = i32Array(a.length, (k) => (a[k]! + b[k]!) | 0);
      const [a8, b8] = [bytesOf(a), bytesOf(b)];
      const sum8 = Uint8Array.from(a8, (v, k) => (v + b8[k]!) & 0xff);
      const productBytes = bytesOf(f32Array(a.length, (k) => Math.fround(af[k]! * bf[k]!)));
      await expectCall(
        context,
        {
          kernel: await assemble('simd-add', SIMD_ADD),
          numIterations: vectors,
          blockSize: 1,
          buffers: [
            { access: READ, data: a8 },
            { access: READ, data: b8 },
            { access: WRITE, data: new Uint8Array(a.byteLength) },
            { access: WRITE, data: new Uint8Array(a.byteLength) },
            { access: WRITE, data: new Uint8Array(a.byteLength) },
          ],
        },
        [a8, b8, bytesOf(sum32), sum8, productBytes],
      );
    },
  },
  {
    id: 'memory/bulk-fill-copy',
    title: 'memory.fill and memory.copy into 16-byte slots, one slot per iteration',
    requires: requiresFeatures('bulkMemory'),
    async run(context) {
      const count = 300;
      const random = new Random(43);
      const input = Uint8Array.from({ length: count * 8 }, () => random.below(256));
      const expected = new Uint8Array(count * 16);
      for (let i = 0; i < count; i++) {
        expected.fill(i & 0xff, i * 16, i * 16 + 16);
        expected.set(input.subarray(i * 8, i * 8 + 8), i * 16 + 4);
      }
      await expectCall(
        context,
        {
          kernel: await assemble('bulk-fill-copy', BULK),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: input },
            { access: WRITE, data: new Uint8Array(count * 16) },
          ],
        },
        [input, expected],
      );
    },
  },
  {
    id: 'memory/unshared-import',
    title: 'a kernel whose memory import is not shared runs like a shared one',
    requires: requiresFeatures('unsharedMemory'),
    async run(context) {
      const count = 777;
      const input = i32Array(count, (k) => k * 37 - 5000);
      const expected = i32Array(count, (k) => (input[k]! * 3 + k) | 0);
      await expectCall(
        context,
        {
          kernel: await assemble('unshared-import', UNSHARED),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(input) },
            { access: WRITE, data: new Uint8Array(count * 4) },
          ],
        },
        [bytesOf(input), bytesOf(expected)],
      );
    },
  },
];
