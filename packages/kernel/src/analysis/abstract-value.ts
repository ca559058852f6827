/**
 * The abstract values of the provenance analysis. A value is the set of things an i32 may be
 * derived from (buffer pointers, the stack pointer, something unknown; empty for plain
 * scalars) plus, when it can be shown, its exact affine form `c + s · iteration_id`, counted
 * from the start of its one buffer when it has one.
 */
export type Source = `buffer:${number}` | 'stack' | 'unknown';

export interface Affine {
  /** Constant part, in bytes (from the buffer start when `buffer` is set). */
  readonly c: number;
  /** Coefficient of `iteration_id`. */
  readonly s: number;
  /** The buffer whose pointer param is added in, if any. */
  readonly buffer: number | undefined;
}

export interface AbstractValue {
  readonly sources: ReadonlySet<Source>;
  readonly affine: Affine | undefined;
  /** Why `sources` holds `unknown`, for the report. */
  readonly why?: string;
}

/** Not computed yet (a local no assignment reached); the identity of `join`. */
export const BOTTOM = 'bottom' as const;
export type Lattice = AbstractValue | typeof BOTTOM;

const NO_SOURCES: ReadonlySet<Source> = new Set();

export function scalar(affine?: Affine): AbstractValue {
  return { sources: NO_SOURCES, affine };
}

export function constant(c: number): AbstractValue {
  return scalar({ c, s: 0, buffer: undefined });
}

export function unknown(why: string): AbstractValue {
  return { sources: new Set<Source>(['unknown']), affine: undefined, why };
}

export function bufferPointer(buffer: number): AbstractValue {
  return { sources: new Set<Source>([`buffer:${buffer}`]), affine: { c: 0, s: 0, buffer } };
}

export function stackPointer(): AbstractValue {
  return { sources: new Set<Source>(['stack']), affine: undefined };
}

function union(a: ReadonlySet<Source>, b: ReadonlySet<Source>): ReadonlySet<Source> {
  if (b.size === 0 || a === b) return a;
  if (a.size === 0) return b;
  return new Set([...a, ...b]);
}

function sameAffine(a: Affine | undefined, b: Affine | undefined): boolean {
  return a !== undefined && b !== undefined && a.c === b.c && a.s === b.s && a.buffer === b.buffer;
}

export function join(a: Lattice, b: Lattice): Lattice {
  if (a === BOTTOM) return b;
  if (b === BOTTOM) return a;
  const affine = sameAffine(a.affine, b.affine) ? a.affine : undefined;
  return { sources: union(a.sources, b.sources), affine, why: a.why ?? b.why };
}

export function equal(a: Lattice, b: Lattice): boolean {
  if (a === BOTTOM || b === BOTTOM) return a === b;
  if (a.sources.size !== b.sources.size || [...a.sources].some((s) => !b.sources.has(s))) return false;
  return a.affine === b.affine || sameAffine(a.affine, b.affine) || (a.affine === undefined && b.affine === undefined);
}

/** Keeps a wrapping 32-bit constant exact in JS numbers. */
function wrap(n: number): number {
  return n | 0;
}

/** The sources of a combination of two values: pointer arithmetic keeps every input's origin. */
export function combine(a: AbstractValue, b: AbstractValue, affine: Affine | undefined): AbstractValue {
  return { sources: union(a.sources, b.sources), affine, why: a.why ?? b.why };
}

export function addAffine(a: Affine | undefined, b: Affine | undefined, sign: 1 | -1): Affine | undefined {
  if (!a || !b) return undefined;
  if (b.buffer !== undefined && (sign === -1 || a.buffer !== undefined)) return undefined;
  return { c: wrap(a.c + sign * b.c), s: wrap(a.s + sign * b.s), buffer: a.buffer ?? b.buffer };
}

export function scaleAffine(a: Affine | undefined, factor: number | undefined): Affine | undefined {
  if (!a || factor === undefined || a.buffer !== undefined) return undefined;
  return { c: wrap(Math.imul(a.c, factor)), s: wrap(Math.imul(a.s, factor)), buffer: undefined };
}

/** The constant an affine value is, if it is one (no iteration term, no buffer). */
export function constantOf(value: AbstractValue): number | undefined {
  const a = value.affine;
  return a && a.s === 0 && a.buffer === undefined ? a.c : undefined;
}
