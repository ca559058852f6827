/**
 * Bounds on what the front end accepts, so that a hostile or corrupt kernel costs bounded time
 * and memory. Real kernels are far below each (the examples are under 2 KiB).
 */
export const FRONT_END_LIMITS = {
  /** Bytes of one kernel module. */
  MAX_KERNEL_BYTES: 1024 * 1024,
  /** Functions in one kernel. */
  MAX_FUNCTIONS: 10_000,
  /** Expressions in all functions together, before and after normalisation. */
  MAX_INSTRUCTIONS: 50_000,
  /** Nesting depth of expressions: binaryen's passes and the IR converter recurse. */
  MAX_NESTING: 500,
  /** Kernels kept decoded (LRU), keyed by hash and options. */
  CACHE_ENTRIES: 64,
  /** Fixed-point rounds of the provenance analysis before it gives up on a function. */
  MAX_ANALYSIS_ROUNDS: 50,
} as const;
