/* BabelStream's five kernels (UoB-HPC/BabelStream) over f32, written one iteration per array
 * element, as the prototype's nstream and every saxpy are: the memory-bandwidth suite.
 * Buffers: params [count, dotIterations], then the arrays in the order each kernel names them.
 * Values as BabelStream starts them (a = 0.1, b = 0.2, c = 0.0, scalar 0.4), varied per index
 * so a misplaced element shows. */
#include "bench-abi.h"

#define STREAM_SCALAR 0.4f

static inline float stream_start(int i, float base) { return base + (float)(i % 1024) * 0x1p-12f; }

static inline void stream_fill(BENCH_BUFFERS) {
  float *x = b1, *y = b2;
  for (int i = 0; i < PARAM(0); i++) {
    x[i] = stream_start(i, 0.1f);
    if (y) y[i] = stream_start(i, 0.2f);
  }
}

/* copy: c[i] = a[i]. Buffers: params, a (read), c (write). */
static inline void stream_copy_body(BENCH_PARAMS) {
  const float *a = b1;
  float *c = b2;
  c[it] = a[it];
}
static inline void stream_copy_init(BENCH_BUFFERS) { stream_fill(b0, l0, b1, l1, 0, 0, 0, 0); }
static inline int stream_copy_check(BENCH_BUFFERS) {
  const float *a = b1, *c = b2;
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) bad += c[i] != a[i];
  return bad;
}

/* mul: b[i] = scalar · c[i]. Buffers: params, c (read), b (write). */
static inline void stream_mul_body(BENCH_PARAMS) {
  const float *c = b1;
  float *b = b2;
  b[it] = STREAM_SCALAR * c[it];
}
static inline void stream_mul_init(BENCH_BUFFERS) { stream_fill(b0, l0, b1, l1, 0, 0, 0, 0); }
static inline int stream_mul_check(BENCH_BUFFERS) {
  const float *c = b1, *b = b2;
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) bad += b[i] != STREAM_SCALAR * c[i];
  return bad;
}

/* add: c[i] = a[i] + b[i]. Buffers: params, a (read), b (read), c (write). */
static inline void stream_add_body(BENCH_PARAMS) {
  const float *a = b1, *b = b2;
  float *c = b3;
  c[it] = a[it] + b[it];
}
static inline void stream_add_init(BENCH_BUFFERS) { stream_fill(b0, l0, b1, l1, b2, l2, 0, 0); }
static inline int stream_add_check(BENCH_BUFFERS) {
  const float *a = b1, *b = b2, *c = b3;
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) bad += c[i] != a[i] + b[i];
  return bad;
}

/* triad: a[i] = b[i] + scalar · c[i]. Buffers: params, b (read), c (read), a (write). The
 * product is rounded before the sum: compilers must not contract it into an FMA. */
static inline void stream_triad_body(BENCH_PARAMS) {
  const float *b = b1, *c = b2;
  float *a = b3;
  a[it] = b[it] + STREAM_SCALAR * c[it];
}
static inline void stream_triad_init(BENCH_BUFFERS) { stream_fill(b0, l0, b1, l1, b2, l2, 0, 0); }
static inline int stream_triad_check(BENCH_BUFFERS) {
  const float *b = b1, *c = b2, *a = b3;
  int bad = 0;
  for (int i = 0; i < PARAM(0); i++) {
    float product = STREAM_SCALAR * c[i];
    bad += a[i] != b[i] + product;
  }
  return bad;
}

/* dot: sum of a[i] · b[i]. A sum needs a reduction, so dot runs as BabelStream's GPU versions
 * do: iteration t (of PARAM(1)) adds the products of elements t, t + T, t + 2T, … into
 * partial[t], and the check sums the partials. Buffers: params, a (read), b (read), partial (write). */
static inline void stream_dot_body(BENCH_PARAMS) {
  const float *a = b1, *b = b2;
  float *partial = b3;
  int count = PARAM(0), stride = PARAM(1);
  float sum = 0.0f;
  for (int i = it; i < count; i += stride) sum += a[i] * b[i];
  partial[it] = sum;
}
static inline void stream_dot_init(BENCH_BUFFERS) { stream_fill(b0, l0, b1, l1, b2, l2, 0, 0); }
static inline int stream_dot_check(BENCH_BUFFERS) {
  const float *a = b1, *b = b2, *partial = b3;
  int count = PARAM(0), stride = PARAM(1), bad = 0;
  for (int t = 0; t < stride; t++) {
    float sum = 0.0f;
    for (int i = t; i < count; i += stride) {
      float product = a[i] * b[i];
      sum += product;
    }
    bad += partial[t] != sum;
  }
  return bad;
}
