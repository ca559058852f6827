/* histogram (atomics): 256-bin histogram of the low byte of `count` uint32 values; each
 * iteration counts `bs` values into its own slice of `scratch` (no stack: see bench-abi.h),
 * then adds its slice into the shared bins with atomic adds.
 * Buffers: params [count], data (read), scratch (read_write, 256 x iterations), bins
 * (read_write, 256, zero before the call). */
#include "bench-abi.h"

#define HISTOGRAM_BINS 256

static inline void histogram_body(BENCH_PARAMS) {
  const uint32_t *data = b1;
  uint32_t *local = (uint32_t *)b2 + it * HISTOGRAM_BINS;
  uint32_t *bins = b3;
  int count = PARAM(0), start = it * bs, end = start + bs;
  if (end > count) end = count;
  if ((it + 1) * HISTOGRAM_BINS * 4 > l2) return; /* scratch too small: the check will say so */
  for (int b = 0; b < HISTOGRAM_BINS; b++) local[b] = 0;
  for (int i = start; i < end; i++) local[data[i] & (HISTOGRAM_BINS - 1)]++;
  for (int b = 0; b < HISTOGRAM_BINS; b++)
    if (local[b]) __atomic_fetch_add(&bins[b], local[b], __ATOMIC_RELAXED);
}

static inline void histogram_init(BENCH_BUFFERS) {
  uint32_t *data = b1;
  for (int i = 0; i < PARAM(0); i++) data[i] = ((uint32_t)i * 2654435761u) >> 13;
}

static inline int histogram_check(BENCH_BUFFERS) {
  const uint32_t *data = b1, *bins = b3;
  uint32_t want[HISTOGRAM_BINS] = {0};
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) want[data[i] & (HISTOGRAM_BINS - 1)]++;
  for (int b = 0; b < HISTOGRAM_BINS; b++) bad += bins[b] != want[b];
  return bad;
}
