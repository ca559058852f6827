/* Dense matmul kernel: C = A x B for n x n f32 matrices, one row of C per iteration.
   Buffers: a (in), b (in), c (out). n comes from the buffer length. */
#include "wasi_parallel.h"

static int isqrt(int value) {
  int root = 0;
  while ((root + 1) * (root + 1) <= value) root++;
  return root;
}

WP_KERNEL void kernel(int row, int num_iterations, int block_size, const float *a, int a_len, const float *b,
                      int b_len, float *c, int c_len) {
  (void)num_iterations, (void)block_size, (void)b_len, (void)c_len;
  int n = isqrt(a_len / (int)sizeof(float));
  for (int j = 0; j < n; j++) {
    float sum = 0.0f;
    for (int k = 0; k < n; k++) sum += a[row * n + k] * b[k * n + j];
    c[row * n + j] = sum;
  }
}
