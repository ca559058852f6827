/* saxpy: z = alpha * x + y over `count` floats; each iteration takes `bs` elements.
 * Buffers: params [count], x (read), y (read), z (write). */
#include "bench-abi.h"

#define SAXPY_ALPHA 2.5f

static inline void saxpy_body(BENCH_PARAMS) {
  const float *x = b1, *y = b2;
  float *z = b3;
  int count = PARAM(0), start = it * bs, end = start + bs;
  if (end > count) end = count;
  for (int i = start; i < end; i++) z[i] = SAXPY_ALPHA * x[i] + y[i];
}

static inline void saxpy_init(BENCH_BUFFERS) {
  float *x = b1, *y = b2;
  for (int i = 0; i < PARAM(0); i++) {
    x[i] = (float)((i * 7) % 1000) * 0.001f;
    y[i] = (float)((i * 13) % 1000) * 0.01f;
  }
}

static inline int saxpy_check(BENCH_BUFFERS) {
  const float *x = b1, *y = b2, *z = b3;
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) bad += !bench_close(z[i], (double)SAXPY_ALPHA * x[i] + y[i], 1e-6);
  return bad;
}
