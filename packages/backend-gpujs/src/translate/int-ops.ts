import { affine, type Expr, type Sym } from '@wasi-parallel/kernel';
import type { Emitter } from './emitter.js';
import { addLimbs, bitwiseLimbs, compareLimbs, divModLimbs, mulLimbs, negateLimbs, shiftLeftConst, shiftRightConst, subLimbs, type Comparison } from './limb-ops.js';
import { bitCount, shiftByAmount, type ShiftOp } from './limb-bits.js';
import { num } from './source-writer.js';
import { STATUS } from './status-codes.js';
import { HALF, LIMB, named, type Limbs, type Val } from './values.js';

type BinaryExpr = Extract<Expr, { kind: 'binary' }>;
type UnaryExpr = Extract<Expr, { kind: 'unary' }>;

const COMPARE = /^i32\.(eq|ne|lt|le|gt|ge)(?:_([su]))?$/;
const JS_COMPARE: Record<Comparison, string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

function constantOf(value: Val): number | undefined {
  return value.t === 'small' ? affine.constantValue(value.form) : undefined;
}

/** Both operands and the result can be plain numbers. */
function smallPath(em: Emitter, e: BinaryExpr, a: Val, b: Val): boolean {
  return a.t !== 'f32' && b.t !== 'f32' && em.fits(em.formOf(e)) && em.fits(em.formOf(e.left)) && em.fits(em.formOf(e.right));
}

function small(em: Emitter, e: Expr, value: Val): string {
  return em.small(value, em.formOf(e));
}

function result(em: Emitter, e: Expr, text: string): Val {
  return { t: 'small', e: em.w.temp(text), form: em.formOf(e) };
}

function compare(em: Emitter, e: BinaryExpr, op: Comparison, sign: string | undefined, a: Val, b: Val): Val {
  const [fa, fb] = [em.formOf(e.left), em.formOf(e.right)];
  const reading = (form: Sym) => (sign === 's' ? affine.fitsSigned(form, em.symbols) : sign === 'u' ? affine.fitsUnsigned(form, em.symbols) : false);
  const sameReading =
    sign === undefined
      ? (affine.fitsSigned(fa, em.symbols) && affine.fitsSigned(fb, em.symbols)) || (affine.fitsUnsigned(fa, em.symbols) && affine.fitsUnsigned(fb, em.symbols))
      : reading(fa) && reading(fb);
  if (em.fits(fa) && em.fits(fb) && sameReading) return { t: 'bool', e: `(${em.small(a, fa)} ${JS_COMPARE[op]} ${em.small(b, fb)})` };
  return { t: 'bool', e: em.w.flag(compareLimbs(em.w, op, sign === 's', em.limbs(a), em.limbs(b))) };
}

/** x / d and x % d for a positive constant d and an x the ranges prove exact and non-negative. */
function divideByConstant(em: Emitter, x: string, d: number): { q: string; r: string } {
  const guess = em.w.temp(`Math.floor(${x} / ${num(d)})`);
  // The float quotient may round across an integer: one correction step either way makes it exact.
  const q = em.w.temp(`${guess} * ${num(d)} > ${x} ? ${guess} - 1 : (${guess} * ${num(d)} + ${num(d)} <= ${x} ? ${guess} + 1 : ${guess})`);
  return { q, r: em.w.temp(`${x} - ${q} * ${num(d)}`) };
}


function division(em: Emitter, e: BinaryExpr, a: Val, b: Val): Val {
  const op = e.op.slice(4);
  const signed = op.endsWith('_s');
  const divisor = constantOf(b);
  const fb = em.formOf(e.right);
  em.check(`!${em.truthy(b)}`, STATUS.DIVIDE_BY_ZERO);
  if (signed && op.startsWith('div')) {
    const lim = em.limbs(a);
    const minus = em.limbs(b);
    em.check(`(${lim.lo} == 0 && ${lim.hi} == ${HALF} && ${minus.lo} == ${LIMB - 1} && ${minus.hi} == ${LIMB - 1})`, STATUS.INTEGER_OVERFLOW);
  }
  const fa = em.formOf(e.left);
  const nonNegative = (form: Sym) => (signed ? affine.fitsSigned(form, em.symbols) : affine.fitsUnsigned(form, em.symbols)) && (affine.bounds(form, em.symbols)?.[0] ?? -1) >= 0;
  if (divisor !== undefined && divisor > 0 && em.fits(fa) && nonNegative(fa) && em.fits(fb)) {
    const { q, r } = divideByConstant(em, named(em.w, small(em, e.left, a)), divisor);
    return { t: 'small', e: op.startsWith('div') ? q : r, form: em.formOf(e) };
  }
  if (em.fits(fa) && em.fits(fb) && nonNegative(fa) && nonNegative(fb)) {
    // Both exact and non-negative: a float quotient corrected by one step (a zero divisor has trapped).
    const x = named(em.w, small(em, e.left, a));
    const y = em.w.temp(`${small(em, e.right, b)} == 0 ? 1 : ${small(em, e.right, b)}`);
    const guess = em.w.temp(`Math.floor(${x} / ${y})`);
    const q = em.w.temp(`${guess} * ${y} > ${x} ? ${guess} - 1 : (${guess} * ${y} + ${y} <= ${x} ? ${guess} + 1 : ${guess})`);
    return { t: 'small', e: op.startsWith('div') ? q : em.w.temp(`${x} - ${q} * ${y}`), form: em.formOf(e) };
  }
  return wideDivision(em, op, em.limbs(a), em.limbs(b));
}

/** Division of full-range i32s: unsigned long division on magnitudes, signs fixed after. */
function wideDivision(em: Emitter, op: string, a: Limbs, b: Limbs): Val {
  const signed = op.endsWith('_s');
  const negative = (x: Limbs) => `${x.hi} >= ${HALF}`;
  const magnitude = (x: Limbs): Limbs => {
    if (!signed) return x;
    const flipped = negateLimbs(em.w, x);
    const sign = em.w.flag(negative(x));
    return { lo: em.w.temp(`${sign} ? ${flipped.lo} : ${x.lo}`), hi: em.w.temp(`${sign} ? ${flipped.hi} : ${x.hi}`) };
  };
  // A zero divisor has trapped (status kernel); elsewhere divide by 1 to stay finite.
  const divisor = magnitude(b);
  const safe = { lo: em.w.temp(`${divisor.lo} == 0 && ${divisor.hi} == 0 ? 1 : ${divisor.lo}`), hi: divisor.hi };
  const { q, r } = divModLimbs(em.w, magnitude(a), safe);
  if (!signed) return { t: 'wide', ...(op.startsWith('div') ? q : r) };
  const flip = op.startsWith('div') ? em.w.flag(`(${negative(a)}) != (${negative(b)})`) : em.w.flag(negative(a));
  const value = op.startsWith('div') ? q : r;
  const negated = negateLimbs(em.w, value);
  return { t: 'wide', lo: em.w.temp(`${flip} ? ${negated.lo} : ${value.lo}`), hi: em.w.temp(`${flip} ? ${negated.hi} : ${value.hi}`) };
}

export function binaryI32(em: Emitter, e: BinaryExpr, a: Val, b: Val): Val {
  const op = e.op.slice(4);
  const match = COMPARE.exec(e.op);
  if (match) return compare(em, e, match[1] as Comparison, match[2], a, b);
  const fast = smallPath(em, e, a, b);
  switch (op) {
    case 'add':
      return fast ? result(em, e, `${small(em, e.left, a)} + ${small(em, e.right, b)}`) : { t: 'wide', ...addLimbs(em.w, em.limbs(a), em.limbs(b)) };
    case 'sub':
      return fast ? result(em, e, `${small(em, e.left, a)} - ${small(em, e.right, b)}`) : { t: 'wide', ...subLimbs(em.w, em.limbs(a), em.limbs(b)) };
    case 'mul':
      return fast ? result(em, e, `${small(em, e.left, a)} * ${small(em, e.right, b)}`) : { t: 'wide', ...mulLimbs(em.w, em.limbs(a), em.limbs(b)) };
    case 'shl':
    case 'shr_u':
    case 'shr_s':
    case 'rotl':
    case 'rotr':
      return shift(em, e, op, a, b, fast);
    case 'and':
    case 'or':
    case 'xor':
      return bitwise(em, e, op, a, b);
    case 'div_u':
    case 'div_s':
    case 'rem_u':
    case 'rem_s':
      return division(em, e, a, b);
    default:
      return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
  }
}

function shift(em: Emitter, e: BinaryExpr, op: string, a: Val, b: Val, fast: boolean): Val {
  const amount = constantOf(b);
  if (amount === undefined) {
    const count = b.t === 'wide' ? b.lo : em.small(b, em.formOf(e.right));
    return { t: 'wide', ...shiftByAmount(em.w, op as ShiftOp, em.limbs(a), count) };
  }
  const k = amount & 31;
  const fa = em.formOf(e.left);
  if (op === 'shl') return fast ? result(em, e, `${small(em, e.left, a)} * ${num(2 ** k)}`) : { t: 'wide', ...shiftLeftConst(em.w, em.limbs(a), k) };
  if (op === 'shr_u' || op === 'shr_s') {
    const reads = op === 'shr_s' ? affine.fitsSigned(fa, em.symbols) : affine.fitsUnsigned(fa, em.symbols);
    if (em.fits(fa) && reads) return result(em, e, `Math.floor(${small(em, e.left, a)} / ${num(2 ** k)})`);
    return { t: 'wide', ...shiftRightConst(em.w, em.limbs(a), k, op === 'shr_s') };
  }
  const x = em.limbs(a);
  const [left, right] = op === 'rotl' ? [k, (32 - k) & 31] : [(32 - k) & 31, k];
  if (left === 0) return { t: 'wide', ...x };
  return { t: 'wide', ...bitwiseLimbs(em.w, '|', shiftLeftConst(em.w, x, left), shiftRightConst(em.w, x, right, false)) };
}

function bitwise(em: Emitter, e: BinaryExpr, op: string, a: Val, b: Val): Val {
  const [fa, fb] = [em.formOf(e.left), em.formOf(e.right)];
  const mask = constantOf(b) ?? constantOf(a);
  const other = constantOf(b) !== undefined ? a : b;
  const otherForm = constantOf(b) !== undefined ? fa : fb;
  const range = affine.bounds(otherForm, em.symbols);
  const exactNonNegative = em.fits(otherForm) && range !== undefined && range[0] >= 0;
  if (op === 'and' && mask !== undefined && exactNonNegative) {
    const x = named(em.w, em.small(other, otherForm));
    // x & (2^k − 1) is x mod 2^k; x & −2^k rounds x down to a multiple of 2^k.
    if (mask > 0 && (mask & (mask + 1)) === 0) return result(em, e, `${x} - Math.floor(${x} / ${num(mask + 1)}) * ${num(mask + 1)}`);
    if (mask < 0 && ((-mask) & (-mask - 1)) === 0) return result(em, e, `Math.floor(${x} / ${num(-mask)}) * ${num(-mask)}`);
  }
  const symbol = op === 'and' ? '&' : op === 'or' ? '|' : '^';
  const small16 = (form: Sym) => {
    const r = affine.bounds(form, em.symbols);
    return em.fits(form) && r !== undefined && r[0] >= 0 && r[1] < LIMB;
  };
  // Operands are named first: GPU.js's WGSL emitter casts a named operand of a bitwise operator
  // to i32 but leaves a conditional expression as f32, which WGSL's `&` rejects.
  if (small16(fa) && small16(fb)) return result(em, e, `${named(em.w, em.small(a, fa))} ${symbol} ${named(em.w, em.small(b, fb))}`);
  return { t: 'wide', ...bitwiseLimbs(em.w, symbol, em.limbs(a), em.limbs(b)) };
}

export function unaryI32(em: Emitter, e: UnaryExpr, value: Val): Val {
  const form = em.formOf(e.value);
  switch (e.op) {
    case 'i32.eqz':
      return { t: 'bool', e: `!${em.truthy(value)}` };
    case 'i32.extend8_s':
    case 'i32.extend16_s': {
      const width = e.op === 'i32.extend8_s' ? 256 : LIMB;
      const low = value.t === 'small' && em.fits(form) ? em.w.temp(`${value.e} - Math.floor(${value.e} / ${width}) * ${width}`) : lowPart(em, value, width);
      return result(em, e, `${low} >= ${width / 2} ? ${low} - ${width} : ${low}`);
    }
    case 'i32.clz':
    case 'i32.ctz':
    case 'i32.popcnt':
      return { t: 'small', e: bitCount(em.w, e.op.slice(4) as 'clz' | 'ctz' | 'popcnt', em.limbs(value)), form: em.formOf(e) };
    default:
      return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
  }
}

function lowPart(em: Emitter, value: Val, width: number): string {
  const limbs = em.limbs(value);
  return width === LIMB ? limbs.lo : em.w.temp(`${limbs.lo} - Math.floor(${limbs.lo} / ${width}) * ${width}`);
}
