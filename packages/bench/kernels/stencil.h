/* 2-D 5-point stencil: out = 0.2 * (centre + 4 neighbours) on the interior of a width x height
 * f32 grid, border copied; one row per iteration. Buffers: params [width, height], in (read),
 * out (write). */
#include "bench-abi.h"

static inline void stencil_body(BENCH_PARAMS) {
  const float *in = b1;
  float *out = b2;
  int width = PARAM(0), height = PARAM(1), y = it;
  if (y >= height) return;
  const float *row = in + y * width;
  float *dst = out + y * width;
  if (y == 0 || y == height - 1) {
    for (int x = 0; x < width; x++) dst[x] = row[x];
    return;
  }
  dst[0] = row[0];
  for (int x = 1; x < width - 1; x++)
    dst[x] = 0.2f * (row[x] + row[x - 1] + row[x + 1] + row[x - width] + row[x + width]);
  dst[width - 1] = row[width - 1];
}

static inline void stencil_init(BENCH_BUFFERS) {
  float *in = b1;
  for (int i = 0; i < PARAM(0) * PARAM(1); i++) in[i] = (float)((i * 31) % 101) * 0.01f;
}

static inline int stencil_check(BENCH_BUFFERS) {
  const float *in = b1, *out = b2;
  int width = PARAM(0), height = PARAM(1), bad = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++) {
      int i = y * width + x;
      double want = (y == 0 || y == height - 1 || x == 0 || x == width - 1)
                        ? in[i]
                        : 0.2 * ((double)in[i] + in[i - 1] + in[i + 1] + in[i - width] + in[i + width]);
      bad += !bench_close(out[i], want, 1e-5);
    }
  return bad;
}
