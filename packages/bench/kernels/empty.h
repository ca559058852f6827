/* empty: does nothing; measures a dispatch's round trip (no buffers). */
#include "bench-abi.h"

static inline void empty_body(BENCH_PARAMS) {}
static inline void empty_init(BENCH_BUFFERS) {}
static inline int empty_check(BENCH_BUFFERS) { return 0; }
