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
  /* One element per trip, the loop an HLS tool pipelines at II 1 (the FPGA device reports it):
     unrolled, each trip would touch y four times and wait on its two memory ports. */
#pragma clang loop unroll(disable) interleave(disable)
  for (int i = start; i < end; i++) y[i] = a * x[i] + y[i];
}
