import { affine, type Sym } from '@wasi-parallel/kernel';
import { num, type SourceWriter } from './source-writer.js';

/**
 * How a wasm value lives in GPU.js source. Every mode but `cpu` computes in f32, where an
 * integer is exact only below 2^24, so an i32 is either
 * - `small`: one number holding an integer the ranges prove exact (the value itself, not
 *   wrapped: any i32 reading the consumer needs is checked against `form`), or
 * - `wide`: two 16-bit limbs, `lo` and `hi` in [0, 65536), the i32's bits (exact in every
 *   mode: products are split further, see limb-ops.ts).
 * A comparison's result may stay a `bool` expression until someone needs it as a number. An
 * f32 is a float expression, its bits as limbs, or both; `addr` is a byte address whose memory
 * holds the value's bits (it was loaded from there), which makes bit-exact copies cheap.
 */
export type Val = SmallVal | WideVal | BoolVal | FloatVal;

export interface SmallVal {
  readonly t: 'small';
  readonly e: string;
  readonly form: Sym;
  readonly addr?: string;
}

export interface Limbs {
  readonly lo: string;
  readonly hi: string;
}

export interface WideVal extends Limbs {
  readonly t: 'wide';
  readonly addr?: string;
}

export interface BoolVal {
  readonly t: 'bool';
  readonly e: string;
}

export interface FloatVal {
  readonly t: 'f32';
  readonly e?: string;
  readonly bits?: Limbs;
  readonly addr?: string;
}

export const LIMB = 65_536;
export const HALF = 32_768;

/** What a mode's arithmetic keeps exact. */
export interface NumberModel {
  /** The largest integer magnitude every float holds exactly: 2^24 (f32 modes) or 2^53 (cpu). */
  readonly exactInteger: number;
  /** The mode computes in f64 (cpu): f32 results must be rounded explicitly. */
  readonly roundF32: boolean;
}

/**
 * Whether a form fits `small`: its range is within one i32 reading's span and every value it
 * takes is exact in the mode's floats (an integer k·2^a is exact below 2^(24+a) in f32).
 */
export function smallFits(form: Sym, symbols: affine.SymbolRanges, model: NumberModel): boolean {
  const range = affine.bounds(form, symbols);
  if (!form || !range || range[0] < -(2 ** 31) || range[1] >= 2 ** 32) return false;
  const limit = Math.min(model.exactInteger * affine.alignOf(form), 2 ** 53);
  return range[0] > -limit && range[1] < limit;
}

export function fitsSigned(form: Sym, symbols: affine.SymbolRanges): boolean {
  return affine.fitsSigned(form, symbols);
}

export function fitsUnsigned(form: Sym, symbols: affine.SymbolRanges): boolean {
  return affine.fitsUnsigned(form, symbols);
}

/** A name for `value`: itself when it is already a name or a literal, else a fresh temporary. */
export function named(w: SourceWriter, value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) || /^\(?-?[0-9.]+\)?$/.test(value) ? value : w.temp(value);
}

/** The limbs of a small value (its value modulo 2^32): exact, whatever its sign. */
export function smallToLimbs(w: SourceWriter, e: string): Limbs {
  const v = named(w, e);
  const q = w.temp(`Math.floor(${v} / ${LIMB})`);
  const lo = w.temp(`${v} - ${q} * ${LIMB}`);
  const hi = w.temp(`${q} - Math.floor(${q} / ${LIMB}) * ${LIMB}`);
  return { lo, hi };
}

/** The number a wide value stands for under a reading the caller knows is exact. */
export function limbsToNumber(limbs: Limbs, signed: boolean): string {
  return signed
    ? `((${limbs.hi} >= ${HALF} ? ${limbs.hi} - ${LIMB} : ${limbs.hi}) * ${LIMB} + ${limbs.lo})`
    : `(${limbs.hi} * ${LIMB} + ${limbs.lo})`;
}

export function literalLimbs(value: number): Limbs {
  const bits = value >>> 0;
  return { lo: num(bits & 0xffff), hi: num(bits >>> 16) };
}

export function boolToNumber(e: string): string {
  return `(${e} ? 1 : 0)`;
}
