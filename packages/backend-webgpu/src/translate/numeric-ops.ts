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

/** The f32 and f64 operations that work on bits alone, the same in both float modes (prelude/float-bits-wgsl.ts). */
function floatBits(type: 'f32' | 'f64'): Record<string, OpRule> {
  const f = (op: string) => `${type}_${op}`;
  const sign = type === 'f32' ? { abs: (a: string) => `(${a} & 0x7fffffffu)`, neg: (a: string) => `(${a} ^ 0x80000000u)`, copysign: (a: string, b: string) => `((${a} & 0x7fffffffu) | (${b} & 0x80000000u))` }
    : {
        abs: (a: string) => `vec2<u32>(${a}.x, ${a}.y & 0x7fffffffu)`,
        neg: (a: string) => `vec2<u32>(${a}.x, ${a}.y ^ 0x80000000u)`,
        copysign: (a: string, b: string) => `vec2<u32>(${a}.x, (${a}.y & 0x7fffffffu) | (${b}.y & 0x80000000u))`,
      };
  return {
    [`${type}.min`]: bin(type, helper(f('min'))),
    [`${type}.max`]: bin(type, helper(f('max'))),
    [`${type}.copysign`]: bin(type, sign.copysign),
    [`${type}.abs`]: un(type, sign.abs),
    [`${type}.neg`]: un(type, sign.neg),
    [`${type}.eq`]: bin(type, (a, b) => bool(`${f('eq')}(${a}, ${b})`)),
    [`${type}.ne`]: bin(type, (a, b) => bool(`!${f('eq')}(${a}, ${b})`)),
    [`${type}.lt`]: bin(type, (a, b) => bool(`${f('lt')}(${a}, ${b})`)),
    [`${type}.gt`]: bin(type, (a, b) => bool(`${f('lt')}(${b}, ${a})`)),
    [`${type}.le`]: bin(type, (a, b) => bool(`${f('le')}(${a}, ${b})`)),
    [`${type}.ge`]: bin(type, (a, b) => bool(`${f('le')}(${b}, ${a})`)),
    ...Object.fromEntries(['ceil', 'floor', 'trunc', 'nearest'].map((op) => [`${type}.${op}`, un(type, helper(f(op)))])),
  };
}

/** add, sub, mul, div, sqrt through helpers named `<prefix>_<op>`. */
function arithmetic(type: 'f32' | 'f64', prefix: string): Record<string, OpRule> {
  return {
    ...Object.fromEntries(['add', 'sub', 'mul', 'div'].map((op) => [`${type}.${op}`, bin(type, helper(`${prefix}_${op}`))])),
    [`${type}.sqrt`]: un(type, helper(`${prefix}_sqrt`)),
  };
}

/**
 * How f32 arithmetic runs: `exact`, integer soft-float, bit-identical to wasm on any adapter;
 * `native`, the GPU's float unit behind guards against shader-compiler rewrites
 * (prelude/f32-native-wgsl.ts), exact except where the hardware differs (subnormal flushing,
 * division and sqrt rounding), which the device measures and reports. f64 is always soft-float.
 */
export type FloatMode = 'exact' | 'native';

const TABLES: Record<FloatMode, Readonly<Record<string, OpRule>>> = {
  exact: { ...I32, ...I64, ...floatBits('f32'), ...floatBits('f64'), ...arithmetic('f32', 'f32'), ...arithmetic('f64', 'f64'), ...CONVERSIONS },
  native: { ...I32, ...I64, ...floatBits('f32'), ...floatBits('f64'), ...arithmetic('f32', 'f32n'), ...arithmetic('f64', 'f64'), ...CONVERSIONS },
};

export function numericOps(float: FloatMode): Readonly<Record<string, OpRule>> {
  return TABLES[float];
}

export function emitNumeric(em: FunctionEmitter, expr: Expr): string | undefined {
  if (expr.kind !== 'unary' && expr.kind !== 'binary') return NOT_MINE;
  const rule = TABLES[em.module.float][expr.op];
  if (!rule) throw unsupported(`the instruction \`${expr.op}\``, em.at(expr));
  const operands: Expr[] = expr.kind === 'unary' ? [(expr as UnaryExpr).value] : [(expr as BinaryExpr).left, (expr as BinaryExpr).right];
  const args = operands.map((operand, i) => em.value(operand, rule.operands[i]!));
  const result = em.temp(rule.wgsl(...args));
  if (rule.traps) em.checkTrap();
  return result;
}
