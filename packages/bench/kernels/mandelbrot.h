/* mandelbrot: escape-iteration counts over [-2, 1] x [-1.5, 1.5]; one row per iteration.
 * Buffers: params [width, height, maxIter], counts (write, int32 per pixel). */
#include "bench-abi.h"

static inline int mandelbrot_pixel(int x, int y, int width, int height, int max_iter) {
  float cr = -2.0f + 3.0f * (float)x / (float)width;
  float ci = -1.5f + 3.0f * (float)y / (float)height;
  float zr = 0.0f, zi = 0.0f;
  int k = 0;
  while (k < max_iter && zr * zr + zi * zi <= 4.0f) {
    float t = zr * zr - zi * zi + cr;
    zi = 2.0f * zr * zi + ci;
    zr = t;
    k++;
  }
  return k;
}

static inline void mandelbrot_body(BENCH_PARAMS) {
  int width = PARAM(0), height = PARAM(1), max_iter = PARAM(2);
  int32_t *counts = b1;
  if (it >= height) return;
  for (int x = 0; x < width; x++) counts[it * width + x] = mandelbrot_pixel(x, it, width, height, max_iter);
}

static inline void mandelbrot_init(BENCH_BUFFERS) {}

static inline int mandelbrot_check(BENCH_BUFFERS) {
  int width = PARAM(0), height = PARAM(1), max_iter = PARAM(2), off = 0;
  const int32_t *counts = b1;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++) off += counts[y * width + x] != mandelbrot_pixel(x, y, width, height, max_iter);
  /* A device that contracts a*b+c into one rounding (an FMA) may escape one step earlier or
   * later on pixels at the set's edge; one in a thousand is allowed, no more. */
  return off * 1000 > width * height ? off : 0;
}
