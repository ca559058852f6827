import type { Expr } from '@wasi-parallel/kernel';
import type { Emitter } from './emitter.js';
import { negateLimbs } from './limb-ops.js';
import { STATUS } from './status-codes.js';
import { HALF, LIMB, named, type FloatVal, type Limbs, type Val } from './values.js';

type BinaryExpr = Extract<Expr, { kind: 'binary' }>;
type UnaryExpr = Extract<Expr, { kind: 'unary' }>;

const COMPARE: Record<string, string> = { 'f32.eq': '==', 'f32.ne': '!=', 'f32.lt': '<', 'f32.le': '<=', 'f32.gt': '>', 'f32.ge': '>=' };
const ARITHMETIC: Record<string, string> = { 'f32.add': '+', 'f32.sub': '-', 'f32.mul': '*', 'f32.div': '/' };

/** An f32 result: rounded to f32 where the mode computes in f64. */
function rounded(em: Emitter, text: string): FloatVal {
  return { t: 'f32', e: em.w.temp(em.input.model.roundF32 ? `Math.fround(${text})` : text) };
}

/** +0 or −0 with the sign of x, for results that must keep the sign of a zero (wasm's ceil, trunc, nearest). */
function keepZeroSign(em: Emitter, x: string, r: string): string {
  return em.w.temp(`${r} == 0 ? ${x} * 0 : ${r}`);
}

export function binaryF32(em: Emitter, e: BinaryExpr, a: Val, b: Val): Val {
  if (COMPARE[e.op]) return { t: 'bool', e: `(${em.float(a)} ${COMPARE[e.op]} ${em.float(b)})` };
  if (ARITHMETIC[e.op]) return rounded(em, `${em.float(a)} ${ARITHMETIC[e.op]} ${em.float(b)}`);
  const [x, y] = [named(em.w, em.float(a)), named(em.w, em.float(b))];
  switch (e.op) {
    case 'f32.min':
    case 'f32.max': {
      // wasm: NaN if either is; −0 below +0. -(-x - y) and x + y give the right zero when x == y == ±0.
      const nan = em.special('NaN');
      const [first, zero] = e.op === 'f32.min' ? ['<', `-(-${x} - ${y})`] : ['>', `${x} + ${y}`];
      const other = first === '<' ? '>' : '<';
      return { t: 'f32', e: em.w.temp(`(${x} != ${x} || ${y} != ${y}) ? ${nan} : (${x} ${first} ${y} ? ${x} : (${x} ${other} ${y} ? ${y} : (${x} == 0 ? ${zero} : ${x})))`) };
    }
    case 'f32.copysign':
      return copysign(em, a as FloatVal, b as FloatVal, x, y);
    default:
      return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
  }
}

function copysign(em: Emitter, a: FloatVal, b: FloatVal, x: string, y: string): Val {
  const haveBits = (a.bits || a.addr) && (b.bits || b.addr);
  if (haveBits) {
    const [ab, bb] = [em.bits(a), em.bits(b)];
    const hi = em.w.temp(`(${ab.hi} >= ${HALF} ? ${ab.hi} - ${HALF} : ${ab.hi}) + (${bb.hi} >= ${HALF} ? ${HALF} : 0)`);
    return { t: 'f32', bits: { lo: ab.lo, hi }, e: em.w.temp(`${bb.hi} >= ${HALF} ? -Math.abs(${x}) : Math.abs(${x})`) };
  }
  return { t: 'f32', e: em.w.temp(`${y} < 0 ? -Math.abs(${x}) : Math.abs(${x})`) };
}

/** neg and abs: on the bits when they are known (exact for NaNs too), and on the float. */
function signOp(em: Emitter, value: FloatVal, op: 'neg' | 'abs'): Val {
  const e = value.e ?? (value.addr !== undefined ? em.float(value) : undefined);
  const float = e === undefined ? undefined : em.w.temp(op === 'neg' ? `-${e}` : `Math.abs(${e})`);
  const known = value.bits ?? (value.addr !== undefined ? em.bits(value) : undefined);
  if (!known) return { t: 'f32', e: float! };
  const hi = em.w.temp(op === 'neg' ? `${known.hi} >= ${HALF} ? ${known.hi} - ${HALF} : ${known.hi} + ${HALF}` : `${known.hi} >= ${HALF} ? ${known.hi} - ${HALF} : ${known.hi}`);
  return { t: 'f32', bits: { lo: known.lo, hi }, ...(float !== undefined ? { e: float } : {}) };
}

export function unaryF32(em: Emitter, e: UnaryExpr, value: Val): Val {
  switch (e.op) {
    case 'f32.neg':
      return signOp(em, value as FloatVal, 'neg');
    case 'f32.abs':
      return signOp(em, value as FloatVal, 'abs');
    case 'f32.sqrt':
      return rounded(em, `Math.sqrt(${em.float(value)})`);
    case 'f32.floor': {
      const x = named(em.w, em.float(value));
      return { t: 'f32', e: keepZeroSign(em, x, `Math.floor(${x})`) };
    }
    case 'f32.ceil':
    case 'f32.trunc': {
      const x = named(em.w, em.float(value));
      return { t: 'f32', e: keepZeroSign(em, x, e.op === 'f32.ceil' ? `Math.ceil(${x})` : `Math.trunc(${x})`) };
    }
    case 'f32.nearest': {
      const x = named(em.w, em.float(value));
      const f = em.w.temp(`Math.floor(${x})`);
      const d = em.w.temp(`${x} - ${f}`);
      // Ties go to the even neighbour; floats of 2^23 and up are integers (d = 0).
      const r = em.w.temp(`${d} < 0.5 ? ${f} : (${d} > 0.5 ? ${f} + 1 : (${f} - 2 * Math.floor(${f} / 2) == 0 ? ${f} : ${f} + 1))`);
      return { t: 'f32', e: keepZeroSign(em, x, r) };
    }
    case 'f32.convert_i32_s':
    case 'f32.convert_i32_u': {
      const signed = e.op.endsWith('_s');
      if (value.t === 'small' && em.fits(em.formOf(e.value))) return rounded(em, value.e);
      const limbs = em.limbs(value);
      const high = signed ? `(${limbs.hi} >= ${HALF} ? ${limbs.hi} - ${LIMB} : ${limbs.hi})` : limbs.hi;
      // One rounding: high·2^16 is exact, the sum is rounded once.
      return rounded(em, `${high} * ${LIMB} + ${limbs.lo}`);
    }
    case 'f32.reinterpret_i32': {
      const bits = em.limbs(value);
      const addr = value.t === 'wide' ? value.addr : undefined;
      return { t: 'f32', bits, ...(addr !== undefined ? { addr, e: em.gatherFloat(addr) } : {}) };
    }
    default:
      return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
  }
}


/**
 * A boolean expression: the f32 is a NaN. From its bits when they are known (exact in every
 * mode); else `x != x`, which WGSL and GLSL compilers may fold to false (they assume no NaN).
 */
function isNaN(em: Emitter, value: FloatVal, x: string): string {
  if (!value.bits && value.addr === undefined) return `${x} != ${x}`;
  const bits = em.bits(value);
  const magnitude = em.w.temp(`${bits.hi} >= ${HALF} ? ${bits.hi} - ${HALF} : ${bits.hi}`);
  return em.w.flag(`${magnitude} >= 32640 && (${magnitude} > 32640 || ${bits.lo} != 0)`);
}

/** i32.trunc_* and i32.reinterpret_f32: f32 → i32. */
export function floatToI32(em: Emitter, e: UnaryExpr, value: Val): Val {
  if (e.op === 'i32.reinterpret_f32') {
    const float = value as FloatVal;
    return { t: 'wide', ...em.bits(float), ...(float.addr !== undefined ? { addr: float.addr } : {}) };
  }
  const signed = e.op.endsWith('_s');
  const saturating = e.op.includes('_sat_');
  const x = named(em.w, em.float(value));
  const nan = isNaN(em, value as FloatVal, x);
  const [low, high] = signed ? ['-2147483648', '2147483648'] : ['0', '4294967296'];
  let t = em.w.temp(`Math.trunc(${x})`);
  if (!saturating) {
    em.check(nan, STATUS.INVALID_CONVERSION);
    em.check(`${t} < ${low} || ${t} >= ${high}`, STATUS.CONVERSION_OVERFLOW);
  }
  // Saturating: NaN → 0, out of range → the nearest bound (also keeps trapping cases finite elsewhere).
  const over = em.w.flag(`${t} >= ${high}`);
  const under = em.w.flag(`${t} < ${low}`);
  if (em.fits(em.formOf(e))) {
    const [max, min] = signed ? ['2147483647', '-2147483648'] : ['4294967295', '0'];
    return { t: 'small', e: em.w.temp(`${nan} ? 0 : (${over} ? ${max} : (${under} ? ${min} : ${t}))`), form: em.formOf(e) };
  }
  t = em.w.temp(`${nan} || ${over} || ${under} ? 0 : ${t}`);
  const magnitude = em.w.temp(`Math.abs(${t})`);
  const hi = em.w.temp(`Math.floor(${magnitude} / ${LIMB})`);
  const positive: Limbs = { lo: em.w.temp(`${magnitude} - ${hi} * ${LIMB}`), hi };
  const negated = negateLimbs(em.w, positive);
  const negative = em.w.flag(`${t} < 0`);
  const [maxLo, maxHi] = signed ? [LIMB - 1, HALF - 1] : [LIMB - 1, LIMB - 1];
  const [minLo, minHi] = signed ? [0, HALF] : [0, 0];
  return {
    t: 'wide',
    lo: em.w.temp(`${over} ? ${maxLo} : (${under} ? ${minLo} : (${negative} ? ${negated.lo} : ${positive.lo}))`),
    hi: em.w.temp(`${over} ? ${maxHi} : (${under} ? ${minHi} : (${negative} ? ${negated.hi} : ${positive.hi}))`),
  };
}
