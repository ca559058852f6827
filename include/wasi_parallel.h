/*
 * wasi_parallel.h: typed C wrappers over the `wasi_ephemeral_parallel` imports, in the shape
 * of the 2022 prototype ABI (docs/abi.md). Guests build with
 *   clang-16 --target=wasm32-wasi -O2 -I include prog.c -o prog.wasm
 * and run with `wasi-parallel run prog.wasm`. Every call returns a wp_error_t; 0 is success.
 */
#ifndef WASI_PARALLEL_H
#define WASI_PARALLEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t wp_device_t;
typedef uint32_t wp_buffer_t;

/* The witx numbering; WP_FPGA is this host's documented extension. */
typedef enum {
  WP_SEQUENTIAL = 0,
  WP_CPU = 1,
  WP_DISCRETE_GPU = 2,
  WP_INTEGRATED_GPU = 3,
  WP_FPGA = 4,
} wp_device_kind_t;

typedef enum {
  WP_READ = 0,
  WP_WRITE = 1,
  WP_READ_WRITE = 2,
} wp_access_t;

/* The host's error codes (docs/abi.md). */
typedef enum {
  WP_SUCCESS = 0,
  WP_INVALID_ARGUMENT = 1,
  WP_INVALID_HANDLE = 2,
  WP_WRONG_DEVICE = 3,
  WP_SIZE_MISMATCH = 4,
  WP_OUT_OF_MEMORY = 5,
  WP_INVALID_KERNEL = 6,
  WP_UNSUPPORTED_KERNEL_FEATURE = 7,
  WP_KERNEL_TRAP = 8,
  WP_TIMEOUT = 9,
  WP_DEVICE_LOST = 10,
  WP_DEVICE_UNAVAILABLE = 11,
} wp_error_t;

#define WP_IMPORT(name) __attribute__((import_module("wasi_ephemeral_parallel"), import_name(name)))

WP_IMPORT("get_device") int32_t __wp_get_device(int32_t hint, wp_device_t *out_device);
WP_IMPORT("create_buffer") int32_t __wp_create_buffer(wp_device_t device, uint32_t size, int32_t access, wp_buffer_t *out_buffer);
WP_IMPORT("write_buffer") int32_t __wp_write_buffer(const void *data, uint32_t data_len, wp_buffer_t buffer);
WP_IMPORT("read_buffer") int32_t __wp_read_buffer(wp_buffer_t buffer, void *data, uint32_t data_len);
WP_IMPORT("parallel_exec") int32_t __wp_parallel_exec(wp_device_t device, const void *kernel, uint32_t kernel_len,
                                                       uint32_t num_iterations, uint32_t block_size,
                                                       const wp_buffer_t *in_buffers, uint32_t in_count,
                                                       const wp_buffer_t *out_buffers, uint32_t out_count);

/* A device of (preferably) the hinted kind. Never fails in this host; the host may override the hint. */
static inline wp_error_t wp_get_device(wp_device_kind_t hint, wp_device_t *out_device) {
  return (wp_error_t)__wp_get_device((int32_t)hint, out_device);
}

static inline wp_error_t wp_create_buffer(wp_device_t device, uint32_t size, wp_access_t access, wp_buffer_t *out_buffer) {
  return (wp_error_t)__wp_create_buffer(device, size, (int32_t)access, out_buffer);
}

/* Makes `buffer` an alias of [data, data + size): the kernel's writes appear there when
   wp_parallel_exec returns. data_len must equal the buffer's size. */
static inline wp_error_t wp_write_buffer(const void *data, uint32_t data_len, wp_buffer_t buffer) {
  return (wp_error_t)__wp_write_buffer(data, data_len, buffer);
}

static inline wp_error_t wp_read_buffer(wp_buffer_t buffer, void *data, uint32_t data_len) {
  return (wp_error_t)__wp_read_buffer(buffer, data, data_len);
}

/* Runs `kernel` (a wasm module's bytes) for iterations 0..num_iterations-1 and returns when all
   are done. The kernel gets (iteration, num_iterations, block_size, then ptr, len per buffer:
   in-buffers first). */
static inline wp_error_t wp_parallel_exec(wp_device_t device, const void *kernel, uint32_t kernel_len,
                                          uint32_t num_iterations, uint32_t block_size,
                                          const wp_buffer_t *in_buffers, uint32_t in_count,
                                          const wp_buffer_t *out_buffers, uint32_t out_count) {
  return (wp_error_t)__wp_parallel_exec(device, kernel, kernel_len, num_iterations, block_size, in_buffers, in_count,
                                        out_buffers, out_count);
}

static inline const char *wp_error_name(wp_error_t code) {
  static const char *const names[] = {"SUCCESS", "INVALID_ARGUMENT", "INVALID_HANDLE", "WRONG_DEVICE",
                                      "SIZE_MISMATCH", "OUT_OF_MEMORY", "INVALID_KERNEL",
                                      "UNSUPPORTED_KERNEL_FEATURE", "KERNEL_TRAP", "TIMEOUT", "DEVICE_LOST",
                                      "DEVICE_UNAVAILABLE"};
  return (unsigned)code < sizeof names / sizeof names[0] ? names[code] : "UNKNOWN";
}

/* For kernels: the entry point's signature, exported by name. */
#define WP_KERNEL __attribute__((export_name("kernel")))

#ifdef __cplusplus
}
#endif
#endif
