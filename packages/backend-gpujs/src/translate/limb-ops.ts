import { num, type SourceWriter } from './source-writer.js';
import { HALF, LIMB, named, type Limbs } from './values.js';

/**
 * i32 arithmetic on 16-bit limbs, in float operations every mode keeps exact: sums below
 * 2^18, products of 8-bit pieces, floors of divisions by powers of two. Each returns fresh
 * temporaries.
 */

/** x mod 2^16 and the carry, for 0 ≤ x < 2^24. */
function split(w: SourceWriter, x: string): { low: string; carry: string } {
  const v = named(w, x);
  const carry = w.temp(`Math.floor(${v} / ${LIMB})`);
  return { low: w.temp(`${v} - ${carry} * ${LIMB}`), carry };
}

export function addLimbs(w: SourceWriter, a: Limbs, b: Limbs): Limbs {
  const low = split(w, `${a.lo} + ${b.lo}`);
  const high = split(w, `${a.hi} + ${b.hi} + ${low.carry}`);
  return { lo: low.low, hi: high.low };
}

export function negateLimbs(w: SourceWriter, a: Limbs): Limbs {
  // Two's complement: (2^32 − x) mod 2^32, limb by limb with a borrow.
  const lo = w.temp(`${a.lo} == 0 ? 0 : ${LIMB} - ${a.lo}`);
  const hi = w.temp(`(${a.lo} == 0 ? (${a.hi} == 0 ? 0 : ${LIMB} - ${a.hi}) : ${LIMB - 1} - ${a.hi})`);
  return { lo, hi };
}

export function subLimbs(w: SourceWriter, a: Limbs, b: Limbs): Limbs {
  const low = w.temp(`${a.lo} - ${b.lo}`);
  const borrow = w.temp(`${low} < 0 ? 1 : 0`);
  const lo = w.temp(`${low} + ${borrow} * ${LIMB}`);
  const high = w.temp(`${a.hi} - ${b.hi} - ${borrow}`);
  const hi = w.temp(`${high} < 0 ? ${high} + ${LIMB} : ${high}`);
  return { lo, hi };
}

/** The 8-bit halves of a 16-bit limb. */
function bytesOf(w: SourceWriter, limb: string): [string, string] {
  const high = w.temp(`Math.floor(${limb} / 256)`);
  return [w.temp(`${limb} - ${high} * 256`), high];
}

export function mulLimbs(w: SourceWriter, a: Limbs, b: Limbs): Limbs {
  const [a0, a1] = bytesOf(w, a.lo);
  const [a2, a3] = bytesOf(w, a.hi);
  const [b0, b1] = bytesOf(w, b.lo);
  const [b2, b3] = bytesOf(w, b.hi);
  // Byte k of the product collects the partial products a_i·b_j with i + j = k (k < 4 matter).
  const p0 = w.temp(`${a0} * ${b0}`);
  const p1 = w.temp(`${a0} * ${b1} + ${a1} * ${b0}`);
  const p2 = w.temp(`${a0} * ${b2} + ${a1} * ${b1} + ${a2} * ${b0}`);
  const p3 = w.temp(`${a0} * ${b3} + ${a1} * ${b2} + ${a2} * ${b1} + ${a3} * ${b0}`);
  // lo = p0 + 256·p1 (< 2^25: split once exactly), hi = p2 + 256·p3 + carry, mod 2^16.
  const p1High = w.temp(`Math.floor(${p1} / 256)`);
  const low = split(w, `${p0} + (${p1} - ${p1High} * 256) * 256`);
  const p3Low = w.temp(`${p3} - Math.floor(${p3} / 256) * 256`);
  const high = w.temp(`${p2} + ${p1High} + ${low.carry} + ${p3Low} * 256`);
  return { lo: low.low, hi: w.temp(`${high} - Math.floor(${high} / ${LIMB}) * ${LIMB}`) };
}

export type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** A boolean expression comparing two i32s held as limbs. */
export function compareLimbs(w: SourceWriter, op: Comparison, signed: boolean, a: Limbs, b: Limbs): string {
  if (op === 'eq') return `(${a.lo} == ${b.lo} && ${a.hi} == ${b.hi})`;
  if (op === 'ne') return `(${a.lo} != ${b.lo} || ${a.hi} != ${b.hi})`;
  // Signed: flipping the sign bit maps the signed order onto the unsigned one.
  const ah = signed ? w.temp(`${a.hi} >= ${HALF} ? ${a.hi} - ${HALF} : ${a.hi} + ${HALF}`) : a.hi;
  const bh = signed ? w.temp(`${b.hi} >= ${HALF} ? ${b.hi} - ${HALF} : ${b.hi} + ${HALF}`) : b.hi;
  const [x, y, strict] = op === 'lt' ? [ah, bh, true] : op === 'le' ? [ah, bh, false] : op === 'gt' ? [bh, ah, true] : [bh, ah, false];
  const [xl, yl] = op === 'lt' || op === 'le' ? [a.lo, b.lo] : [b.lo, a.lo];
  return `(${x} < ${y} || (${x} == ${y} && ${xl} ${strict ? '<' : '<='} ${yl}))`;
}

/** Bitwise and/or/xor limb by limb (GPU.js's operators are exact on non-negative 16-bit values). */
export function bitwiseLimbs(w: SourceWriter, op: '&' | '|' | '^', a: Limbs, b: Limbs): Limbs {
  return { lo: w.temp(`${a.lo} ${op} ${b.lo}`), hi: w.temp(`${a.hi} ${op} ${b.hi}`) };
}

/** x·2^k mod 2^32 for a constant k in [0, 32). */
export function shiftLeftConst(w: SourceWriter, a: Limbs, k: number): Limbs {
  if (k === 0) return a;
  if (k >= 16) {
    const shifted = w.temp(`${a.lo} * ${num(2 ** (k - 16))}`);
    return { lo: '0', hi: w.temp(`${shifted} - Math.floor(${shifted} / ${LIMB}) * ${LIMB}`) };
  }
  const low = w.temp(`${a.lo} * ${num(2 ** k)}`);
  const carry = w.temp(`Math.floor(${low} / ${LIMB})`);
  const lo = w.temp(`${low} - ${carry} * ${LIMB}`);
  const high = w.temp(`${a.hi} * ${num(2 ** k)} + ${carry}`);
  return { lo, hi: w.temp(`${high} - Math.floor(${high} / ${LIMB}) * ${LIMB}`) };
}

/** x >> k for a constant k in [0, 32), logical or arithmetic. */
export function shiftRightConst(w: SourceWriter, a: Limbs, k: number, signed: boolean): Limbs {
  if (k === 0) return a;
  const fill = signed ? w.temp(`${a.hi} >= ${HALF} ? ${LIMB - 1} : 0`) : '0';
  if (k >= 16) {
    const lo = w.temp(`Math.floor(${a.hi} / ${num(2 ** (k - 16))})`);
    // Arithmetic: the top k − 16 bits of lo and all of hi are copies of the sign.
    return signed ? { lo: w.temp(`${lo} + (${fill} == 0 ? 0 : ${LIMB} - ${num(2 ** (32 - k))})`), hi: fill } : { lo, hi: '0' };
  }
  const divisor = num(2 ** k);
  const hiShift = w.temp(`Math.floor(${a.hi} / ${divisor})`);
  const moved = w.temp(`${a.hi} - ${hiShift} * ${divisor}`);
  const lo = w.temp(`Math.floor(${a.lo} / ${divisor}) + ${moved} * ${num(2 ** (16 - k))}`);
  const hi = signed ? w.temp(`${hiShift} + (${fill} == 0 ? 0 : ${LIMB} - ${num(2 ** (16 - k))})`) : hiShift;
  return { lo, hi };
}

/**
 * Unsigned 32-bit division by restoring long division, one quotient bit per step (32 steps of
 * limb shifts and one compare-subtract). The caller has trapped on a zero divisor.
 */
export function divModLimbs(w: SourceWriter, a: Limbs, b: Limbs): { q: Limbs; r: Limbs } {
  const v = (name: string, value: string) => {
    const id = w.name(name);
    w.line(`let ${id} = ${value};`);
    return id;
  };
  const [xlo, xhi, rlo, rhi, qlo, qhi] = [v('xl', a.lo), v('xh', a.hi), v('rl', '0'), v('rh', '0'), v('ql', '0'), v('qh', '0')];
  const step = w.name('k');
  w.open(`for (let ${step} = 0; ${step} < 32; ${step}++)`);
  // Shift x left one bit; its old top bit comes down into r.
  w.line(`const ${step}t = ${xhi} >= ${HALF} ? 1 : 0;`);
  w.line(`${xhi} = (${xhi} - ${step}t * ${HALF}) * 2 + (${xlo} >= ${HALF} ? 1 : 0);`);
  w.line(`${xlo} = (${xlo} >= ${HALF} ? ${xlo} - ${HALF} : ${xlo}) * 2;`);
  // r < b < 2^32, so 2r + bit < 2^33: bit 32 is kept apart in c.
  w.line(`const ${step}c = ${rhi} >= ${HALF} ? 1 : 0;`);
  w.line(`${rhi} = (${rhi} - ${step}c * ${HALF}) * 2 + (${rlo} >= ${HALF} ? 1 : 0);`);
  w.line(`${rlo} = (${rlo} >= ${HALF} ? ${rlo} - ${HALF} : ${rlo}) * 2 + ${step}t;`);
  w.line(`${qhi} = (${qhi} >= ${HALF} ? ${qhi} - ${HALF} : ${qhi}) * 2 + (${qlo} >= ${HALF} ? 1 : 0);`);
  w.line(`${qlo} = (${qlo} >= ${HALF} ? ${qlo} - ${HALF} : ${qlo}) * 2;`);
  w.open(`if (${step}c == 1 || ${rhi} > ${b.hi} || (${rhi} == ${b.hi} && ${rlo} >= ${b.lo}))`);
  w.line(`const ${step}l = ${rlo} - ${b.lo};`);
  w.line(`${rlo} = ${step}l < 0 ? ${step}l + ${LIMB} : ${step}l;`);
  w.line(`${rhi} = ${rhi} - ${b.hi} - (${step}l < 0 ? 1 : 0) + ${step}c * ${LIMB};`);
  w.line(`${qlo} = ${qlo} + 1;`);
  w.close();
  w.close();
  return { q: { lo: qlo, hi: qhi }, r: { lo: rlo, hi: rhi } };
}
