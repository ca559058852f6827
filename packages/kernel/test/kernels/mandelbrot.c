/* Mandelbrot, one image row per iteration.
   Buffers: params {int width, height, max_iter} (in), pixels (out, width * height bytes). */
typedef unsigned char uint8_t;

static uint8_t escape_time(float cx, float cy, int max_iter) {
  float x = 0.0f, y = 0.0f;
  int k = 0;
  while (k < max_iter && x * x + y * y <= 4.0f) {
    float t = x * x - y * y + cx;
    y = 2.0f * x * y + cy;
    x = t;
    k++;
  }
  return (uint8_t)(k == max_iter ? 0 : 255 - (255 * k) / max_iter);
}

__attribute__((export_name("kernel"))) void kernel(int row, int n, int block_size, const int *params, int params_len,
                                                    uint8_t *pixels, int pixels_len) {
  (void)n, (void)block_size, (void)params_len, (void)pixels_len;
  int width = params[0], height = params[1], max_iter = params[2];
  float cy = -1.25f + 2.5f * (float)row / (float)height;
  for (int col = 0; col < width; col++) {
    float cx = -2.0f + 3.0f * (float)col / (float)width;
    pixels[row * width + col] = escape_time(cx, cy, max_iter);
  }
}
