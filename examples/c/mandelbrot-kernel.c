/* Mandelbrot kernel: one image row per iteration.
   Buffers: params {int width, height, max_iter} (in), pixels (out, width*height bytes). */
#include "mandelbrot-body.h"
#include "wasi_parallel.h"

WP_KERNEL void kernel(int row, int num_iterations, int block_size, const int *params, int params_len,
                      uint8_t *pixels, int pixels_len) {
  (void)num_iterations, (void)block_size, (void)params_len, (void)pixels_len;
  int width = params[0];
  mandelbrot_row(row, width, params[1], params[2], pixels + row * width);
}
