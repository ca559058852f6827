/* dense matmul, naive: C = A x B for n x n f32, one row of C per iteration, inner product
 * over k (B read down a column). Buffers: params [n], A (read), B (read), C (write). */
#include "bench-abi.h"
#include "matmul_common.h"

static inline void matmul_naive_body(BENCH_PARAMS) {
  const float *a = b1, *b = b2;
  float *c = b3;
  int size = PARAM(0), i = it;
  if (i >= size) return;
  for (int j = 0; j < size; j++) {
    float sum = 0.0f;
    for (int k = 0; k < size; k++) sum += a[i * size + k] * b[k * size + j];
    c[i * size + j] = sum;
  }
}

static inline void matmul_naive_init(BENCH_BUFFERS) { matmul_init(PARAM(0), b1, b2); }
static inline int matmul_naive_check(BENCH_BUFFERS) { return matmul_check(PARAM(0), b1, b2, b3); }
