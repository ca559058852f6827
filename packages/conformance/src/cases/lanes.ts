import { BufferAccessKind, ErrorCode } from '@wasi-parallel/core';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { bytesOf, i32Array, Random } from '../harness/data.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { dispatch, expectCall } from '../harness/dispatch.js';
import { expectCode } from '../harness/expect-error.js';
import { requiresFeatures } from '../harness/requires.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE, READ_WRITE } = BufferAccessKind;

/*
 * Kernels whose iterations take different paths. A device that runs several iterations at
 * once (SIMD lanes, GPU invocations) must give each the bytes the sequential loop gives it:
 * loops that end at different trips, branches taken by some iterations only, operations that
 * would trap for iterations that do not reach them, stores of some iterations only, and
 * iteration counts that do not fill the last group.
 */

// Collatz steps of in[i] (at most 500) and the largest value reached: a loop each iteration
// leaves at its own trip, with a branch inside it that differs per iteration and per trip.
const MASKED_LOOP = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'steps', 'peak')}
    (local $offset i32) (local $x i32) (local $trips i32) (local $top i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (local.set $x (i32.load (i32.add (local.get $in) (local.get $offset))))
    (local.set $top (local.get $x))
    (block $done
      (loop $step
        (br_if $done (i32.le_u (local.get $x) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $trips) (i32.const 500)))
        (if (i32.and (local.get $x) (i32.const 1))
          (then (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1))))
          (else (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))))
        (if (i32.gt_u (local.get $x) (local.get $top)) (then (local.set $top (local.get $x))))
        (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
        (br $step)))
    (i32.store (i32.add (local.get $steps) (local.get $offset)) (local.get $trips))
    (i32.store (i32.add (local.get $peak) (local.get $offset)) (local.get $top))))`;

function collatz(start: number): [number, number] {
  let x = start;
  let n = 0;
  let top = start;
  while (x > 1 && n < 500) {
    x = x & 1 ? (x * 3 + 1) >>> 0 : x >>> 1;
    if (x > top) top = x;
    n++;
  }
  return [n, top];
}

// Iterations i % 7 == 3 return at once (their out element keeps its bytes); the others divide
// only where the divisor is not zero and load in[r] only where r is in bounds, so an iteration
// that skips them must not trap; then an f32 branch and a select, both per iteration.
const DIVERGENT = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('in', 'div', 'out')}
    (local $offset i32) (local $v i32) (local $d i32) (local $r i32) (local $f f32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (if (i32.eq (i32.rem_u (local.get $i) (i32.const 7)) (i32.const 3)) (then (return)))
    (local.set $v (i32.load (i32.add (local.get $in) (local.get $offset))))
    (local.set $d (i32.load (i32.add (local.get $div) (local.get $offset))))
    (block $picked
      (if (local.get $d)
        (then (local.set $r (i32.div_s (local.get $v) (local.get $d))))
        (else (local.set $r (i32.const -1)) (br $picked)))
      (br_if $picked (i32.ge_u (local.get $r) (i32.shr_u (local.get $in_len) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.load (i32.add (local.get $in) (i32.shl (local.get $r) (i32.const 2)))))))
    (local.set $f (f32.convert_i32_s (local.get $r)))
    (if (f32.lt (local.get $f) (f32.const 0))
      (then (local.set $f (f32.sqrt (f32.neg (local.get $f)))))
      (else (local.set $f (f32.mul (local.get $f) (f32.const 0.5)))))
    (i32.store (i32.add (local.get $out) (local.get $offset))
      (select (i32.trunc_sat_f32_s (local.get $f)) (i32.sub (i32.const 0) (local.get $r)) (i32.and (local.get $v) (i32.const 1))))))`;

function divergent(i: number, input: Int32Array, divisors: Int32Array, before: number): number {
  if (i % 7 === 3) return before;
  const v = input[i]!;
  const d = divisors[i]!;
  let r: number;
  if (d === 0) r = -1;
  else {
    r = Math.trunc(v / d) | 0;
    if (r >>> 0 < input.length) r = (r + input[r]!) | 0;
  }
  let f = Math.fround(r);
  f = f < 0 ? Math.fround(Math.sqrt(-f)) : Math.fround(f * 0.5);
  const truncated = Number.isNaN(f) ? 0 : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(f)));
  return v & 1 ? truncated : -r | 0;
}

// Two iterations of one block trap: 1026 at its first statement, 1025 only at its last. Run
// in order, the block stops at 1025 (the reference names it); a device that runs iterations in
// another order, or lanes in lockstep, may meet 1026 first. Either is a trapping iteration; any
// other would be wrong (a lane group must not blame a neighbour of the lane that trapped).
const TRAP_LATE = 1025;
const TRAP_EARLY = 1026;
const TRAPPING = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $offset i32) (local $v i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (local.set $v (i32.div_u (i32.const 1000000) (i32.load (i32.add (local.get $in) (local.get $offset)))))
    (i32.store (i32.add (local.get $out) (local.get $offset)) (local.get $v))
    (if (i32.eq (local.get $i) (i32.const ${TRAP_LATE})) (then unreachable))))`;

// Only iterations whose input byte is odd store: a byte at i and a halfword at 2i, so the
// bytes of the iterations that do not store, which share words with those that do, must keep
// their values.
const MASKED_SUB_WORD = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('in', 'out8', 'out16')}
    (local $v i32)
    (local.set $v (i32.load8_u (i32.add (local.get $in) (local.get $i))))
    (if (i32.and (local.get $v) (i32.const 1))
      (then
        (i32.store8 (i32.add (local.get $out8) (local.get $i)) (i32.add (local.get $v) (local.get $i)))
        (i32.store16 (i32.add (local.get $out16) (i32.shl (local.get $i) (i32.const 1))) (i32.mul (local.get $v) (i32.const 771)))))))`;

// out[i] = 3·in[i] + i; the call's counts leave 1, 2 or 3 iterations after the last group of 4.
const MAP = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (i32.add (local.get $out) (local.get $offset))
      (i32.add (i32.mul (i32.load (i32.add (local.get $in) (local.get $offset))) (i32.const 3)) (local.get $i)))))`;
const REMAINDER_COUNTS = [1, 2, 3, 5, 6, 7, 1021, 1022, 1023, 4097];

async function expectTrapInBlock(context: ConformanceContext): Promise<void> {
  const count = 4096;
  const input = i32Array(count, (k) => (k === TRAP_EARLY ? 0 : k + 1));
  const call = {
    kernel: await assemble('lanes-trapping', TRAPPING),
    numIterations: count,
    // One block of 8 holds both traps: devices that keep a block on one worker, in order, too.
    blockSize: 8,
    buffers: [
      { access: READ, data: bytesOf(input) },
      { access: WRITE, data: new Uint8Array(count * 4) },
    ],
  };
  const reference = await expectCode('lanes/trapping-lane on the reference device', () => dispatch(context.reference, call), ErrorCode.KERNEL_TRAP);
  if (reference.details.iteration !== TRAP_LATE) throw new Error(`the reference device names iteration ${reference.details.iteration}, not ${TRAP_LATE} (a bug in the suite or core)`);
  const error = await expectCode(`lanes/trapping-lane on \`${context.device.name}\``, () => dispatch(context, call), ErrorCode.KERNEL_TRAP);
  const iteration = error.details.iteration;
  if (iteration !== undefined && iteration !== TRAP_LATE && iteration !== TRAP_EARLY) {
    throw new Error(`lanes/trapping-lane: the error names iteration ${iteration}, which does not trap; only ${TRAP_LATE} and ${TRAP_EARLY} do`);
  }
  await expectDeviceWorks(context, 'a trap in a lane group');
}

export const laneCases: readonly ConformanceCase[] = [
  {
    id: 'lanes/masked-loop',
    title: 'a loop each iteration leaves at its own trip (Collatz steps of 4099 inputs, a branch inside the loop)',
    async run(context) {
      const count = 4099;
      const random = new Random(60);
      const input = i32Array(count, () => 1 + random.below(10_000));
      const results = Array.from(input, (x) => collatz(x));
      await expectCall(
        context,
        {
          kernel: await assemble('lanes-masked-loop', MASKED_LOOP),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(input) },
            { access: WRITE, data: new Uint8Array(count * 4) },
            { access: WRITE, data: new Uint8Array(count * 4) },
          ],
        },
        [bytesOf(input), bytesOf(i32Array(count, (k) => results[k]![0])), bytesOf(i32Array(count, (k) => results[k]![1] | 0))],
      );
    },
  },
  {
    id: 'lanes/divergent-branches',
    title: 'early returns, a division and a load only some iterations reach (the others would trap), f32 branches and a select',
    requires: requiresFeatures('f32'),
    async run(context) {
      const count = 4103;
      const random = new Random(61);
      const input = i32Array(count, () => random.below(2) ? random.below(count) : random.i32() >> 4);
      const divisors = i32Array(count, () => random.below(11) - 5);
      const before = i32Array(count, (k) => k * 31 - 7);
      await expectCall(
        context,
        {
          kernel: await assemble('lanes-divergent', DIVERGENT),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(input) },
            { access: READ, data: bytesOf(divisors) },
            { access: READ_WRITE, data: bytesOf(before) },
          ],
        },
        [bytesOf(input), bytesOf(divisors), bytesOf(i32Array(count, (k) => divergent(k, input, divisors, before[k]!)))],
      );
    },
  },
  {
    id: 'lanes/trapping-lane',
    title: 'two iterations of one block trap, the higher one earlier in its body: the call names one of them (in order, the lower), no other; the device then runs a good kernel',
    run: expectTrapInBlock,
  },
  {
    id: 'lanes/masked-sub-word-stores',
    title: 'byte and halfword stores by some iterations only (4101): the neighbours’ bytes in the same words keep their values',
    async run(context) {
      const count = 4101;
      const random = new Random(62);
      const input = Uint8Array.from({ length: count }, () => random.below(256));
      const out8 = Uint8Array.from({ length: count }, (_, k) => (k * 11 + 5) & 0xff);
      const out16 = Uint16Array.from({ length: count }, (_, k) => (k * 2654435761) & 0xffff);
      const after8 = out8.map((byte, k) => (input[k]! & 1 ? (input[k]! + k) & 0xff : byte));
      const after16 = out16.map((half, k) => (input[k]! & 1 ? (input[k]! * 771) & 0xffff : half));
      await expectCall(
        context,
        {
          kernel: await assemble('lanes-masked-sub-word', MASKED_SUB_WORD),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: input, elementSize: 1 },
            { access: READ_WRITE, data: out8, elementSize: 1 },
            { access: READ_WRITE, data: bytesOf(out16), elementSize: 2 },
          ],
        },
        [input, after8, bytesOf(after16)],
      );
    },
  },
  {
    id: 'lanes/remainder',
    title: `iteration counts that leave 1, 2 or 3 after the last group of four (${REMAINDER_COUNTS.join(', ')}), buffers exactly that long`,
    async run(context) {
      const kernel = await assemble('lanes-map', MAP);
      for (const count of REMAINDER_COUNTS) {
        const random = new Random(63 + count);
        const input = i32Array(count, () => random.i32());
        await expectCall(
          context,
          {
            kernel,
            numIterations: count,
            blockSize: 1,
            buffers: [
              { access: READ, data: bytesOf(input) },
              { access: WRITE, data: new Uint8Array(count * 4) },
            ],
          },
          [bytesOf(input), bytesOf(i32Array(count, (k) => (Math.imul(input[k]!, 3) + k) | 0))],
        );
      }
    },
  },
];
