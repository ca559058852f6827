/* saxpy kernel: y = a*x + y over one block of elements per iteration.
   Buffers: params {float a} (in), x (in), y (out, read-write). */
#include "wasi_parallel.h"

WP_KERNEL void kernel(int iteration, int num_iterations, int block_size, const float *params, int params_len,
                      const float *x, int x_len, float *y, int y_len) {
  (void)num_iterations, (void)params_len, (void)x_len;
  int n = y_len / (int)sizeof(float);
  int start = iteration * block_size;
  int end = start + block_size < n ? start + block_size : n;
  float a = params[0];
  for (int i = start; i < end; i++) y[i] = a * x[i] + y[i];
}
