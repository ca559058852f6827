import type { BinaryExpr, Expr, UnaryExpr, ValueType } from '@wasi-parallel/kernel';
import { CONVERSIONS } from './conversions.js';
import { NOT_MINE, type FunctionEmitter } from './function-emitter.js';
import { unsupported } from './translate-error.js';

/** One operation: its WGSL, its operand types, and whether it may trap (then the emitter checks). */
export interface OpRule {
  readonly operands: readonly ValueType[];
  readonly wgsl: (...args: string[]) => string;
  readonly traps?: boolean;
}

const bool = (test: string): string => `select(0u, 1u, ${test})`;
const signed = (value: string): string => `bitcast<i32>(${value})`;
const bin = (type: ValueType, wgsl: (a: string, b: string) => string, traps = false): OpRule => ({ operands: [type, type], wgsl: wgsl as OpRule['wgsl'], traps });
const un = (type: ValueType, wgsl: (a: string) => string): OpRule => ({ operands: [type], wgsl: wgsl as OpRule['wgsl'] });
const helper = (name: string) => (...args: string[]): string => `${name}(${args.join(', ')})`;

/** i32 lives in `u32`: arithmetic wraps as wasm's does; signed forms bitcast. Shifts mask their count as wasm does. */
const I32: Record<string, OpRule> = {
  'i32.add': bin('i32', (a, b) => `(${a} + ${b})`),
  'i32.sub': bin('i32', (a, b) => `(${a} - ${b})`),
  'i32.mul': bin('i32', (a, b) => `(${a} * ${b})`),
  'i32.div_s': bin('i32', helper('i32_div_s'), true),
  'i32.div_u': bin('i32', helper('i32_div_u'), true),
  'i32.rem_s': bin('i32', helper('i32_rem_s'), true),
  'i32.rem_u': bin('i32', helper('i32_rem_u'), true),
  'i32.and': bin('i32', (a, b) => `(${a} & ${b})`),
  'i32.or': bin('i32', (a, b) => `(${a} | ${b})`),
  'i32.xor': bin('i32', (a, b) => `(${a} ^ ${b})`),
  'i32.shl': bin('i32', (a, b) => `(${a} << (${b} & 31u))`),
  'i32.shr_u': bin('i32', (a, b) => `(${a} >> (${b} & 31u))`),
  'i32.shr_s': bin('i32', (a, b) => `bitcast<u32>(${signed(a)} >> (${b} & 31u))`),
  'i32.rotl': bin('i32', helper('rotl32')),
  'i32.rotr': bin('i32', helper('rotr32')),
  'i32.eq': bin('i32', (a, b) => bool(`${a} == ${b}`)),
  'i32.ne': bin('i32', (a, b) => bool(`${a} != ${b}`)),
  'i32.lt_s': bin('i32', (a, b) => bool(`${signed(a)} < ${signed(b)}`)),
  'i32.lt_u': bin('i32', (a, b) => bool(`${a} < ${b}`)),
  'i32.gt_s': bin('i32', (a, b) => bool(`${signed(a)} > ${signed(b)}`)),
  'i32.gt_u': bin('i32', (a, b) => bool(`${a} > ${b}`)),
  'i32.le_s': bin('i32', (a, b) => bool(`${signed(a)} <= ${signed(b)}`)),
  'i32.le_u': bin('i32', (a, b) => bool(`${a} <= ${b}`)),
  'i32.ge_s': bin('i32', (a, b) => bool(`${signed(a)} >= ${signed(b)}`)),
  'i32.ge_u': bin('i32', (a, b) => bool(`${a} >= ${b}`)),
  'i32.eqz': un('i32', (a) => bool(`${a} == 0u`)),
  'i32.clz': un('i32', (a) => `countLeadingZeros(${a})`),
  'i32.ctz': un('i32', (a) => `countTrailingZeros(${a})`),
  'i32.popcnt': un('i32', (a) => `countOneBits(${a})`),
  'i32.extend8_s': un('i32', helper('sext8')),
  'i32.extend16_s': un('i32', helper('sext16')),
};

/** i64 lives in `vec2<u32>` (x low, y high); the prelude's helpers are exact. */
const I64: Record<string, OpRule> = {
  'i64.add': bin('i64', helper('i64_add')),
  'i64.sub': bin('i64', helper('i64_sub')),
  'i64.mul': bin('i64', helper('i64_mul')),
  'i64.div_s': bin('i64', helper('i64_div_s'), true),
  'i64.div_u': bin('i64', helper('i64_div_u'), true),
  'i64.rem_s': bin('i64', helper('i64_rem_s'), true),
  'i64.rem_u': bin('i64', helper('i64_rem_u'), true),
  'i64.and': bin('i64', (a, b) => `(${a} & ${b})`),
  'i64.or': bin('i64', (a, b) => `(${a} | ${b})`),
  'i64.xor': bin('i64', (a, b) => `(${a} ^ ${b})`),
  'i64.shl': bin('i64', (a, b) => `i64_shl(${a}, ${b}.x)`),
  'i64.shr_u': bin('i64', (a, b) => `i64_shr_u(${a}, ${b}.x)`),
  'i64.shr_s': bin('i64', (a, b) => `i64_shr_s(${a}, ${b}.x)`),
  'i64.rotl': bin('i64', (a, b) => `i64_rotl(${a}, ${b}.x)`),
  'i64.rotr': bin('i64', (a, b) => `i64_rotr(${a}, ${b}.x)`),
  'i64.eq': bin('i64', (a, b) => bool(`all(${a} == ${b})`)),
  'i64.ne': bin('i64', (a, b) => bool(`any(${a} != ${b})`)),
  'i64.lt_s': bin('i64', (a, b) => bool(`i64_lt_s(${a}, ${b})`)),
  'i64.lt_u': bin('i64', (a, b) => bool(`i64_lt_u(${a}, ${b})`)),
  'i64.gt_s': bin('i64', (a, b) => bool(`i64_lt_s(${b}, ${a})`)),
  'i64.gt_u': bin('i64', (a, b) => bool(`i64_lt_u(${b}, ${a})`)),
  'i64.le_s': bin('i64', (a, b) => bool(`!i64_lt_s(${b}, ${a})`)),
  'i64.le_u': bin('i64', (a, b) => bool(`!i64_lt_u(${b}, ${a})`)),
  'i64.ge_s': bin('i64', (a, b) => bool(`!i64_lt_s(${a}, ${b})`)),
  'i64.ge_u': bin('i64', (a, b) => bool(`!i64_lt_u(${a}, ${b})`)),
  'i64.eqz': un('i64', (a) => bool(`all(${a} == vec2<u32>(0u, 0u))`)),
  'i64.clz': un('i64', helper('i64_clz')),
  'i64.ctz': un('i64', helper('i64_ctz')),
  'i64.popcnt': un('i64', (a) => `vec2<u32>(countOneBits(${a}.x) + countOneBits(${a}.y), 0u)`),
  'i64.extend8_s': un('i64', (a) => `i64_extend_i32_s(sext8(${a}.x))`),
  'i64.extend16_s': un('i64', (a) => `i64_extend_i32_s(sext16(${a}.x))`),
  'i64.extend32_s': un('i64', (a) => `i64_extend_i32_s(${a}.x)`),
};

/**
 * f32: arithmetic is WGSL's; what wasm pins down beyond IEEE (NaN-propagating min/max, −0
 * ordering, bitwise abs/neg/copysign, NaN-false comparisons) goes through helpers that test
 * bits, which no fast-math assumption can fold away.
 */
const F32: Record<string, OpRule> = {
  'f32.add': bin('f32', (a, b) => `(${a} + ${b})`),
  'f32.sub': bin('f32', (a, b) => `(${a} - ${b})`),
  'f32.mul': bin('f32', helper('f32_mul')),
  'f32.div': bin('f32', (a, b) => `(${a} / ${b})`),
  'f32.min': bin('f32', helper('f32_min')),
  'f32.max': bin('f32', helper('f32_max')),
  'f32.copysign': bin('f32', (a, b) => `bitcast<f32>((bitcast<u32>(${a}) & 0x7fffffffu) | (bitcast<u32>(${b}) & 0x80000000u))`),
  'f32.eq': bin('f32', (a, b) => bool(`f32_eq(${a}, ${b})`)),
  'f32.ne': bin('f32', (a, b) => bool(`!f32_eq(${a}, ${b})`)),
  'f32.lt': bin('f32', (a, b) => bool(`f32_lt(${a}, ${b})`)),
  'f32.gt': bin('f32', (a, b) => bool(`f32_lt(${b}, ${a})`)),
  'f32.le': bin('f32', (a, b) => bool(`f32_le(${a}, ${b})`)),
  'f32.ge': bin('f32', (a, b) => bool(`f32_le(${b}, ${a})`)),
  'f32.abs': un('f32', (a) => `bitcast<f32>(bitcast<u32>(${a}) & 0x7fffffffu)`),
  'f32.neg': un('f32', (a) => `bitcast<f32>(bitcast<u32>(${a}) ^ 0x80000000u)`),
  'f32.sqrt': un('f32', (a) => `sqrt(${a})`),
  'f32.ceil': un('f32', helper('f32_ceil')),
  'f32.floor': un('f32', helper('f32_floor')),
  'f32.trunc': un('f32', helper('f32_trunc')),
  // WGSL's round() rounds half to even, as wasm's nearest does.
  'f32.nearest': un('f32', helper('f32_nearest')),
};

export const NUMERIC_OPS: Readonly<Record<string, OpRule>> = { ...I32, ...I64, ...F32, ...CONVERSIONS };

export function emitNumeric(em: FunctionEmitter, expr: Expr): string | undefined {
  if (expr.kind !== 'unary' && expr.kind !== 'binary') return NOT_MINE;
  const rule = NUMERIC_OPS[expr.op];
  if (!rule) {
    if (/f64/.test(expr.op)) throw unsupported(`the f64 instruction \`${expr.op}\` (f64 has no WGSL type)`, em.at(expr));
    throw unsupported(`the instruction \`${expr.op}\``, em.at(expr));
  }
  const operands: Expr[] = expr.kind === 'unary' ? [(expr as UnaryExpr).value] : [(expr as BinaryExpr).left, (expr as BinaryExpr).right];
  const args = operands.map((operand, i) => em.value(operand, rule.operands[i]!));
  const result = em.temp(rule.wgsl(...args));
  if (rule.traps) em.checkTrap();
  return result;
}
