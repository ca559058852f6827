/**
 * Binaryen names operations `AddInt32`, `TruncSatSFloat32ToInt64`, `AddVecI32x4`; the IR uses
 * the text-format names (`i32.add`, `i64.trunc_sat_f32_s`, `i32x4.add`) so translators read
 * like the spec. This turns one into the other by the naming scheme binaryen follows, with a
 * table for the irregular names.
 */

const SCALAR: Readonly<Record<string, string>> = { Int32: 'i32', Int64: 'i64', Float32: 'f32', Float64: 'f64' };
const SHAPES = ['I8x16', 'I16x8', 'I32x4', 'I64x2', 'F32x4', 'F64x2'];

const IRREGULAR: Readonly<Record<string, string>> = {
  ExtendSInt32: 'i64.extend_i32_s',
  ExtendUInt32: 'i64.extend_i32_u',
  WrapInt64: 'i32.wrap_i64',
  ReinterpretFloat32: 'i32.reinterpret_f32',
  ReinterpretFloat64: 'i64.reinterpret_f64',
  ReinterpretInt32: 'f32.reinterpret_i32',
  ReinterpretInt64: 'f64.reinterpret_i64',
  PromoteFloat32: 'f64.promote_f32',
  DemoteFloat64: 'f32.demote_f64',
  ExtendS8Int32: 'i32.extend8_s',
  ExtendS16Int32: 'i32.extend16_s',
  ExtendS8Int64: 'i64.extend8_s',
  ExtendS16Int64: 'i64.extend16_s',
  ExtendS32Int64: 'i64.extend32_s',
  AnyTrueVec128: 'v128.any_true',
  NotVec128: 'v128.not',
  AndVec128: 'v128.and',
  OrVec128: 'v128.or',
  XorVec128: 'v128.xor',
  AndNotVec128: 'v128.andnot',
  BitselectVec128: 'v128.bitselect',
  DotSVecI16x8ToVecI32x4: 'i32x4.dot_i16x8_s',
  SwizzleVecI8x16: 'i8x16.swizzle',
  DemoteZeroVecF64x2ToVecF32x4: 'f32x4.demote_f64x2_zero',
  PromoteLowVecF32x4ToVecF64x2: 'f64x2.promote_low_f32x4',
  Q15MulrSatSVecI16x8: 'i16x8.q15mulr_sat_s',
  TruncSatZeroSVecF64x2ToVecI32x4: 'i32x4.trunc_sat_f64x2_s_zero',
  TruncSatZeroUVecF64x2ToVecI32x4: 'i32x4.trunc_sat_f64x2_u_zero',
};

const WHOLE_NAMES: Readonly<Record<string, string>> = {
  EqZ: 'eqz',
  CopySign: 'copysign',
  RotL: 'rotl',
  RotR: 'rotr',
  PMin: 'pmin',
  PMax: 'pmax',
};

/** `DivS` → `div_s`, `EqZ` → `eqz`, `CopySign` → `copysign`, `RotL` → `rotl`, `AddSatS` → `add_sat_s`. */
function snake(name: string): string {
  const whole = WHOLE_NAMES[name];
  if (whole) return whole;
  return name
    .replace(/^(Div|Rem|Lt|Le|Gt|Ge|Shr|Min|Max|Avgr|ExtractLane|Narrow|Trunc|Convert)([SU])$/, '$1_$2')
    .replace(/(Sat|Low|High|Lane)([SU])$/, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function shapeName(shape: string): string {
  return shape.toLowerCase();
}

export function textOpName(binaryenName: string): string {
  const irregular = IRREGULAR[binaryenName];
  if (irregular) return irregular;
  // Relaxed SIMD keeps binaryen's name, marked so nobody mistakes it for the text format.
  if (binaryenName.startsWith('Relaxed')) return `binaryen.${binaryenName}`;
  let match = /^(TruncSat|Trunc)([SU])(Float32|Float64)To(Int32|Int64)$/.exec(binaryenName);
  if (match) return `${SCALAR[match[4]!]}.${match[1] === 'TruncSat' ? 'trunc_sat' : 'trunc'}_${SCALAR[match[3]!]}_${match[2]!.toLowerCase()}`;
  match = /^Convert([SU])(Int32|Int64)To(Float32|Float64)$/.exec(binaryenName);
  if (match) return `${SCALAR[match[3]!]}.convert_${SCALAR[match[2]!]}_${match[1]!.toLowerCase()}`;
  match = /^([A-Za-z]+?)(Int32|Int64|Float32|Float64)$/.exec(binaryenName);
  if (match) return `${SCALAR[match[2]!]}.${snake(match[1]!)}`;
  // SIMD conversions between shapes: ExtendLowSVecI8x16ToVecI16x8 → i16x8.extend_low_i8x16_s.
  match = /^([A-Za-z]+?)([SU]?)Vec(\w+?)ToVec(\w+)$/.exec(binaryenName);
  if (match && SHAPES.includes(match[3]!) && SHAPES.includes(match[4]!)) {
    const sign = match[2] ? `_${match[2].toLowerCase()}` : '';
    return `${shapeName(match[4]!)}.${snake(match[1]!)}_${shapeName(match[3]!)}${sign}`;
  }
  match = /^ExtAddPairwise([SU])Vec(\w+)To(\w+)$/.exec(binaryenName);
  if (match) return `${shapeName(match[3]!)}.extadd_pairwise_${shapeName(match[2]!)}_${match[1]!.toLowerCase()}`;
  match = /^ExtMul(Low|High)([SU])Vec(\w+)$/.exec(binaryenName);
  if (match) {
    const wide = match[3]!;
    const narrow = { I16x8: 'i8x16', I32x4: 'i16x8', I64x2: 'i32x4' }[wide] ?? '?';
    return `${shapeName(wide)}.extmul_${match[1]!.toLowerCase()}_${narrow}_${match[2]!.toLowerCase()}`;
  }
  match = /^([A-Za-z0-9]+?)Vec(I8x16|I16x8|I32x4|I64x2|F32x4|F64x2)$/.exec(binaryenName);
  if (match) return `${shapeName(match[2]!)}.${snake(match[1]!)}`;
  match = /^(Load|Store)(\w+)Vec128$/.exec(binaryenName);
  if (match) return `v128.${match[1]!.toLowerCase()}${snake(match[2]!).replace(/^_/, '')}`;
  // Reference, string and wide-arithmetic ops: no kernel may use them; keep binaryen's name.
  return `binaryen.${binaryenName}`;
}

/**
 * binaryen numbers each family of operations from 0 (UnaryOp, BinaryOp, SIMDExtractOp, …), so
 * one number means different ops in different expression kinds. The family of a name follows
 * from binaryen's naming.
 */
export type OpFamily = 'unary' | 'binary' | 'extract' | 'replace' | 'shift' | 'ternary' | 'simdLoad' | 'lane' | 'rmw' | 'other';

const UNARY = /^(Clz|Ctz|Popcnt|Neg|Abs|Ceil|Floor|Trunc|Nearest|Sqrt|EqZ|Extend|Wrap|Reinterpret|Convert|Promote|Demote|Splat|Not|AnyTrue|AllTrue|Bitmask|ExtAddPairwise|RelaxedTrunc)/;

export function opFamily(binaryenName: string): OpFamily {
  if (/^(Ref|BrOn|String)|Int128$|^MulWide/.test(binaryenName)) return 'other';
  if (binaryenName.startsWith('AtomicRMW')) return 'rmw';
  if (binaryenName.startsWith('ExtractLane')) return 'extract';
  if (binaryenName.startsWith('ReplaceLane')) return 'replace';
  if (/^(Shl|ShrS|ShrU)Vec/.test(binaryenName)) return 'shift';
  if (/^(Bitselect|RelaxedMadd|RelaxedNmadd|RelaxedLaneselect|RelaxedDot\w+AddS)/.test(binaryenName)) return 'ternary';
  if (/^(Load|Store)\d+LaneVec128$/.test(binaryenName)) return 'lane';
  if (/^Load\w+Vec128$/.test(binaryenName)) return 'simdLoad';
  return UNARY.test(binaryenName) ? 'unary' : 'binary';
}

/** Reverse of binaryen's `Operations` table per family (number → text name), built once. */
export function operationNames(operations: Readonly<Record<string, number>>): Map<OpFamily, Map<number, string>> {
  const families = new Map<OpFamily, Map<number, string>>();
  for (const [name, value] of Object.entries(operations)) {
    const family = opFamily(name);
    if (!families.has(family)) families.set(family, new Map());
    families.get(family)!.set(value, textOpName(name));
  }
  return families;
}
