import type { ConformanceCase } from '../conformance-case.js';
import { floatOpsCase } from '../harness/float-case.js';
import { F32_SPECIALS, F64_SPECIALS } from '../harness/float-specials.js';
import { allPairs, roundHalfEven, truncSatI32, truncSatU32, type FloatOp, type FloatType } from '../harness/float-kernel.js';

const F32_SIGN = 0x8000_0000n;
const F64_SIGN = 0x8000_0000_0000_0000n;

const f = Math.fround;
const bin = (type: FloatType, op: string): string => `(${type}.${op} (local.get $x) (local.get $y))`;
const un = (type: FloatType, op: string): string => `(${type}.${op} (local.get $x))`;

const F32_ARITHMETIC: readonly FloatOp[] = [
  { kind: 'value', wat: bin('f32', 'add'), js: (x, y) => f(x + y) },
  { kind: 'value', wat: bin('f32', 'sub'), js: (x, y) => f(x - y) },
  { kind: 'value', wat: bin('f32', 'mul'), js: (x, y) => f(x * y) },
  { kind: 'value', wat: bin('f32', 'div'), js: (x, y) => f(x / y) },
  { kind: 'value', wat: un('f32', 'sqrt'), js: (x) => f(Math.sqrt(x)) },
  { kind: 'value', wat: bin('f32', 'min'), js: (x, y) => Math.min(x, y) },
  { kind: 'value', wat: bin('f32', 'max'), js: (x, y) => Math.max(x, y) },
];

const F32_ROUNDING: readonly FloatOp[] = [
  { kind: 'value', wat: un('f32', 'nearest'), js: (x) => roundHalfEven(x) },
  { kind: 'value', wat: un('f32', 'ceil'), js: (x) => Math.ceil(x) },
  { kind: 'value', wat: un('f32', 'floor'), js: (x) => Math.floor(x) },
  { kind: 'value', wat: un('f32', 'trunc'), js: (x) => Math.trunc(x) },
];

const F32_SIGN_BITS: readonly FloatOp[] = [
  { kind: 'raw', wat: un('f32', 'neg'), js: (x) => x ^ F32_SIGN },
  { kind: 'raw', wat: un('f32', 'abs'), js: (x) => x & ~F32_SIGN },
  { kind: 'raw', wat: bin('f32', 'copysign'), js: (x, y) => (x & ~F32_SIGN) | (y & F32_SIGN) },
];

const F32_CONVERSIONS: readonly FloatOp[] = [
  { kind: 'i32', wat: '(i32.trunc_sat_f32_s (local.get $x))', js: (x) => truncSatI32(x) },
  { kind: 'i32', wat: '(i32.trunc_sat_f32_u (local.get $x))', js: (x) => truncSatU32(x) },
  { kind: 'value', wat: '(f32.convert_i32_s (i32.reinterpret_f32 (local.get $y)))', js: (_x, _y, _xb, yBits) => f(Number(BigInt.asIntN(32, yBits))) },
  { kind: 'value', wat: '(f32.convert_i32_u (i32.reinterpret_f32 (local.get $y)))', js: (_x, _y, _xb, yBits) => f(Number(yBits)) },
];

const F64_OPS: readonly FloatOp[] = [
  { kind: 'value', wat: bin('f64', 'add'), js: (x, y) => x + y },
  { kind: 'value', wat: bin('f64', 'sub'), js: (x, y) => x - y },
  { kind: 'value', wat: bin('f64', 'mul'), js: (x, y) => x * y },
  { kind: 'value', wat: bin('f64', 'div'), js: (x, y) => x / y },
  { kind: 'value', wat: un('f64', 'sqrt'), js: (x) => Math.sqrt(x) },
  { kind: 'value', wat: bin('f64', 'min'), js: (x, y) => Math.min(x, y) },
  { kind: 'value', wat: bin('f64', 'max'), js: (x, y) => Math.max(x, y) },
  { kind: 'value', wat: un('f64', 'nearest'), js: (x) => roundHalfEven(x) },
  { kind: 'value', wat: un('f64', 'floor'), js: (x) => Math.floor(x) },
  { kind: 'raw', wat: un('f64', 'neg'), js: (x) => x ^ F64_SIGN },
  { kind: 'raw', wat: bin('f64', 'copysign'), js: (x, y) => (x & ~F64_SIGN) | (y & F64_SIGN) },
  { kind: 'value', wat: '(f64.promote_f32 (f32.demote_f64 (local.get $x)))', js: (x) => f(x) },
  { kind: 'value', wat: '(f64.convert_i32_s (i32.trunc_sat_f64_s (local.get $x)))', js: (x) => truncSatI32(x) },
  { kind: 'value', wat: '(f64.convert_i32_u (i32.trunc_sat_f64_u (local.get $x)))', js: (x) => truncSatU32(x) },
  { kind: 'i32', wat: '(i32.trunc_sat_f64_s (local.get $y))', js: (_x, y) => truncSatI32(y) },
];

function floatCase(id: string, title: string, type: FloatType, ops: readonly FloatOp[], specials: readonly bigint[]): ConformanceCase {
  return floatOpsCase({ id, title, type, ops, operands: () => allPairs(specials) });
}

export const floatCases: readonly ConformanceCase[] = [
  floatCase('f32/arithmetic-specials', 'f32 add, sub, mul, div, sqrt, min, max over NaN, ±inf, ±0, subnormals and extremes (NaN results compared as NaN)', 'f32', F32_ARITHMETIC, F32_SPECIALS),
  floatCase('f32/rounding', 'f32 nearest (ties to even), ceil, floor, trunc over the specials, keeping the sign of zero', 'f32', F32_ROUNDING, F32_SPECIALS),
  floatCase('f32/sign-bits', 'f32 neg, abs, copysign are bit-exact, NaN payloads included', 'f32', F32_SIGN_BITS, F32_SPECIALS),
  floatCase('f32/conversions', 'i32.trunc_sat_f32_s/u and f32.convert_i32_s/u (round to nearest even) over the specials', 'f32', F32_CONVERSIONS, F32_SPECIALS),
  floatCase('f64/arithmetic', 'f64 arithmetic, nearest, floor, neg, copysign, demote/promote and saturating conversions over the f64 specials', 'f64', F64_OPS, F64_SPECIALS),
];
