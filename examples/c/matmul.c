/* Matmul on the device a CPU hint resolves to: C = A x B for N x N floats (argv[1], default
   256), one row of C per iteration. Checks C against a sequential recomputation (same loop
   order, so the same bytes) and prints a checksum. */
#include "common.h"
#include "matmul-kernel.wasm.h"

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 256;
  uint32_t bytes = (uint32_t)(n * n) * sizeof(float);
  float *a = malloc(bytes), *b = malloc(bytes), *c = calloc(1, bytes), *expected = malloc(bytes);
  for (int i = 0; i < n * n; i++) {
    a[i] = (float)(i % 17) * 0.25f - 2.0f;
    b[i] = (float)(i % 13) * 0.5f - 3.0f;
  }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      float sum = 0.0f;
      for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
      expected[i * n + j] = sum;
    }

  wp_device_t device;
  wp_buffer_t in[2], out[1];
  CHECK(wp_get_device(WP_CPU, &device));
  CHECK(wp_create_buffer(device, bytes, WP_READ, &in[0]));
  CHECK(wp_create_buffer(device, bytes, WP_READ, &in[1]));
  CHECK(wp_create_buffer(device, bytes, WP_WRITE, &out[0]));
  CHECK(wp_write_buffer(a, bytes, in[0]));
  CHECK(wp_write_buffer(b, bytes, in[1]));
  CHECK(wp_write_buffer(c, bytes, out[0]));
  CHECK(wp_parallel_exec(device, matmul_kernel_wasm, matmul_kernel_wasm_len, (uint32_t)n, 1, in, 2, out, 1));

  if (!same_bytes("matmul c", c, expected, bytes)) return 1;
  printf("matmul n=%d checksum=0x%08x\n", n, checksum(c, bytes));
  return 0;
}
