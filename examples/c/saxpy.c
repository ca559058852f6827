/* saxpy on the device the CPU hint resolves to: y = a*x + y for N floats (argv[1], default
   1,000,000), block of 4096 elements per iteration. Checks the result against a sequential
   recomputation and prints a checksum of y. */
#include <string.h>

#include "common.h"
#include "saxpy-kernel.wasm.h"

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 1000000;
  const uint32_t block = 4096;
  float params[1] = {2.5f};
  float *x = malloc(n * sizeof(float)), *y = malloc(n * sizeof(float)), *expected = malloc(n * sizeof(float));
  for (uint32_t i = 0; i < n; i++) {
    x[i] = (float)i * 0.5f;
    y[i] = (float)(n - i) * 0.25f;
    expected[i] = params[0] * x[i] + y[i];
  }

  wp_device_t device;
  wp_buffer_t in[2], out[1];
  CHECK(wp_get_device(WP_CPU, &device));
  CHECK(wp_create_buffer(device, sizeof params, WP_READ, &in[0]));
  CHECK(wp_create_buffer(device, n * sizeof(float), WP_READ, &in[1]));
  CHECK(wp_create_buffer(device, n * sizeof(float), WP_READ_WRITE, &out[0]));
  CHECK(wp_write_buffer(params, sizeof params, in[0]));
  CHECK(wp_write_buffer(x, n * sizeof(float), in[1]));
  CHECK(wp_write_buffer(y, n * sizeof(float), out[0]));
  CHECK(wp_parallel_exec(device, saxpy_kernel_wasm, saxpy_kernel_wasm_len, (n + block - 1) / block, block, in, 2, out, 1));

  /* The kernel's writes are in y (the aliased region) and in what read_buffer returns. */
  float *read_back = malloc(n * sizeof(float));
  CHECK(wp_read_buffer(out[0], read_back, n * sizeof(float)));
  if (!same_bytes("saxpy y", y, expected, n * sizeof(float)) || !same_bytes("saxpy read_buffer", read_back, y, n * sizeof(float)))
    return 1;
  printf("saxpy n=%u checksum=0x%08x\n", n, checksum(y, n * sizeof(float)));
  return 0;
}
