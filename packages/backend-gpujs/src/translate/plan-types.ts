import type { BlockShape, CollapsePlan } from '@wasi-parallel/kernel';

/** The inputs a kernel reads: memory as floats, as 16-bit pieces, as bytes; float specials. */
export type Plane = 'memF' | 'memL' | 'memB' | 'spec';

/** The special floats GPU.js source cannot write as literals, passed in `spec`. */
export const SPECIALS = { NaN: 0, Infinity: 1, NegativeInfinity: 2 } as const;

/**
 * How a written buffer comes back from GPU.js: one output number per element of `unit` bytes.
 * `f32`: the float itself (every store to the buffer is an f32 or a 4-byte bit copy);
 * `i32`: the integer itself, when every store is a 4-byte i32 whose value the ranges prove
 * exact in a float (elements no store writes come back as UNWRITTEN and keep their bytes);
 * `u16`: 16-bit pieces (every store is 2 or 4 bytes, 2-aligned); `u8`: bytes.
 */
export type PlaneForm = 'f32' | 'i32' | 'u16' | 'u8';

export const FORM_UNIT: Readonly<Record<PlaneForm, 1 | 2 | 4>> = { f32: 4, i32: 4, u16: 2, u8: 1 };

/**
 * The largest magnitude up to which every integer is exact in an output plane: GPU.js returns
 * a Float32Array in every mode (cpu included), so 2^24, whatever the mode computes in.
 */
export const PLANE_EXACT_INTEGER = 2 ** 24;

/** What an `i32` plane's element is when no store wrote it: 2^25, exact in f32 and outside every value such a plane holds. */
export const UNWRITTEN = 2 ** 25;

/** One output plane: a kernel that computes every element of one written buffer. */
export interface PlanePlan {
  readonly buffer: number;
  readonly form: PlaneForm;
  readonly shape: BlockShape;
  /** The stores that write the buffer: loc → bytes. */
  readonly stores: ReadonlyMap<number, number>;
}

/** What one generated GPU.js kernel computes. */
export type Purpose =
  | {
      readonly kind: 'data';
      readonly plane: PlanePlan;
      /** Store loops run only at the trip that writes the thread's element. */
      readonly collapse: ReadonlyMap<number, CollapsePlan>;
    }
  | {
      readonly kind: 'status';
      /** Each written buffer's block shape; stores outside `proven` are checked. */
      readonly shapes: ReadonlyMap<number, BlockShape>;
      /** Store loc → the buffer it writes and its index (its status is STORE_OUTSIDE_BLOCK + index). */
      readonly stores: ReadonlyMap<number, { readonly buffer: number; readonly index: number }>;
      /** Loops whose trips are counted against the loop limit. */
      readonly countedLoops: ReadonlySet<number>;
      readonly loopLimit: number;
    };
