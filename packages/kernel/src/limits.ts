/**
 * Bounds on what the front end accepts, so that a hostile or corrupt kernel costs bounded time
 * and memory. Real kernels are far below each (the examples are under 2 KiB).
 */
export const FRONT_END_LIMITS = {
  /** Bytes of one kernel module. */
  MAX_KERNEL_BYTES: 4 * 1024 * 1024,
  /** Functions in one kernel. */
  MAX_FUNCTIONS: 10_000,
  /** Expressions in all functions together, after normalisation. */
  MAX_INSTRUCTIONS: 1_000_000,
  /** Nesting depth of expressions the IR converter follows (it recurses). */
  MAX_NESTING: 2_000,
  /** Kernels kept decoded (LRU), keyed by hash and options. */
  CACHE_ENTRIES: 64,
  /** Fixed-point rounds of the provenance analysis before it gives up on a function. */
  MAX_ANALYSIS_ROUNDS: 50,
} as const;
