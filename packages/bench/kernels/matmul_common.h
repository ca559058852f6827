/* Inputs and check shared by both matmul kernels. Entries are multiples of 1/16 in [-0.5, 0.5],
 * so every product is a multiple of 1/256 and every partial sum (|sum| <= n/4) is exact in f32
 * for n <= 2^14: any summation order gives the same bits, and the check compares exactly. */
#ifndef MATMUL_COMMON_H
#define MATMUL_COMMON_H
#include "bench-abi.h"

static inline void matmul_init(int size, float *a, float *b) {
  for (int i = 0; i < size * size; i++) {
    a[i] = (float)((i * 3) % 17 - 8) * 0.0625f;
    b[i] = (float)((i * 5) % 13 - 6) * 0.0625f;
  }
}

/* Recomputes every 8th row and the last one. */
static inline int matmul_check(int size, const float *a, const float *b, const float *c) {
  int bad = 0;
  for (int i = 0; i < size; i = (i + 8 < size || i == size - 1) ? i + 8 : size - 1) {
    for (int j = 0; j < size; j++) {
      double sum = 0.0;
      for (int k = 0; k < size; k++) sum += (double)a[i * size + k] * b[k * size + j];
      bad += c[i * size + j] != (float)sum;
    }
    if (i == size - 1) break;
  }
  return bad;
}
#endif
