/**
 * What the analyses say about a kernel (src/analysis). Backends read this to accept or refuse a
 * kernel and to pick a translation strategy. "Unknown" is always a possible answer.
 */

/** Where an address comes from. */
export type Provenance =
  /** Derived from the pointer param of buffer `buffer` (0-based, in call order). */
  | { readonly kind: 'buffer'; readonly buffer: number }
  /** Derived from the shadow-stack pointer: the kernel's own scratch memory. */
  | { readonly kind: 'stack' }
  /** A constant address: static data below `__heap_base`, or memory no buffer owns. */
  | { readonly kind: 'static' }
  /** Cannot be shown: a mix of buffers, a pointer read from memory, a global. */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * An address of the form `bufferStart + base + stride · iteration_id` (the buffer from the
 * provenance; `bufferStart` is 0 for static addresses), touching `width` bytes.
 */
export interface AffineAddress {
  readonly base: number;
  readonly stride: number;
  readonly width: number;
}

export type AccessKind = 'load' | 'store' | 'rmw';

export interface MemoryAccessInfo {
  readonly function: string;
  /** The instruction's `loc` in that function. */
  readonly loc: number;
  readonly access: AccessKind;
  /** The IR expression kind (`load`, `store`, `atomic.rmw`, `simd.load`, …). */
  readonly exprKind: string;
  readonly bytes: number;
  readonly atomic: boolean;
  readonly provenance: Provenance;
  /** Present when the address is affine in `iteration_id` alone. */
  readonly affine: AffineAddress | undefined;
}

/** What the kernel does to one buffer param. */
export interface BufferUse {
  readonly buffer: number;
  readonly reads: boolean;
  readonly writes: boolean;
  /** How many accesses read / write it (an rmw counts as both); the accesses are in `AnalysisResult.accesses`. */
  readonly readAccesses: number;
  readonly writeAccesses: number;
  /**
   * Map-style: every write is a plain store affine in `iteration_id` with `|stride| ≥ width`,
   * so different iterations write different bytes. True when the buffer is not written.
   * Writes through an address of unknown provenance are not counted here; see
   * `features.unknownAccesses`.
   */
  readonly allWritesAffine: boolean;
}

export type FeatureName =
  | 'i64'
  | 'f32'
  | 'f64'
  | 'simd'
  | 'atomics'
  | 'bulkMemory'
  | 'memoryGrow'
  | 'indirectCalls'
  | 'recursion'
  | 'calls'
  | 'loops'
  | 'globalWrites'
  | 'scatteredStores'
  | 'unknownAccesses';

/** Where a feature is first used, for "kernel uses f64 at `kernel`+12" messages. */
export interface FeatureUse {
  readonly function: string;
  readonly loc: number;
  /** The instruction that uses it, e.g. `f64.mul`. */
  readonly what: string;
}

export type FeatureSet = { readonly [K in FeatureName]: FeatureUse | undefined };

export interface LoopInfo {
  readonly function: string;
  readonly loc: number;
  readonly label: string | undefined;
  /** The local that steps by a constant each trip, when one controls the back edge. */
  readonly induction: { readonly local: number; readonly step: number } | undefined;
  /**
   * The bound the induction local is compared with, when it is computed from params and
   * constants only (e.g. `p2` = block size): known before the kernel runs.
   */
  readonly bound: string | undefined;
  readonly boundFromParams: boolean;
}

export interface AnalysisResult {
  readonly features: FeatureSet;
  readonly accesses: readonly MemoryAccessInfo[];
  /** One entry per buffer param, in call order. */
  readonly buffers: readonly BufferUse[];
  readonly loops: readonly LoopInfo[];
}
