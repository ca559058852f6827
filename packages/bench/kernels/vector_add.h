/* vector add: c = a + b over `count` floats; each iteration takes `bs` elements.
 * Buffers: params [count], a (read), b (read), c (write). */
#include "bench-abi.h"

static inline void vector_add_body(BENCH_PARAMS) {
  const float *a = b1, *b = b2;
  float *c = b3;
  int count = PARAM(0), start = it * bs, end = start + bs;
  if (end > count) end = count;
  for (int i = start; i < end; i++) c[i] = a[i] + b[i];
}

static inline void vector_add_init(BENCH_BUFFERS) {
  float *a = b1, *b = b2;
  for (int i = 0; i < PARAM(0); i++) {
    a[i] = (float)((i * 17) % 4096) * 0.25f;
    b[i] = (float)((i * 29) % 4096) * -0.125f;
  }
}

static inline int vector_add_check(BENCH_BUFFERS) {
  const float *a = b1, *b = b2, *c = b3;
  int bad = 0;
  /* Multiples of 1/8 below 2^12 add exactly in f32 on every device. */
  for (int i = 0; i < PARAM(0); i++) bad += c[i] != a[i] + b[i];
  return bad;
}
