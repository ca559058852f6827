/**
 * The value domain of the dispatch analyses: a 32-bit integer as the exact integer it denotes
 * (before wrapping to 32 bits), written as an affine form in named symbols plus a constant
 * known to lie in [lo, hi], every value a multiple of `align`.
 *
 * Symbols are the iteration id (`it`), loop trip indices (`trip:<loc>`) and opaque values
 * (`pre:<local>`, `opq:<n>`); a symbol table gives each its range. A value the analysis cannot
 * describe is `undefined` ("any 32-bit value").
 */
export interface AffineRange {
  /** Symbol → coefficient; never holds a zero coefficient. */
  readonly terms: Readonly<Record<string, number>>;
  readonly lo: number;
  readonly hi: number;
  /** A power of two dividing the constant part (symbols are integers: see `alignOf` for the whole form). */
  readonly align: number;
}

export type Sym = AffineRange | undefined;

/** Inclusive range of each symbol. */
export type SymbolRanges = ReadonlyMap<string, readonly [number, number]>;

/** Above this the doubles holding the forms could round: the form is given up. */
const MAGNITUDE_LIMIT = 2 ** 48;
const MAX_ALIGN = 2 ** 30;

export const ITERATION_SYMBOL = 'it';

/** The largest power of two dividing `n` (MAX_ALIGN for 0). */
export function lowBit(n: number): number {
  if (n === 0) return MAX_ALIGN;
  let align = 1;
  while (align < MAX_ALIGN && Number.isInteger(n / (align * 2))) align *= 2;
  return align;
}

function make(terms: Record<string, number>, lo: number, hi: number, align: number): Sym {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || Math.abs(lo) > MAGNITUDE_LIMIT || Math.abs(hi) > MAGNITUDE_LIMIT) return undefined;
  for (const [name, coeff] of Object.entries(terms)) {
    if (coeff === 0) delete terms[name];
    else if (Math.abs(coeff) > MAGNITUDE_LIMIT) return undefined;
  }
  return { terms, lo, hi, align: Math.min(align, MAX_ALIGN) };
}

export function constant(value: number): AffineRange {
  return { terms: {}, lo: value, hi: value, align: lowBit(value) };
}

export function interval(lo: number, hi: number, align = 1): Sym {
  return lo > hi ? undefined : make({}, lo, hi, align);
}

export function symbol(name: string, coefficient = 1): AffineRange {
  return { terms: { [name]: coefficient }, lo: 0, hi: 0, align: MAX_ALIGN };
}

/** A power of two dividing every value of the form. */
export function alignOf(value: AffineRange): number {
  return Math.min(value.align, ...Object.values(value.terms).map(lowBit));
}

/** The constant a form is, if it is exactly one number. */
export function constantValue(value: Sym): number | undefined {
  return value && value.lo === value.hi && Object.keys(value.terms).length === 0 ? value.lo : undefined;
}

/** Whether the form has no constant slack (lo = hi): it names one value per assignment of its symbols. */
export function isExact(value: Sym): value is AffineRange {
  return value !== undefined && value.lo === value.hi;
}

export function add(a: Sym, b: Sym): Sym {
  if (!a || !b) return undefined;
  const terms = { ...a.terms };
  for (const [name, coeff] of Object.entries(b.terms)) terms[name] = (terms[name] ?? 0) + coeff;
  return make(terms, a.lo + b.lo, a.hi + b.hi, Math.min(a.align, b.align));
}

export function scale(a: Sym, factor: number): Sym {
  if (!a) return undefined;
  const terms: Record<string, number> = {};
  for (const [name, coeff] of Object.entries(a.terms)) terms[name] = coeff * factor;
  const [lo, hi] = factor >= 0 ? [a.lo * factor, a.hi * factor] : [a.hi * factor, a.lo * factor];
  return make(terms, lo, hi, factor === 0 ? MAX_ALIGN : a.align * lowBit(factor));
}

export function sub(a: Sym, b: Sym): Sym {
  return add(a, scale(b, -1));
}

/** The range of values a form takes over its symbols' ranges; undefined when a symbol has none. */
export function bounds(value: Sym, symbols: SymbolRanges): [number, number] | undefined {
  if (!value) return undefined;
  let lo = value.lo;
  let hi = value.hi;
  for (const [name, coeff] of Object.entries(value.terms)) {
    const range = symbols.get(name);
    if (!range) return undefined;
    const [a, b] = [coeff * range[0], coeff * range[1]];
    lo += Math.min(a, b);
    hi += Math.max(a, b);
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/** The form as a plain interval over its symbols' ranges. */
export function fold(value: Sym, symbols: SymbolRanges): Sym {
  const range = bounds(value, symbols);
  return range && value ? interval(range[0], range[1], alignOf(value)) : undefined;
}

/** Keeps only the symbols `keep` accepts, folding the others into the constant range. */
export function foldExcept(value: Sym, symbols: SymbolRanges, keep: (name: string) => boolean): Sym {
  if (!value) return undefined;
  const kept: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  for (const [name, coeff] of Object.entries(value.terms)) (keep(name) ? kept : dropped)[name] = coeff;
  const rest = { terms: dropped, lo: value.lo, hi: value.hi, align: value.align };
  const range = bounds(rest, symbols);
  return range ? make(kept, range[0], range[1], alignOf(rest)) : undefined;
}

function sameTerms(a: AffineRange, b: AffineRange): boolean {
  const keys = Object.keys(a.terms);
  return keys.length === Object.keys(b.terms).length && keys.every((name) => a.terms[name] === b.terms[name]);
}

/** The least form covering both: the same terms keep them, else both are folded to intervals. */
export function join(a: Sym, b: Sym, symbols: SymbolRanges): Sym {
  if (!a || !b) return undefined;
  if (sameTerms(a, b)) {
    const align = Math.min(a.align, b.align, lowBit(a.lo - b.lo));
    return make({ ...a.terms }, Math.min(a.lo, b.lo), Math.max(a.hi, b.hi), align);
  }
  const [x, y] = [bounds(a, symbols), bounds(b, symbols)];
  if (!x || !y) return undefined;
  return interval(Math.min(x[0], y[0]), Math.max(x[1], y[1]), Math.min(alignOf(a), alignOf(b)));
}

export function equalForms(a: Sym, b: Sym): boolean {
  if (!a || !b) return a === b;
  return a.lo === b.lo && a.hi === b.hi && a.align === b.align && sameTerms(a, b);
}

/** Product of two forms: exact when one is a constant, else an interval product. */
export function multiply(a: Sym, b: Sym, symbols: SymbolRanges): Sym {
  const ka = constantValue(a);
  if (ka !== undefined) return scale(b, ka);
  const kb = constantValue(b);
  if (kb !== undefined) return scale(a, kb);
  const [x, y] = [bounds(a, symbols), bounds(b, symbols)];
  if (!a || !b || !x || !y) return undefined;
  const products = [x[0] * y[0], x[0] * y[1], x[1] * y[0], x[1] * y[1]];
  return interval(Math.min(...products), Math.max(...products), alignOf(a) * alignOf(b));
}

/** Whether every value of the form, read as the signed 32-bit integer, equals the form (no wrap). */
export function fitsSigned(value: Sym, symbols: SymbolRanges): boolean {
  const range = bounds(value, symbols);
  return range !== undefined && range[0] >= -(2 ** 31) && range[1] < 2 ** 31;
}

/** Whether every value of the form, read as the unsigned 32-bit integer, equals the form. */
export function fitsUnsigned(value: Sym, symbols: SymbolRanges): boolean {
  const range = bounds(value, symbols);
  return range !== undefined && range[0] >= 0 && range[1] < 2 ** 32;
}

/** Every i32, signed view. */
export const ANY_I32: AffineRange = { terms: {}, lo: -(2 ** 31), hi: 2 ** 31 - 1, align: 1 };
