/* Mandelbrot on the device a GPU hint resolves to: WIDTH x HEIGHT pixels (argv[2], argv[3];
   default 512 x 512), 256 iterations at most, one row per iteration. Checks every pixel against
   a sequential recomputation, prints a checksum, and writes a PGM image to argv[1] when given
   (run with --dir so the guest may write there). */
#include "common.h"
#include "mandelbrot-body.h"
#include "mandelbrot-kernel.wasm.h"

int main(int argc, char **argv) {
  int params[3] = {argc > 2 ? atoi(argv[2]) : 512, argc > 3 ? atoi(argv[3]) : 512, 256};
  int width = params[0], height = params[1];
  uint32_t size = (uint32_t)width * (uint32_t)height;
  uint8_t *pixels = calloc(size, 1), *expected = malloc(size);
  for (int row = 0; row < height; row++) mandelbrot_row(row, width, height, params[2], expected + row * width);

  wp_device_t device;
  wp_buffer_t in[1], out[1];
  CHECK(wp_get_device(WP_DISCRETE_GPU, &device));
  CHECK(wp_create_buffer(device, sizeof params, WP_READ, &in[0]));
  CHECK(wp_create_buffer(device, size, WP_WRITE, &out[0]));
  CHECK(wp_write_buffer(params, sizeof params, in[0]));
  CHECK(wp_write_buffer(pixels, size, out[0]));
  CHECK(wp_parallel_exec(device, mandelbrot_kernel_wasm, mandelbrot_kernel_wasm_len, (uint32_t)height, 1, in, 1, out, 1));

  if (!same_bytes("mandelbrot pixels", pixels, expected, size)) return 1;
  if (argc > 1) {
    FILE *file = fopen(argv[1], "wb");
    if (!file) {
      perror(argv[1]);
      return 2;
    }
    fprintf(file, "P5\n%d %d\n255\n", width, height);
    fwrite(pixels, 1, size, file);
    fclose(file);
  }
  printf("mandelbrot %dx%d checksum=0x%08x\n", width, height, checksum(pixels, size));
  return 0;
}
