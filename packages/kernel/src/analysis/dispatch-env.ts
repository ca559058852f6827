import { ITERATION_SYMBOL } from './affine-range.js';

/** Where one buffer lies in the kernel's memory for a call. */
export interface BufferPlacement {
  /** The pointer the kernel receives (a byte offset in its memory). */
  readonly pointer: number;
  /** The length it receives, in bytes. */
  readonly length: number;
}

/**
 * The facts of one call that the dispatch analyses specialise a kernel for: the iteration
 * space, where each buffer lies, the memory size, and the values of constant-address loads
 * from buffers the kernel never writes (`constantLoads`). A translator that caches by these
 * facts may fold them into its code.
 */
export interface DispatchEnv {
  readonly numIterations: number;
  readonly blockSize: number;
  readonly buffers: readonly BufferPlacement[];
  /** Bytes of the kernel's memory (its own region and every buffer). */
  readonly memoryBytes: number;
  /** Value of each constant load, by the load's `loc` in `kernel` (see `findConstantLoads`). */
  readonly loadValues: ReadonlyMap<number, number>;
  /**
   * Store loc → the buffer it writes, when the caller checks, where they run, every store that
   * `BlockShape.proven` leaves out, and discards a call in which one leaves its buffer. Loops
   * may then be bounded by their stores: a trip that stores past its buffer's end never counts
   * (`LoopTrips.boundBy` = 'stores').
   */
  readonly storesChecked?: ReadonlyMap<number, number>;
}

/** The symbol of the trip index of the loop at `loc` (0 on the first trip). */
export function tripSymbol(loc: number): string {
  return `trip:${loc}`;
}

/** The symbol of a local's value when the loop under analysis is entered. */
export function entrySymbol(local: number): string {
  return `entry:${local}`;
}

/** The value a `kernel` param has for every iteration, as a symbol name or a number; undefined for a param it may reassign. */
export function entryParam(index: number, env: DispatchEnv): number | typeof ITERATION_SYMBOL {
  if (index === 0) return ITERATION_SYMBOL;
  if (index === 1) return env.numIterations;
  if (index === 2) return env.blockSize;
  const buffer = env.buffers[Math.floor((index - 3) / 2)];
  if (!buffer) return 0;
  return (index - 3) % 2 === 0 ? buffer.pointer : buffer.length;
}
