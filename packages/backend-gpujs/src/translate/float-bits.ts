import { num, type SourceWriter } from './source-writer.js';
import { HALF, LIMB, type Limbs } from './values.js';

/**
 * An f32's bits from its value and back, in float operations that are exact in every mode:
 * comparisons and multiplications by powers of two. Used where a computed float must be kept
 * as bits (stored next to integers) or bits must be read as a float.
 */

/** Powers 2^k used to bring a magnitude into [1, 2) one bit of the exponent at a time (normal f32 exponents need 126 at most). */
const LADDER = [64, 32, 16, 8, 4, 2, 1];
/** Scaling a mantissa back needs up to 149 (the smallest subnormal is 2^-149). */
const WIDE_LADDER = [128, ...LADDER];
const SUBNORMAL_SCALE = 2 ** 149;

export function floatToBits(w: SourceWriter, x: string): Limbs {
  // Sign: -0 shows itself only through 1/x.
  const sign = w.temp(`${x} < 0 || (${x} == 0 && 1 / ${x} < 0) ? 1 : 0`);
  const a = w.name('a');
  const e = w.name('e');
  w.line(`let ${a} = Math.abs(${x});`);
  w.line(`let ${e} = 0;`);
  for (const k of LADDER) w.line(`if (${a} >= ${num(2 ** k)}) { ${a} = ${a} * ${num(2 ** -k)}; ${e} = ${e} + ${k}; }`);
  for (const k of LADDER) w.line(`if (${a} < ${num(2 ** (1 - k))} && ${a} > 0) { ${a} = ${a} * ${num(2 ** k)}; ${e} = ${e} - ${k}; }`);
  // Normal: a in [1, 2), field e + 127. Subnormal (below 2^-126): field 0, mantissa |x|·2^149.
  const subnormal = w.flag(`Math.abs(${x}) < ${num(2 ** -126)}`);
  const mantissa = w.temp(`${subnormal} ? Math.abs(${x}) * ${num(SUBNORMAL_SCALE)} : (${a} - 1) * 8388608`);
  const field = w.temp(`${subnormal} ? 0 : ${e} + 127`);
  const mantissaHigh = w.temp(`Math.floor(${mantissa} / ${LIMB})`);
  const special = w.temp(`${x} != ${x} ? 1 : (${a} == ${a} * 2 && ${a} != 0 ? 2 : 0)`);
  // NaN → the canonical quiet NaN 0x7fc00000; ±inf → 0x7f800000 with the sign.
  const hi = w.temp(`${special} == 1 ? 32704 : (${special} == 2 ? ${sign} * ${HALF} + 32640 : ${sign} * ${HALF} + ${field} * 128 + ${mantissaHigh})`);
  const lo = w.temp(`${special} != 0 ? 0 : ${mantissa} - ${mantissaHigh} * ${LIMB}`);
  return { lo, hi };
}

export function bitsToFloat(w: SourceWriter, bits: Limbs, specials: { nan: string; inf: string }): string {
  const sign = w.temp(`${bits.hi} >= ${HALF} ? -1 : 1`);
  const field = w.temp(`Math.floor((${bits.hi} - (${bits.hi} >= ${HALF} ? ${HALF} : 0)) / 128)`);
  const mantissa = w.temp(`(${bits.hi} - Math.floor(${bits.hi} / 128) * 128) * ${LIMB} + ${bits.lo}`);
  // value = mantissa·2^-149 (field 0) or (2^23 + mantissa)·2^(field − 150): scale by the ladder.
  const v = w.name('v');
  const p = w.name('p');
  w.line(`let ${v} = ${field} == 0 ? ${mantissa} : ${mantissa} + 8388608;`);
  w.line(`let ${p} = ${field} == 0 ? -149 : ${field} - 150;`);
  for (const k of WIDE_LADDER) {
    w.line(`if (${p} >= ${k}) { ${v} = ${v} * ${num(2 ** k)}; ${p} = ${p} - ${k}; }`);
    w.line(`if (${p} <= -${k}) { ${v} = ${v} * ${num(2 ** -k)}; ${p} = ${p} + ${k}; }`);
  }
  return w.temp(`${field} == 255 ? (${mantissa} == 0 ? ${sign} * ${specials.inf} : ${specials.nan}) : ${sign} * ${v}`);
}
