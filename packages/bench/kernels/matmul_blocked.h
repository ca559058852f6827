/* dense matmul, blocked: C = A x B for n x n f32. Each iteration computes `bs` rows of C; k is
 * walked in tiles of MATMUL_TILE so the B rows a tile touches stay in cache, and the inner loop
 * runs along a row of B and C (contiguous, vectorisable). Buffers as matmul_naive. */
#include "bench-abi.h"
#include "matmul_common.h"

#define MATMUL_TILE 64

static inline void matmul_blocked_body(BENCH_PARAMS) {
  const float *a = b1, *b = b2;
  float *c = b3;
  int size = PARAM(0), first = it * bs, last = first + bs;
  if (last > size) last = size;
  for (int i = first; i < last; i++)
    for (int j = 0; j < size; j++) c[i * size + j] = 0.0f;
  for (int kk = 0; kk < size; kk += MATMUL_TILE) {
    int kend = kk + MATMUL_TILE < size ? kk + MATMUL_TILE : size;
    for (int i = first; i < last; i++) {
      float *crow = c + i * size;
      for (int k = kk; k < kend; k++) {
        float aik = a[i * size + k];
        const float *brow = b + k * size;
        for (int j = 0; j < size; j++) crow[j] += aik * brow[j];
      }
    }
  }
}

static inline void matmul_blocked_init(BENCH_BUFFERS) { matmul_init(PARAM(0), b1, b2); }
static inline int matmul_blocked_check(BENCH_BUFFERS) { return matmul_check(PARAM(0), b1, b2, b3); }
