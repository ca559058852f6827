import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf, f64Bits, Random } from '../harness/data.js';
import { expectCall } from '../harness/dispatch.js';
import { floatOpsCase } from '../harness/float-case.js';
import { allPairs, roundHalfEven, truncSatI32, truncSatU32, type FloatOp } from '../harness/float-kernel.js';
import { F64_SPECIALS } from '../harness/float-specials.js';
import { requiresFeatures } from '../harness/requires.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

/** Every f64 operation, over the specials and random bit patterns (every exponent, subnormals and NaNs included). */

const X = '(local.get $x)';
const Y = '(local.get $y)';
const SIGN = 0x8000_0000_0000_0000n;
const bin = (name: string) => `(f64.${name} ${X} ${Y})`;
const value = (wat: string, js: (x: number, y: number, xBits: bigint, yBits: bigint) => number): FloatOp => ({ kind: 'value', wat, js });
/** An i64 result, stored through f64.reinterpret_i64 so the slot holds its exact bits. */
const i64 = (wat: string, js: (x: number, y: number) => bigint): FloatOp => ({
  kind: 'raw',
  wat: `(f64.reinterpret_i64 ${wat})`,
  js: (xBits, yBits) => BigInt.asUintN(64, js(fromBits(xBits), fromBits(yBits))),
});

const view = new DataView(new ArrayBuffer(8));
function fromBits(bits: bigint): number {
  view.setBigUint64(0, bits, true);
  return view.getFloat64(0, true);
}

function randomBits(count: number, seed: number): bigint[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => (BigInt(random.u32()) << 32n) | BigInt(random.u32()));
}

/** Values with fractions around the rounding decisions: ±k/4 and ±(2^52 ± small), plus random magnitudes. */
function fractional(count: number, seed: number): bigint[] {
  const random = new Random(seed);
  const values = [0.5, 1.5, 2.5, -0.5, -2.5, 0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 4503599627370497, 1e-300, -1e300];
  for (let i = 0; i < count; i++) values.push(((random.i32() / 4) * 2 ** random.below(30)) / 2 ** 20);
  return values.map(f64Bits);
}

const truncSat = (x: number, min: bigint, max: bigint): bigint => (Number.isNaN(x) ? 0n : x <= Number(min) ? min : x >= Number(max) ? max : BigInt(Math.trunc(x)));
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** i64 → f32, rounded once to nearest-even (Math.fround(Number(n)) would round twice). */
function f32FromBigInt(n: bigint): number {
  const negative = n < 0n;
  let magnitude = negative ? -n : n;
  const length = magnitude.toString(2).length;
  if (length > 24) {
    const dropped = BigInt(length - 24);
    const rest = magnitude & ((1n << dropped) - 1n);
    const half = 1n << (dropped - 1n);
    magnitude >>= dropped;
    if (rest > half || (rest === half && (magnitude & 1n) === 1n)) magnitude += 1n;
    magnitude <<= dropped;
  }
  return (negative ? -1 : 1) * Number(magnitude);
}

const OPERANDS = () => allPairs([...F64_SPECIALS, ...randomBits(21, 64)]);
const UNARY_OPERANDS = () => {
  const xs = [...F64_SPECIALS, ...randomBits(200, 65), ...fractional(200, 66)];
  return { xs, ys: xs.map((_, i) => xs[(i * 7) % xs.length]!) };
};

const f64Cases: readonly ConformanceCase[] = [
  floatOpsCase({
    id: 'f64/arithmetic-random',
    title: 'f64 add, sub, mul, div, sqrt, min, max over the specials and random bit patterns (every exponent, subnormals, NaNs)',
    type: 'f64',
    ops: [
      value(bin('add'), (x, y) => x + y),
      value(bin('sub'), (x, y) => x - y),
      value(bin('mul'), (x, y) => x * y),
      value(bin('div'), (x, y) => x / y),
      value(`(f64.sqrt ${X})`, (x) => Math.sqrt(x)),
      value(bin('min'), (x, y) => Math.min(x, y)),
      value(bin('max'), (x, y) => Math.max(x, y)),
    ],
    operands: OPERANDS,
  }),
  floatOpsCase({
    id: 'f64/rounding',
    title: 'f64 ceil, floor, trunc, nearest (ties to even) keep the sign of zero; NaN stays NaN',
    type: 'f64',
    ops: [
      value(`(f64.ceil ${X})`, (x) => Math.ceil(x)),
      value(`(f64.floor ${X})`, (x) => Math.floor(x)),
      value(`(f64.trunc ${X})`, (x) => Math.trunc(x)),
      value(`(f64.nearest ${X})`, (x) => roundHalfEven(x)),
    ],
    operands: UNARY_OPERANDS,
  }),
  floatOpsCase({
    id: 'f64/sign-bits',
    title: 'f64 abs, neg, copysign are bit-exact, NaN payloads included',
    type: 'f64',
    ops: [
      { kind: 'raw', wat: `(f64.abs ${X})`, js: (x) => x & ~SIGN },
      { kind: 'raw', wat: `(f64.neg ${X})`, js: (x) => x ^ SIGN },
      { kind: 'raw', wat: bin('copysign'), js: (x, y) => (x & ~SIGN) | (y & SIGN) },
    ],
    operands: OPERANDS,
  }),
  floatOpsCase({
    id: 'f64/comparisons',
    title: 'f64 eq, ne, lt, gt, le, ge: NaN unordered, −0 equal to +0',
    type: 'f64',
    ops: [
      { kind: 'i32', wat: bin('eq'), js: (x, y) => Number(x === y) },
      { kind: 'i32', wat: bin('ne'), js: (x, y) => Number(x !== y) },
      { kind: 'i32', wat: bin('lt'), js: (x, y) => Number(x < y) },
      { kind: 'i32', wat: bin('gt'), js: (x, y) => Number(x > y) },
      { kind: 'i32', wat: bin('le'), js: (x, y) => Number(x <= y) },
      { kind: 'i32', wat: bin('ge'), js: (x, y) => Number(x >= y) },
    ],
    operands: OPERANDS,
  }),
  floatOpsCase({
    id: 'f64/conversions',
    title: 'f64 saturating truncation to i32/i64, conversion from i32/i64 (nearest-even), promote/demote with f32, reinterpretation',
    type: 'f64',
    ops: [
      { kind: 'i32', wat: `(i32.trunc_sat_f64_s ${X})`, js: (x) => truncSatI32(x) },
      { kind: 'i32', wat: `(i32.trunc_sat_f64_u ${X})`, js: (x) => truncSatU32(x) },
      i64(`(i64.trunc_sat_f64_s ${X})`, (x) => truncSat(x, I64_MIN, I64_MAX)),
      i64(`(i64.trunc_sat_f64_u ${X})`, (x) => truncSat(x, 0n, 2n ** 64n - 1n)),
      value(`(f64.convert_i64_s (i64.reinterpret_f64 ${Y}))`, (_x, _y, _xb, y) => Number(BigInt.asIntN(64, y))),
      value(`(f64.convert_i64_u (i64.reinterpret_f64 ${Y}))`, (_x, _y, _xb, y) => Number(y)),
      value(`(f64.convert_i32_s (i32.wrap_i64 (i64.reinterpret_f64 ${Y})))`, (_x, _y, _xb, y) => Number(BigInt.asIntN(32, y))),
      value(`(f64.convert_i32_u (i32.wrap_i64 (i64.reinterpret_f64 ${Y})))`, (_x, _y, _xb, y) => Number(BigInt.asUintN(32, y))),
      value(`(f64.promote_f32 (f32.convert_i64_s (i64.reinterpret_f64 ${Y})))`, (_x, _y, _xb, y) => f32FromBigInt(BigInt.asIntN(64, y))),
      value(`(f64.promote_f32 (f32.convert_i64_u (i64.reinterpret_f64 ${Y})))`, (_x, _y, _xb, y) => f32FromBigInt(y)),
      value(`(f64.promote_f32 (f32.demote_f64 ${X}))`, (x) => Math.fround(x)),
      value(`(f64.promote_f32 (f32.reinterpret_i32 (i32.wrap_i64 (i64.reinterpret_f64 ${Y}))))`, (_x, _y, _xb, y) => {
        view.setUint32(0, Number(BigInt.asUintN(32, y)), true);
        return view.getFloat32(0, true);
      }),
      { kind: 'raw', wat: `(f64.reinterpret_i64 (i64.add (i64.reinterpret_f64 ${X}) (i64.const 1)))`, js: (x) => BigInt.asUintN(64, x + 1n) },
    ],
    operands: UNARY_OPERANDS,
  }),
];

/** Trapping truncations at their bounds (their traps are `trap/f64-to-int-*`). */
const TRAPPING = [
  { op: 'i32.trunc_f64_s', result: 'i32', min: -2147483649, max: 2147483648 },
  { op: 'i32.trunc_f64_u', result: 'i32', min: -1, max: 4294967296 },
  { op: 'i64.trunc_f64_s', result: 'i64', min: -9223372036854777856, max: 9223372036854775808 },
  { op: 'i64.trunc_f64_u', result: 'i64', min: -1, max: 18446744073709551616 },
] as const;

function truncKernel(op: string, result: 'i32' | 'i64'): string {
  const store = result === 'i32' ? `(i64.extend_i32_u (${op} (local.get $x)))` : `(${op} (local.get $x))`;
  return `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $x f64)
    (local.set $x (f64.load (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 3)))))
    (i64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) ${store})))`;
}

const truncationCase: ConformanceCase = {
  id: 'f64/truncation',
  title: 'i32/i64.trunc_f64_s/u (the trapping forms) at the doubles just inside their exclusive bounds, and on fractions, which truncate toward zero',
  requires: requiresFeatures('f32', 'f64'),
  async run(context) {
    for (const { op, result, min, max } of TRAPPING) {
      const kernel = await assemble(`f64-${op}`, truncKernel(op, result));
      const inside = [nextToward(min, 0), nextToward(max, 0), 0.75, -0.75, 123456.9, -0];
      const input = new Float64Array(inside);
      const expected = new BigInt64Array(inside.map((x) => (result === 'i32' ? BigInt.asUintN(32, BigInt(Math.trunc(x))) : BigInt.asIntN(64, BigInt(Math.trunc(x))))));
      await expectCall(
        context,
        {
          kernel,
          numIterations: inside.length,
          blockSize: 1,
          buffers: [
            { access: BufferAccessKind.READ, data: bytesOf(input), elementSize: 8, explain: (byte) => `${op} of ${inside[Math.floor(byte / 8)]}` },
            { access: BufferAccessKind.WRITE, data: new Uint8Array(8 * inside.length), elementSize: 8, explain: (byte) => `${op} of ${inside[Math.floor(byte / 8)]}` },
          ],
        },
        [bytesOf(input), bytesOf(expected)],
      );
    }
  },
};

/** The double next to `from` in the direction of `to`. */
function nextToward(from: number, to: number): number {
  if (from === to) return from;
  const bits = f64Bits(from);
  const up = to > from === from >= 0;
  view.setBigUint64(0, from === 0 ? 1n : up ? bits + 1n : bits - 1n, true);
  return view.getFloat64(0, true);
}

const loadStoreCase: ConformanceCase = {
  id: 'f64/load-store',
  title: 'f64 loads and stores at unaligned addresses keep every bit, signalling NaNs and subnormals included',
  requires: requiresFeatures('f32', 'f64'),
  async run(context) {
    const kernel = await assemble(
      'f64-load-store',
      `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (f64.store offset=3 (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 11)))
      (f64.load offset=1 (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const 9)))))))`,
    );
    const values = [...F64_SPECIALS, ...randomBits(45, 67)];
    const input = new Uint8Array(values.length * 9 + 8);
    const expected = new Uint8Array(values.length * 11 + 8);
    const inView = new DataView(input.buffer);
    const outView = new DataView(expected.buffer);
    values.forEach((bits, i) => {
      inView.setBigUint64(i * 9 + 1, bits, true);
      outView.setBigUint64(i * 11 + 3, bits, true);
    });
    await expectCall(
      context,
      {
        kernel,
        numIterations: values.length,
        blockSize: 1,
        buffers: [
          { access: BufferAccessKind.READ, data: input, elementSize: 1 },
          { access: BufferAccessKind.READ_WRITE, data: new Uint8Array(expected.length), elementSize: 1 },
        ],
      },
      [input, expected],
    );
  },
};

export const f64OperationCases: readonly ConformanceCase[] = [...f64Cases, truncationCase, loadStoreCase];
