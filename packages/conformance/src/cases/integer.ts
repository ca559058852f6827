import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf, Random } from '../harness/data.js';
import { expectCall } from '../harness/dispatch.js';
import { requiresFeatures } from '../harness/requires.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE } = BufferAccessKind;

const S = (value: bigint): bigint => BigInt.asIntN(64, value);
const U = (value: bigint): bigint => BigInt.asUintN(64, value);
const bool = (value: boolean): bigint => (value ? 1n : 0n);
const shift = (y: bigint): bigint => U(y) & 63n;
const bits = (x: bigint): string => U(x).toString(2).padStart(64, '0');

interface I64Op {
  /** The WAT expression over `$x` and `$y` (both i64) yielding an i64. */
  readonly wat: string;
  /** The same operation in BigInt, independent of the engine. */
  readonly js: (x: bigint, y: bigint) => bigint;
}

const compare = (op: string): string => `(i64.extend_i32_u (i64.${op} (local.get $x) (local.get $y)))`;
const binary = (op: string): string => `(i64.${op} (local.get $x) (local.get $y))`;

/** Every i64 operation the case checks; result k of iteration i goes to out[i·K + k]. */
const OPS: readonly I64Op[] = [
  { wat: binary('add'), js: (x, y) => S(x + y) },
  { wat: binary('sub'), js: (x, y) => S(x - y) },
  { wat: binary('mul'), js: (x, y) => S(x * y) },
  { wat: binary('div_s'), js: (x, y) => S(x / y) },
  { wat: binary('div_u'), js: (x, y) => S(U(x) / U(y)) },
  { wat: binary('rem_s'), js: (x, y) => S(x % y) },
  { wat: binary('rem_u'), js: (x, y) => S(U(x) % U(y)) },
  { wat: binary('and'), js: (x, y) => S(x & y) },
  { wat: binary('or'), js: (x, y) => S(x | y) },
  { wat: binary('xor'), js: (x, y) => S(x ^ y) },
  { wat: binary('shl'), js: (x, y) => S(x << shift(y)) },
  { wat: binary('shr_s'), js: (x, y) => x >> shift(y) },
  { wat: binary('shr_u'), js: (x, y) => S(U(x) >> shift(y)) },
  { wat: binary('rotl'), js: (x, y) => S((U(x) << shift(y)) | (U(x) >> ((64n - shift(y)) & 63n))) },
  { wat: binary('rotr'), js: (x, y) => S((U(x) >> shift(y)) | (U(x) << ((64n - shift(y)) & 63n))) },
  { wat: compare('eq'), js: (x, y) => bool(x === y) },
  { wat: compare('ne'), js: (x, y) => bool(x !== y) },
  { wat: compare('lt_s'), js: (x, y) => bool(x < y) },
  { wat: compare('lt_u'), js: (x, y) => bool(U(x) < U(y)) },
  { wat: compare('gt_s'), js: (x, y) => bool(x > y) },
  { wat: compare('gt_u'), js: (x, y) => bool(U(x) > U(y)) },
  { wat: compare('le_s'), js: (x, y) => bool(x <= y) },
  { wat: compare('ge_u'), js: (x, y) => bool(U(x) >= U(y)) },
  { wat: '(i64.extend_i32_u (i64.eqz (local.get $x)))', js: (x) => bool(x === 0n) },
  { wat: '(i64.clz (local.get $x))', js: (x) => BigInt(bits(x).indexOf('1') < 0 ? 64 : bits(x).indexOf('1')) },
  { wat: '(i64.ctz (local.get $x))', js: (x) => BigInt(bits(x).lastIndexOf('1') < 0 ? 64 : 63 - bits(x).lastIndexOf('1')) },
  { wat: '(i64.popcnt (local.get $x))', js: (x) => BigInt(bits(x).replace(/0/g, '').length) },
  { wat: '(i64.extend32_s (local.get $x))', js: (x) => BigInt.asIntN(32, x) },
  { wat: '(i64.extend_i32_s (i32.wrap_i64 (local.get $x)))', js: (x) => BigInt.asIntN(32, x) },
  { wat: '(i64.extend_i32_u (i32.wrap_i64 (local.get $y)))', js: (_, y) => BigInt.asUintN(32, y) },
];

const I64_KERNEL = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('a', 'b', 'out')}
    (local $x i64) (local $y i64) (local $p i32)
    (local.set $x (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
    (local.set $y (i64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))
    (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const ${OPS.length * 8}))))
    ${OPS.map((op, k) => `(i64.store offset=${k * 8} (local.get $p) ${op.wat})`).join('\n    ')}))`;

const EDGES = [0n, 1n, -1n, 2n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n, 2n ** 32n - 1n, -(2n ** 32n), 0x5555_5555_5555_5555n, -0x0123_4567_89ab_cdefn, 63n, 64n];

/** Operand pairs: every pair of edge values, then random ones; no division traps (those are the trap cases). */
function operands(): { a: BigInt64Array; b: BigInt64Array } {
  const pairs: [bigint, bigint][] = [];
  for (const x of EDGES) for (const y of EDGES) pairs.push([x, y]);
  const random = new Random(30);
  while (pairs.length < 320) pairs.push([random.i64(), pairs.length % 3 === 0 ? BigInt(random.below(130)) - 65n : random.i64()]);
  for (const pair of pairs) {
    // y = 0 would trap in div/rem; 64 keeps the shift-by-zero coverage (64 & 63 = 0).
    if (pair[1] === 0n) pair[1] = 64n;
    if (pair[0] === -(2n ** 63n) && pair[1] === -1n) pair[1] = -3n;
  }
  return { a: BigInt64Array.from(pairs, ([x]) => x), b: BigInt64Array.from(pairs, ([, y]) => y) };
}

export const integerCases: readonly ConformanceCase[] = [
  {
    id: 'i64/arithmetic',
    title: `${OPS.length} i64 operations (add…rem, shifts, rotates, compares, clz/ctz/popcnt, extends) over edge and random operands`,
    requires: requiresFeatures('i64'),
    async run(context) {
      const { a, b } = operands();
      const expected = new BigInt64Array(a.length * OPS.length);
      for (let i = 0; i < a.length; i++) OPS.forEach((op, k) => (expected[i * OPS.length + k] = op.js(a[i]!, b[i]!)));
      await expectCall(
        context,
        {
          kernel: await assemble('i64-arithmetic', I64_KERNEL),
          numIterations: a.length,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(a), elementSize: 8 },
            { access: READ, data: bytesOf(b), elementSize: 8 },
            {
              access: WRITE,
              data: new Uint8Array(expected.byteLength),
              elementSize: 8,
              explain: (byte) => {
                const i = Math.floor(byte / 8 / OPS.length);
                return `${OPS[(byte >> 3) % OPS.length]!.wat} with x = ${a[i]}, y = ${b[i]} (iteration ${i})`;
              },
            },
          ],
        },
        [bytesOf(a), bytesOf(b), bytesOf(expected)],
      );
    },
  },
  {
    id: 'i64/constants',
    title: 'i64 constants in code and in a global initialiser keep all 64 bits',
    requires: requiresFeatures('i64'),
    async run(context) {
      const n = 16;
      const expected = BigInt64Array.from({ length: n }, (_, i) =>
        S((S(0x1234_5678_9abc_def0n + S(BigInt(i) * -0x100_0000_0001n))) ^ 0x7fff_0000_ffff_0001n),
      );
      const kernel = await assemble(
        'i64-constants',
        `(module
          ${memoryImport('bare')}
          (global $base (mut i64) (i64.const 0x123456789abcdef0))
          (func (export "kernel") ${kernelParams('out')}
            (i64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
              (i64.xor
                (i64.add (global.get $base) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const -0x10000000001)))
                (i64.const 0x7fff0000ffff0001)))))`,
      );
      await expectCall(
        context,
        { kernel, numIterations: n, blockSize: 1, buffers: [{ access: WRITE, data: new Uint8Array(n * 8), elementSize: 8 }] },
        [bytesOf(expected)],
      );
    },
  },
];
