/* One row of the Mandelbrot set, shared by the kernel and the guest's sequential check so
   both run exactly the same f32 arithmetic. */
#ifndef MANDELBROT_BODY_H
#define MANDELBROT_BODY_H

#include <stdint.h>

static inline void mandelbrot_row(int row, int width, int height, int max_iter, uint8_t *pixels) {
  float ci = -1.25f + 2.5f * (float)row / (float)height;
  for (int col = 0; col < width; col++) {
    float cr = -2.0f + 3.0f * (float)col / (float)width;
    float zr = 0.0f, zi = 0.0f;
    int k = 0;
    while (k < max_iter && zr * zr + zi * zi <= 4.0f) {
      float t = zr * zr - zi * zi + cr;
      zi = 2.0f * zr * zi + ci;
      zr = t;
      k++;
    }
    /* Integer shading only, so every device produces the same bytes: points that escape
       quickly are dark, the set's surroundings glow, the set itself is black. */
    int shade = (k * 255 * 16) / max_iter;
    pixels[col] = (uint8_t)(k == max_iter ? 0 : (shade > 255 ? 255 : shade));
  }
}

#endif
