import type { OperatorClass } from '../profiles/profile.js';

/**
 * One rule per numeric wasm operation: the operator class it is priced and scheduled as, and
 * the JS that computes it. Operands arrive as JS identifiers holding the simulator's value
 * representation (i32: int32 number; i64: bigint; f32: its bits as an int32; f64: a double);
 * `R` is the runtime helper object, `N`/`U` are `BigInt.asIntN`/`BigInt.asUintN`. A rule with
 * `traps` lists conditions (over the operands) under which the operation traps, in wasm's order.
 */
export interface OpRule {
  readonly cls: OperatorClass;
  readonly js: (a: string, b: string) => string;
  readonly traps?: readonly { readonly when: (a: string, b: string) => string; readonly message: string }[];
}

const DIVIDE_BY_ZERO = 'integer divide by zero';
const OVERFLOW = 'integer overflow';
const INVALID_CONVERSION = 'invalid conversion to integer';

const rule = (cls: OperatorClass, js: OpRule['js'], traps?: OpRule['traps']): OpRule => (traps ? { cls, js, traps } : { cls, js });
const f32 = (x: string): string => `R.f32Value(${x})`;

function intRules(): Record<string, OpRule> {
  const zero32 = { when: (_: string, b: string) => `${b} === 0`, message: DIVIDE_BY_ZERO };
  const zero64 = { when: (_: string, b: string) => `${b} === 0n`, message: DIVIDE_BY_ZERO };
  return {
    'i32.add': rule('int.add', (a, b) => `(${a} + ${b}) | 0`),
    'i32.sub': rule('int.add', (a, b) => `(${a} - ${b}) | 0`),
    'i32.mul': rule('int.mul', (a, b) => `Math.imul(${a}, ${b})`),
    'i32.div_s': rule('int.div', (a, b) => `(${a} / ${b}) | 0`, [zero32, { when: (a, b) => `${a} === -2147483648 && ${b} === -1`, message: OVERFLOW }]),
    'i32.div_u': rule('int.div', (a, b) => `((${a} >>> 0) / (${b} >>> 0)) | 0`, [zero32]),
    'i32.rem_s': rule('int.div', (a, b) => `(${a} % ${b}) | 0`, [zero32]),
    'i32.rem_u': rule('int.div', (a, b) => `((${a} >>> 0) % (${b} >>> 0)) | 0`, [zero32]),
    'i32.and': rule('int.logic', (a, b) => `${a} & ${b}`),
    'i32.or': rule('int.logic', (a, b) => `${a} | ${b}`),
    'i32.xor': rule('int.logic', (a, b) => `${a} ^ ${b}`),
    'i32.shl': rule('int.shift', (a, b) => `${a} << ${b}`),
    'i32.shr_s': rule('int.shift', (a, b) => `${a} >> ${b}`),
    'i32.shr_u': rule('int.shift', (a, b) => `(${a} >>> ${b}) | 0`),
    'i32.rotl': rule('int.shift', (a, b) => `R.rotl32(${a}, ${b})`),
    'i32.rotr': rule('int.shift', (a, b) => `R.rotr32(${a}, ${b})`),
    'i32.eq': rule('int.add', (a, b) => `+(${a} === ${b})`),
    'i32.ne': rule('int.add', (a, b) => `+(${a} !== ${b})`),
    'i32.lt_s': rule('int.add', (a, b) => `+(${a} < ${b})`),
    'i32.lt_u': rule('int.add', (a, b) => `+((${a} >>> 0) < (${b} >>> 0))`),
    'i32.gt_s': rule('int.add', (a, b) => `+(${a} > ${b})`),
    'i32.gt_u': rule('int.add', (a, b) => `+((${a} >>> 0) > (${b} >>> 0))`),
    'i32.le_s': rule('int.add', (a, b) => `+(${a} <= ${b})`),
    'i32.le_u': rule('int.add', (a, b) => `+((${a} >>> 0) <= (${b} >>> 0))`),
    'i32.ge_s': rule('int.add', (a, b) => `+(${a} >= ${b})`),
    'i32.ge_u': rule('int.add', (a, b) => `+((${a} >>> 0) >= (${b} >>> 0))`),
    'i32.eqz': rule('int.add', (a) => `+(${a} === 0)`),
    'i32.clz': rule('int.logic', (a) => `Math.clz32(${a})`),
    'i32.ctz': rule('int.logic', (a) => `R.ctz32(${a})`),
    'i32.popcnt': rule('int.add', (a) => `R.popcnt32(${a})`),
    'i32.extend8_s': rule('wire', (a) => `(${a} << 24) >> 24`),
    'i32.extend16_s': rule('wire', (a) => `(${a} << 16) >> 16`),
    'i32.wrap_i64': rule('wire', (a) => `Number(N(32, ${a}))`),
    'i64.add': rule('int.add', (a, b) => `N(64, ${a} + ${b})`),
    'i64.sub': rule('int.add', (a, b) => `N(64, ${a} - ${b})`),
    'i64.mul': rule('i64.mul', (a, b) => `N(64, ${a} * ${b})`),
    'i64.div_s': rule('i64.div', (a, b) => `N(64, ${a} / ${b})`, [zero64, { when: (a, b) => `${a} === -9223372036854775808n && ${b} === -1n`, message: OVERFLOW }]),
    'i64.div_u': rule('i64.div', (a, b) => `N(64, U(64, ${a}) / U(64, ${b}))`, [zero64]),
    'i64.rem_s': rule('i64.div', (a, b) => `${a} % ${b}`, [zero64]),
    'i64.rem_u': rule('i64.div', (a, b) => `N(64, U(64, ${a}) % U(64, ${b}))`, [zero64]),
    'i64.and': rule('int.logic', (a, b) => `${a} & ${b}`),
    'i64.or': rule('int.logic', (a, b) => `${a} | ${b}`),
    'i64.xor': rule('int.logic', (a, b) => `${a} ^ ${b}`),
    'i64.shl': rule('int.shift', (a, b) => `N(64, ${a} << (${b} & 63n))`),
    'i64.shr_s': rule('int.shift', (a, b) => `${a} >> (${b} & 63n)`),
    'i64.shr_u': rule('int.shift', (a, b) => `N(64, U(64, ${a}) >> (${b} & 63n))`),
    'i64.rotl': rule('int.shift', (a, b) => `R.rotl64(${a}, ${b})`),
    'i64.rotr': rule('int.shift', (a, b) => `R.rotr64(${a}, ${b})`),
    'i64.eq': rule('int.add', (a, b) => `+(${a} === ${b})`),
    'i64.ne': rule('int.add', (a, b) => `+(${a} !== ${b})`),
    'i64.lt_s': rule('int.add', (a, b) => `+(${a} < ${b})`),
    'i64.lt_u': rule('int.add', (a, b) => `+(U(64, ${a}) < U(64, ${b}))`),
    'i64.gt_s': rule('int.add', (a, b) => `+(${a} > ${b})`),
    'i64.gt_u': rule('int.add', (a, b) => `+(U(64, ${a}) > U(64, ${b}))`),
    'i64.le_s': rule('int.add', (a, b) => `+(${a} <= ${b})`),
    'i64.le_u': rule('int.add', (a, b) => `+(U(64, ${a}) <= U(64, ${b}))`),
    'i64.ge_s': rule('int.add', (a, b) => `+(${a} >= ${b})`),
    'i64.ge_u': rule('int.add', (a, b) => `+(U(64, ${a}) >= U(64, ${b}))`),
    'i64.eqz': rule('int.add', (a) => `+(${a} === 0n)`),
    'i64.clz': rule('int.logic', (a) => `R.clz64(${a})`),
    'i64.ctz': rule('int.logic', (a) => `R.ctz64(${a})`),
    'i64.popcnt': rule('int.add', (a) => `R.popcnt64(${a})`),
    'i64.extend8_s': rule('wire', (a) => `N(8, ${a})`),
    'i64.extend16_s': rule('wire', (a) => `N(16, ${a})`),
    'i64.extend32_s': rule('wire', (a) => `N(32, ${a})`),
    'i64.extend_i32_s': rule('wire', (a) => `BigInt(${a})`),
    'i64.extend_i32_u': rule('wire', (a) => `BigInt(${a} >>> 0)`),
  };
}

function floatRules(): Record<string, OpRule> {
  return {
    'f32.add': rule('f32.add', (a, b) => `R.round32(${f32(a)} + ${f32(b)}, ${a}, ${b})`),
    'f32.sub': rule('f32.add', (a, b) => `R.round32(${f32(a)} - ${f32(b)}, ${a}, ${b})`),
    'f32.mul': rule('f32.mul', (a, b) => `R.round32(${f32(a)} * ${f32(b)}, ${a}, ${b})`),
    'f32.div': rule('f32.div', (a, b) => `R.round32(${f32(a)} / ${f32(b)}, ${a}, ${b})`),
    'f32.min': rule('f32.cmp', (a, b) => `R.min32(${a}, ${b})`),
    'f32.max': rule('f32.cmp', (a, b) => `R.max32(${a}, ${b})`),
    'f32.copysign': rule('wire', (a, b) => `(${a} & 0x7fffffff) | (${b} & -2147483648)`),
    'f32.eq': rule('f32.cmp', (a, b) => `+(${f32(a)} === ${f32(b)})`),
    'f32.ne': rule('f32.cmp', (a, b) => `+(${f32(a)} !== ${f32(b)})`),
    'f32.lt': rule('f32.cmp', (a, b) => `+(${f32(a)} < ${f32(b)})`),
    'f32.gt': rule('f32.cmp', (a, b) => `+(${f32(a)} > ${f32(b)})`),
    'f32.le': rule('f32.cmp', (a, b) => `+(${f32(a)} <= ${f32(b)})`),
    'f32.ge': rule('f32.cmp', (a, b) => `+(${f32(a)} >= ${f32(b)})`),
    'f32.abs': rule('wire', (a) => `${a} & 0x7fffffff`),
    'f32.neg': rule('wire', (a) => `${a} ^ -2147483648`),
    'f32.ceil': rule('f32.round', (a) => `R.unary32(Math.ceil(${f32(a)}), ${a})`),
    'f32.floor': rule('f32.round', (a) => `R.unary32(Math.floor(${f32(a)}), ${a})`),
    'f32.trunc': rule('f32.round', (a) => `R.unary32(Math.trunc(${f32(a)}), ${a})`),
    'f32.nearest': rule('f32.round', (a) => `R.unary32(R.nearest(${f32(a)}), ${a})`),
    'f32.sqrt': rule('f32.sqrt', (a) => `R.unary32(Math.sqrt(${f32(a)}), ${a})`),
    'f32.convert_i32_s': rule('f32.convert', (a) => `R.f32Bits(${a})`),
    'f32.convert_i32_u': rule('f32.convert', (a) => `R.f32Bits(${a} >>> 0)`),
    'f32.convert_i64_s': rule('f32.convert', (a) => `R.f32Bits(R.bigintToFloat(${a}, true))`),
    'f32.convert_i64_u': rule('f32.convert', (a) => `R.f32Bits(R.bigintToFloat(U(64, ${a}), true))`),
    'f32.demote_f64': rule('float.width', (a) => `R.demote(${a})`),
    'f32.reinterpret_i32': rule('wire', (a) => a),
    'i32.reinterpret_f32': rule('wire', (a) => a),
    'f64.add': rule('f64.add', (a, b) => `R.round64(${a} + ${b}, ${a}, ${b})`),
    'f64.sub': rule('f64.add', (a, b) => `R.round64(${a} - ${b}, ${a}, ${b})`),
    'f64.mul': rule('f64.mul', (a, b) => `R.round64(${a} * ${b}, ${a}, ${b})`),
    'f64.div': rule('f64.div', (a, b) => `R.round64(${a} / ${b}, ${a}, ${b})`),
    'f64.min': rule('f64.cmp', (a, b) => `R.min64(${a}, ${b})`),
    'f64.max': rule('f64.cmp', (a, b) => `R.max64(${a}, ${b})`),
    'f64.copysign': rule('wire', (a, b) => `R.f64Copysign(${a}, ${b})`),
    'f64.eq': rule('f64.cmp', (a, b) => `+(${a} === ${b})`),
    'f64.ne': rule('f64.cmp', (a, b) => `+(${a} !== ${b})`),
    'f64.lt': rule('f64.cmp', (a, b) => `+(${a} < ${b})`),
    'f64.gt': rule('f64.cmp', (a, b) => `+(${a} > ${b})`),
    'f64.le': rule('f64.cmp', (a, b) => `+(${a} <= ${b})`),
    'f64.ge': rule('f64.cmp', (a, b) => `+(${a} >= ${b})`),
    'f64.abs': rule('wire', (a) => `R.f64Abs(${a})`),
    'f64.neg': rule('wire', (a) => `R.f64Neg(${a})`),
    'f64.ceil': rule('f64.round', (a) => `R.unary64(Math.ceil(${a}), ${a})`),
    'f64.floor': rule('f64.round', (a) => `R.unary64(Math.floor(${a}), ${a})`),
    'f64.trunc': rule('f64.round', (a) => `R.unary64(Math.trunc(${a}), ${a})`),
    'f64.nearest': rule('f64.round', (a) => `R.unary64(R.nearest(${a}), ${a})`),
    'f64.sqrt': rule('f64.sqrt', (a) => `R.unary64(Math.sqrt(${a}), ${a})`),
    'f64.convert_i32_s': rule('f64.convert', (a) => a),
    'f64.convert_i32_u': rule('f64.convert', (a) => `${a} >>> 0`),
    'f64.convert_i64_s': rule('f64.convert', (a) => `R.bigintToFloat(${a}, false)`),
    'f64.convert_i64_u': rule('f64.convert', (a) => `R.bigintToFloat(U(64, ${a}), false)`),
    'f64.promote_f32': rule('float.width', (a) => `R.promote(${a})`),
    'f64.reinterpret_i64': rule('wire', (a) => `R.f64FromBits(${a})`),
    'i64.reinterpret_f64': rule('wire', (a) => `R.f64Bits(${a})`),
  };
}

/** `<int>.trunc[_sat]_<float>_<s|u>`: float → int conversions, trapping or saturating. */
function truncRules(): Record<string, OpRule> {
  const rules: Record<string, OpRule> = {};
  for (const to of ['i32', 'i64'] as const) {
    for (const from of ['f32', 'f64'] as const) {
      for (const sign of ['s', 'u'] as const) {
        const value = (a: string): string => (from === 'f32' ? f32(a) : a);
        const cls: OperatorClass = from === 'f32' ? 'f32.convert' : 'f64.convert';
        const [min, limit] = to === 'i32' ? (sign === 's' ? ['-2147483648', '2147483648'] : ['0', '4294967296']) : sign === 's' ? ['-9223372036854775808', '9223372036854775808'] : ['0', '18446744073709551616'];
        const exact = (a: string): string => (to === 'i32' ? `Math.trunc(${value(a)}) | 0` : `N(64, BigInt(Math.trunc(${value(a)})))`);
        rules[`${to}.trunc_${from}_${sign}`] = rule(cls, exact, [
          { when: (a) => `${value(a)} !== ${value(a)}`, message: INVALID_CONVERSION },
          { when: (a) => `!R.truncFits(${value(a)}, ${min}, ${limit})`, message: OVERFLOW },
        ]);
        rules[`${to}.trunc_sat_${from}_${sign}`] = rule(
          cls,
          to === 'i32' ? (a) => `R.truncSat(${value(a)}, ${min}, ${sign === 's' ? '2147483647' : '4294967295'}) | 0` : (a) => `R.truncSatI64(${value(a)}, ${sign === 'u'})`,
        );
      }
    }
  }
  return rules;
}

export const OP_RULES: Readonly<Record<string, OpRule>> = Object.freeze({ ...intRules(), ...floatRules(), ...truncRules() });
