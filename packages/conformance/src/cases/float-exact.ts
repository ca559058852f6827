import type { ConformanceCase } from '../conformance-case.js';
import { Random } from '../harness/data.js';
import { floatOpsCase } from '../harness/float-case.js';
import type { FloatOp, FloatType } from '../harness/float-kernel.js';
import { hardDivisions, hardSquareRoots } from '../harness/hard-rounding.js';

/**
 * What a compiler or a float unit may get wrong although the source is faithful, f32 and f64
 * alike: signalling-NaN constants, algebraic rewrites wasm forbids (x+0, x·1, x−x, (x−y)+y,
 * repeated sums), division by a constant, rounding of hard divisions and square roots, fused
 * multiply-adds, subnormals. Every expected byte comes from a JS model that rounds each step.
 */

const X = '(local.get $x)';
const Y = '(local.get $y)';
const round = (type: FloatType) => (type === 'f32' ? Math.fround : (value: number) => value);
const op = (type: FloatType, name: string, ...args: string[]) => `(${type}.${name} ${args.join(' ')})`;
const value = (wat: string, js: (x: number, y: number) => number): FloatOp => ({ kind: 'value', wat, js });
const raw = (wat: string, bits: bigint | ((x: bigint) => bigint)): FloatOp => ({ kind: 'raw', wat, js: (x) => (typeof bits === 'bigint' ? bits : bits(x)) });

const FORMAT = {
  f32: { sign: 0x8000_0000n, fraction: 23, exponent: 8, width: 32 },
  f64: { sign: 0x8000_0000_0000_0000n, fraction: 52, exponent: 11, width: 64 },
} as const;

/**
 * Bit patterns of one type: ±0, ±1, ±∞, NaNs, the largest finite value, and `count` random
 * normals around 1. Nothing the case computes from them is subnormal: subnormals are their own
 * case, since some devices flush them (a difference of the hardware, not of the compiler).
 */
function operands(type: FloatType, count: number, seed: number): bigint[] {
  const { sign, fraction } = FORMAT[type];
  const bias = type === 'f32' ? 127n : 1023n;
  const maxExponent = type === 'f32' ? 0xfen : 0x7fen;
  const inf = (maxExponent + 1n) << BigInt(fraction);
  const one = bias << BigInt(fraction);
  const fixed = [0n, sign, one, one | sign, inf, inf | sign, inf | (1n << BigInt(fraction - 1)), inf | 1n | sign, (maxExponent << BigInt(fraction)) | ((1n << BigInt(fraction)) - 1n)];
  const random = new Random(seed);
  const normals = Array.from({ length: count }, () => {
    const bits = type === 'f32' ? BigInt(random.u32()) : (BigInt(random.u32()) << 32n) | BigInt(random.u32());
    const exponent = bias - 20n + BigInt(random.below(40));
    return (bits & (sign | ((1n << BigInt(fraction)) - 1n))) | (exponent << BigInt(fraction));
  });
  return [...fixed, ...normals];
}

function pairsOf(values: readonly bigint[]): { xs: bigint[]; ys: bigint[] } {
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  for (const x of values) for (const y of values) xs.push(x), ys.push(y);
  return { xs, ys };
}

function snanConstants(type: FloatType): FloatCaseArgs {
  const { sign } = FORMAT[type];
  const quietBit = type === 'f32' ? 0x40_0000n : 0x8_0000_0000_0000n;
  const inf = type === 'f32' ? 0x7f80_0000n : 0x7ff0_0000_0000_0000n;
  const int = type === 'f32' ? 'i32' : 'i64';
  const snan = inf | (quietBit >> 1n);
  const payload = inf | 0x1n;
  return {
    title: `${type} signalling-NaN constants reach memory bit for bit: as constants, through a global, select, neg, copysign and reinterpretation`,
    declarations: `(global $g ${type} (${type}.const nan:0x${(quietBit >> 1n).toString(16)}))`,
    ops: [
      raw(`(${type}.const nan:0x${(quietBit >> 1n).toString(16)})`, snan),
      raw(`(${type}.const -nan:0x1)`, payload | sign),
      raw(`(${type}.const nan)`, inf | quietBit),
      raw('(global.get $g)', snan),
      raw(`(select (${type}.const nan:0x1) ${X} (${type}.lt ${X} ${X}))`, (x) => x),
      raw(`(select (${type}.const nan:0x1) ${X} (${type}.eq ${X} ${X}))`, (x) => (isNaNBits(type, x) ? x : payload)),
      raw(op(type, 'neg', `(${type}.const nan:0x${(quietBit >> 1n).toString(16)})`), snan | sign),
      raw(op(type, 'copysign', `(${type}.const nan:0x3)`, X), (x) => (inf | 3n) | (x & sign)),
      raw(`(${type}.reinterpret_${int} (${int}.const ${payload}))`, payload),
    ],
    operands: () => pairsOf(operands(type, 4, 1)),
  };
}

function isNaNBits(type: FloatType, bits: bigint): boolean {
  const { fraction, exponent } = FORMAT[type];
  const all = ((1n << BigInt(exponent)) - 1n) << BigInt(fraction);
  return (bits & all) === all && (bits & ((1n << BigInt(fraction)) - 1n)) !== 0n;
}

function identities(type: FloatType): FloatCaseArgs {
  const r = round(type);
  const c = (literal: string) => `(${type}.const ${literal})`;
  const add = (a: string, b: string) => op(type, 'add', a, b);
  const sixX = add(add(add(add(add(X, X), X), X), X), X);
  return {
    title: `${type} x+0, 0+x, x+(−0), x−0, x·1, x·(−1), x/1, x·0, 0/x, x−x, x/x, (x−y)+y, (x+y)−y and x+x+x+x+x+x are computed, not simplified (signed zeros, infinities, NaNs)`,
    ops: [
      value(add(X, c('0')), (x) => r(x + 0)),
      value(add(c('0'), X), (x) => r(0 + x)),
      value(add(X, c('-0')), (x) => r(x + -0)),
      value(op(type, 'sub', X, c('0')), (x) => r(x - 0)),
      value(op(type, 'mul', X, c('1')), (x) => r(x * 1)),
      value(op(type, 'mul', X, c('-1')), (x) => r(x * -1)),
      value(op(type, 'div', X, c('1')), (x) => r(x / 1)),
      value(op(type, 'mul', X, c('0')), (x) => r(x * 0)),
      value(op(type, 'div', c('0'), X), (x) => r(0 / x)),
      value(op(type, 'sub', X, X), (x) => r(x - x)),
      value(op(type, 'div', X, X), (x) => r(x / x)),
      value(add(op(type, 'sub', X, Y), Y), (x, y) => r(r(x - y) + y)),
      value(op(type, 'sub', add(X, Y), Y), (x, y) => r(r(x + y) - y)),
      value(sixX, (x) => r(r(r(r(r(x + x) + x) + x) + x) + x)),
    ],
    operands: () => pairsOf(operands(type, 10, 2)),
  };
}

function divisionByConstant(type: FloatType): FloatCaseArgs {
  const r = round(type);
  const constants = ['0', '-0', '3', '-3', '7', '0.1', '1e-30', '1e30'];
  return {
    title: `${type} division by the constants 0, −0, 3, −3, 7, 0.1, 1e-30 and 1e30 is IEEE division (±∞ and NaN for x/0, correctly rounded, never x times a rounded reciprocal)`,
    ops: constants.map((literal) => value(op(type, 'div', X, `(${type}.const ${literal})`), (x) => r(x / r(Number(literal))))),
    operands: () => {
      const values = operands(type, 60, 3);
      return { xs: values, ys: values.map(() => 0n) };
    },
  };
}

function hardRounding(type: FloatType): FloatCaseArgs {
  const r = round(type);
  return {
    title: `${type} division and square root on operands whose results lie closest to a rounding tie (sampled exactly with BigInt), correctly rounded`,
    ops: [value(op(type, 'div', X, Y), (x, y) => r(x / y)), value(op(type, 'sqrt', op(type, 'abs', X)), (x) => r(Math.sqrt(Math.abs(x))))],
    operands: () => {
      const divisions = hardDivisions(type, 96, 4000, 41);
      const roots = hardSquareRoots(type, 96, 4000, 42);
      // Iteration i divides divisions[i] and takes the root of roots[i]: x carries both (y is only the divisor).
      return { xs: [...divisions.xs, ...roots.xs], ys: [...divisions.ys, ...roots.xs.map(() => FORMAT[type].sign)] };
    },
  };
}

function multiplyAdd(type: FloatType): FloatCaseArgs {
  const r = round(type);
  const mul = (a: string, b: string) => op(type, 'mul', a, b);
  return {
    title: `${type} products are rounded before the add or sub that uses them (no fused multiply-add): x·y − x·y, x·x − y·y, x·y + x, (x·y)·y − x`,
    ops: [
      value(op(type, 'sub', mul(X, Y), mul(X, Y)), (x, y) => r(r(x * y) - r(x * y))),
      value(op(type, 'sub', mul(X, X), mul(Y, Y)), (x, y) => r(r(x * x) - r(y * y))),
      value(op(type, 'add', mul(X, Y), X), (x, y) => r(r(x * y) + x)),
      value(op(type, 'sub', mul(mul(X, Y), Y), X), (x, y) => r(r(r(x * y) * y) - x)),
    ],
    operands: () => {
      const values = operands(type, 30, 4);
      // Near-equal pairs make x·x − y·y cancel, where a fused result differs most.
      const near = values.map((bits, i) => (i % 2 ? bits + 1n : bits));
      const pairs = pairsOf(values);
      return { xs: [...pairs.xs, ...values], ys: [...pairs.ys, ...near] };
    },
  };
}

function subnormals(type: FloatType): FloatCaseArgs {
  const r = round(type);
  const { sign, fraction } = FORMAT[type];
  const bin = (name: string, js: (x: number, y: number) => number) => value(op(type, name, X, Y), (x, y) => r(js(x, y)));
  const min = 1n;
  const maxSubnormal = (1n << BigInt(fraction)) - 1n;
  const minNormal = 1n << BigInt(fraction);
  const half = (type === 'f32' ? 126n : 1022n) << BigInt(fraction);
  const two = (type === 'f32' ? 128n : 1024n) << BigInt(fraction);
  const values = [min, min | sign, maxSubnormal, maxSubnormal | sign, 1n << BigInt(fraction - 1), 3n, minNormal, minNormal | sign, minNormal + 1n, half, two, 0n, sign];
  return {
    title: `${type} add, sub, mul, div, sqrt, min, max with subnormal operands and results (no flush to zero), tininess and rounding near the smallest normal`,
    ops: [
      bin('add', (x, y) => x + y),
      bin('sub', (x, y) => x - y),
      bin('mul', (x, y) => x * y),
      bin('div', (x, y) => x / y),
      value(op(type, 'sqrt', op(type, 'abs', X)), (x) => r(Math.sqrt(Math.abs(x)))),
      bin('min', (x, y) => Math.min(x, y)),
      bin('max', (x, y) => Math.max(x, y)),
    ],
    operands: () => pairsOf(values),
  };
}

type FloatCaseArgs = Omit<Parameters<typeof floatOpsCase>[0], 'id' | 'type'>;

const CASES: ReadonlyArray<readonly [string, (type: FloatType) => FloatCaseArgs]> = [
  ['snan-constants', snanConstants],
  ['identities', identities],
  ['division-by-constant', divisionByConstant],
  ['hard-rounding', hardRounding],
  ['multiply-add', multiplyAdd],
  ['subnormals', subnormals],
];

export const floatExactCases: readonly ConformanceCase[] = (['f32', 'f64'] as const).flatMap((type) =>
  CASES.map(([name, build]) => floatOpsCase({ id: `${type}/${name}`, type, ...build(type) })),
);
