import type { BinaryExpr, Expr, LoadExpr, UnaryExpr, ValueType } from '../ir/types.js';
import { COST } from './cost.js';
import { FULL } from './lane-state.js';
import { UNIFORM, VARYING, shapeOf } from './lane-shape.js';
import { NotVectorisable } from './not-vectorisable.js';
import { EXEC, NO_LANES, asVector, laneActive, laneOf, vectorType, type LaneValue, type VectorContext } from './vector-context.js';
import { globalName, localName } from './wat-scalar.js';
import { constText, i32, loadOp, memarg } from './wat-text.js';

/**
 * Operations whose SIMD instruction gives, lane by lane, exactly the bits of the scalar one
 * (wasm SIMD integer arithmetic wraps like scalar; f32x4 add/sub/mul/div/sqrt, ceil/floor/trunc,
 * neg/abs, the i32 conversions and the saturating truncations are defined lane-wise as the
 * scalar instructions are). `test/vectorise-ops.test.ts` checks each against the scalar one on
 * edge values (NaNs, ±0, ±∞, limits). f32 min/max/nearest stay lane by lane, as the issue asks.
 */
const SIMD_UNARY: Readonly<Record<string, string>> = {
  'f32.neg': 'f32x4.neg',
  'f32.abs': 'f32x4.abs',
  'f32.sqrt': 'f32x4.sqrt',
  'f32.ceil': 'f32x4.ceil',
  'f32.floor': 'f32x4.floor',
  'f32.trunc': 'f32x4.trunc',
  'f32.convert_i32_s': 'f32x4.convert_i32x4_s',
  'f32.convert_i32_u': 'f32x4.convert_i32x4_u',
  'i32.trunc_sat_f32_s': 'i32x4.trunc_sat_f32x4_s',
  'i32.trunc_sat_f32_u': 'i32x4.trunc_sat_f32x4_u',
};
const SIMD_BINARY: Readonly<Record<string, string>> = {
  'i32.add': 'i32x4.add',
  'i32.sub': 'i32x4.sub',
  'i32.mul': 'i32x4.mul',
  'i32.and': 'v128.and',
  'i32.or': 'v128.or',
  'i32.xor': 'v128.xor',
  'f32.add': 'f32x4.add',
  'f32.sub': 'f32x4.sub',
  'f32.mul': 'f32x4.mul',
  'f32.div': 'f32x4.div',
};
/** Shifts take one scalar count for all lanes (modulo 32, as the scalar shifts do). */
const SIMD_SHIFT: Readonly<Record<string, string>> = { 'i32.shl': 'i32x4.shl', 'i32.shr_s': 'i32x4.shr_s', 'i32.shr_u': 'i32x4.shr_u' };
const COMPARISON = /^(i32|f32)\.(eq|ne|lt|gt|le|ge)(_[su])?$/;
/** Lane by lane, and only for active lanes: they trap. */
const TRAPPING = new Set(['i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.trunc_f32_s', 'i32.trunc_f32_u']);
/** Lane by lane, no SIMD instruction with the scalar's bits. */
const LANEWISE = new Set(['i32.rotl', 'i32.rotr', 'i32.clz', 'i32.ctz', 'i32.popcnt', 'f32.min', 'f32.max', 'f32.nearest', ...TRAPPING]);

const SIGN_BIT = i32(0x8000_0000);

function varying(type: 'i32' | 'f32', code: string): LaneValue {
  return { kind: 'varying', type, code };
}

/** A comparison's i32 result (0 or 1) from its all-ones / zero mask. */
function fromMask(mask: string): LaneValue {
  return varying('i32', `(i32x4.shr_u ${mask} (i32.const 31))`);
}

/**
 * An operation one lane at a time: four scalar operations whose results are gathered into
 * a v128. A trapping one runs only for active lanes (an inactive lane's operands are
 * whatever it left behind), in lane order, so the first lane to trap traps first.
 */
function lanewise(ctx: VectorContext, type: 'i32' | 'f32', args: readonly LaneValue[], op: (lanes: string[]) => string, traps: boolean): LaneValue {
  ctx.charge(COST.PER_LANE_OP + (traps && ctx.state !== FULL ? COST.MASKED_EXTRA : 0));
  const stable = args.map((arg) => ctx.stable(arg));
  const lane = (k: number): string => op(stable.map((arg) => laneOf(arg, k)));
  if (!traps || ctx.state === FULL) {
    let code = `(${type}x4.splat ${lane(0)})`;
    for (let k = 1; k < 4; k++) code = `(${type}x4.replace_lane ${k} ${code} ${lane(k)})`;
    return varying(type, code);
  }
  const result = ctx.temp('v128');
  ctx.prelude.push(`(local.set ${result} ${NO_LANES})`);
  for (let k = 0; k < 4; k++) {
    ctx.prelude.push(`(if ${laneActive(k)} (then (local.set ${result} (${type}x4.replace_lane ${k} (local.get ${result}) ${lane(k)}))))`);
  }
  return varying(type, `(local.get ${result})`);
}

/** The all-ones / zero mask of lanes where an i32 condition holds. */
export function conditionMask(ctx: VectorContext, expr: Expr): string {
  if (expr.kind === 'binary' && COMPARISON.test(expr.op)) {
    const [type, name] = expr.op.split('.') as [string, string];
    return `(${type}x4.${name} ${asVector(laneValue(ctx, expr.left), expr.loc)} ${asVector(laneValue(ctx, expr.right), expr.loc)})`;
  }
  if (expr.kind === 'unary' && expr.op === 'i32.eqz') {
    const inner = expr.value;
    // `!(a < b)`: the comparison's mask inverted, not its 0/1 value compared with 0.
    if ((inner.kind === 'binary' && COMPARISON.test(inner.op)) || (inner.kind === 'unary' && inner.op === 'i32.eqz')) return `(v128.not ${conditionMask(ctx, inner)})`;
    return `(i32x4.eq ${asVector(laneValue(ctx, inner), expr.loc)} ${NO_LANES})`;
  }
  return `(i32x4.ne ${asVector(laneValue(ctx, expr), expr.loc)} ${NO_LANES})`;
}

function unary(ctx: VectorContext, expr: UnaryExpr, value: LaneValue): LaneValue {
  const type = vectorType(expr.type as ValueType, expr.loc);
  const simd = SIMD_UNARY[expr.op];
  if (simd) return varying(type, `(${simd} ${asVector(value, expr.loc)})`);
  if (expr.op === 'i32.eqz') return fromMask(`(i32x4.eq ${asVector(value, expr.loc)} ${NO_LANES})`);
  if (expr.op === 'i32.reinterpret_f32' || expr.op === 'f32.reinterpret_i32') return varying(type, asVector(value, expr.loc));
  const extend = /^i32\.extend(8|16)_s$/.exec(expr.op);
  if (extend) {
    const by = i32(32 - Number(extend[1]));
    return varying('i32', `(i32x4.shr_s (i32x4.shl ${asVector(value, expr.loc)} ${by}) ${by})`);
  }
  if (LANEWISE.has(expr.op)) return lanewise(ctx, type, [value], ([x]) => `(${expr.op} ${x})`, TRAPPING.has(expr.op));
  throw new NotVectorisable(`${expr.op} on values that differ between lanes`, expr.loc);
}

function binary(ctx: VectorContext, expr: BinaryExpr, left: LaneValue, right: LaneValue): LaneValue {
  const type = vectorType(expr.type as ValueType, expr.loc);
  if (COMPARISON.test(expr.op)) {
    const [prefix, name] = expr.op.split('.') as [string, string];
    return fromMask(`(${prefix}x4.${name} ${asVector(left, expr.loc)} ${asVector(right, expr.loc)})`);
  }
  const simd = SIMD_BINARY[expr.op];
  if (simd) return varying(type, `(${simd} ${asVector(left, expr.loc)} ${asVector(right, expr.loc)})`);
  const shift = SIMD_SHIFT[expr.op];
  if (shift && right.kind === 'uniform') return varying('i32', `(${shift} ${asVector(left, expr.loc)} ${right.code})`);
  if (expr.op === 'f32.copysign') {
    const magnitude = `(v128.andnot ${asVector(left, expr.loc)} (i32x4.splat ${SIGN_BIT}))`;
    return varying('f32', `(v128.or ${magnitude} (v128.and ${asVector(right, expr.loc)} (i32x4.splat ${SIGN_BIT})))`);
  }
  if (LANEWISE.has(expr.op) || shift) return lanewise(ctx, type, [left, right], ([a, b]) => `(${expr.op} ${a} ${b})`, TRAPPING.has(expr.op));
  throw new NotVectorisable(`${expr.op} on values that differ between lanes`, expr.loc);
}

/**
 * A load: one scalar load when the address is uniform; one v128 load when the lanes'
 * addresses are consecutive elements (linear with the element's size as step) and do not
 * wrap around 4 GiB; else one load per lane. Where lanes may be inactive, the per-lane
 * loads run only for active lanes unless all four are active.
 */
function load(ctx: VectorContext, expr: LoadExpr): LaneValue {
  const ptr = laneValue(ctx, expr.ptr);
  if (ptr.kind === 'uniform') return { kind: 'uniform', type: expr.type as ValueType, code: `(${loadOp(expr)} ${memarg(expr)} ${ptr.code})` };
  const type = vectorType(expr.type as ValueType, expr.loc);
  const address = ctx.stable(ptr);
  const one = (k: number, into: string): string =>
    expr.bytes === 4
      ? `(v128.load32_lane ${memarg(expr)} ${k} ${laneOf(address, k)} ${into})`
      : `(i32x4.replace_lane ${k} ${into} (${loadOp(expr)} ${memarg(expr)} ${laneOf(address, k)}))`;
  let gathered = NO_LANES;
  for (let k = 0; k < 4; k++) gathered = one(k, gathered);
  let all = gathered;
  const consecutive = address.kind === 'linear' && address.step === expr.bytes;
  ctx.charge((consecutive ? COST.CONSECUTIVE_ACCESS : COST.PER_LANE_ACCESS) + (ctx.state === FULL ? 0 : COST.MASKED_EXTRA));
  if (consecutive) {
    const su = expr.signed ? 's' : 'u';
    const whole =
      expr.bytes === 4
        ? `(v128.load ${memarg(expr)} ${address.code})`
        : expr.bytes === 2
          ? `(v128.load16x4_${su} ${memarg(expr)} ${address.code})`
          : `(i32x4.extend_low_i16x8_${su} (i16x8.extend_low_i8x16_${su} (v128.load32_zero ${memarg(expr)} ${address.code})))`;
    all = `(if (result v128) ${noWrap(address.code, expr.bytes)} (then ${whole}) (else ${gathered}))`;
  }
  const result = ctx.temp('v128');
  if (ctx.state === FULL) {
    ctx.prelude.push(`(local.set ${result} ${all})`);
  } else {
    const masked = [0, 1, 2, 3].map((k) => `(if ${laneActive(k)} (then (local.set ${result} ${one(k, `(local.get ${result})`)})))`);
    ctx.prelude.push(`(if (i32x4.all_true (local.get ${EXEC})) (then (local.set ${result} ${all})) (else (local.set ${result} ${NO_LANES}) ${masked.join(' ')}))`);
  }
  return varying(type, `(local.get ${result})`);
}

/** Lanes 0…3 of `bytes`-wide elements from `address` on do not wrap past 2^32 - 1. */
export function noWrap(address: string, bytes: number): string {
  return `(i32.le_u ${address} ${i32(0xffff_ffff - 3 * bytes)})`;
}

/** The lane value of an IR expression; statements that must run first go to `ctx.prelude`. */
export function laneValue(ctx: VectorContext, expr: Expr): LaneValue {
  ctx.charge(COST.NODE);
  const shape = shapeOf(expr, ctx.plan.locals);
  switch (expr.kind) {
    case 'const':
      return { kind: 'uniform', type: expr.value.type, code: constText(expr.value) };
    case 'global.get':
      return { kind: 'uniform', type: expr.type as ValueType, code: `(global.get ${globalName(ctx.globals.get(expr.global)!)})` };
    case 'memory.size':
      return { kind: 'uniform', type: 'i32', code: '(memory.size)' };
    case 'local.get': {
      const code = `(local.get ${localName(expr.local)})`;
      if (shape === VARYING) return varying(vectorType(expr.type as ValueType, expr.loc), code);
      return shape === UNIFORM ? { kind: 'uniform', type: expr.type as ValueType, code } : { kind: 'linear', code, step: shape as number };
    }
    case 'load':
      return load(ctx, expr);
    case 'unary': {
      const value = laneValue(ctx, expr.value);
      if (shape !== VARYING) return { kind: 'uniform', type: expr.type as ValueType, code: `(${expr.op} ${value.code})` };
      return unary(ctx, expr, value);
    }
    case 'binary': {
      const left = laneValue(ctx, expr.left);
      const right = laneValue(ctx, expr.right);
      // Uniform or linear: the scalar operation on lane 0's values (lane-shape.ts says why).
      if (shape !== VARYING) {
        const code = `(${expr.op} ${left.code} ${right.code})`;
        return shape === UNIFORM ? { kind: 'uniform', type: expr.type as ValueType, code } : { kind: 'linear', code, step: shape as number };
      }
      return binary(ctx, expr, left, right);
    }
    case 'select': {
      const ifTrue = laneValue(ctx, expr.ifTrue);
      const ifFalse = laneValue(ctx, expr.ifFalse);
      if (shape === UNIFORM) return { kind: 'uniform', type: expr.type as ValueType, code: `(select ${ifTrue.code} ${ifFalse.code} ${laneValue(ctx, expr.condition).code})` };
      const type = vectorType(expr.type as ValueType, expr.loc);
      const condition = shapeOf(expr.condition, ctx.plan.locals) === UNIFORM ? undefined : conditionMask(ctx, expr.condition);
      if (condition) return varying(type, `(v128.bitselect ${asVector(ifTrue, expr.loc)} ${asVector(ifFalse, expr.loc)} ${condition})`);
      return varying(type, `(select ${asVector(ifTrue, expr.loc)} ${asVector(ifFalse, expr.loc)} ${laneValue(ctx, expr.condition).code})`);
    }
    default:
      throw new NotVectorisable(`it uses ${expr.kind} as a value`, expr.loc);
  }
}
