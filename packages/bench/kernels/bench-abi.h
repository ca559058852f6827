/*
 * The one signature every benchmark kernel body, initialiser and check shares, so the wasm
 * module wrapper (kernel-module.c), the wasm check module (check-module.c) and the native
 * driver (../native/driver.c) can call any of them the same way. Bodies take up to four
 * buffers; a kernel with fewer ignores the rest. Buffer 0 is always the kernel's parameters
 * (int32 values the harness writes), the others are in the order the kernel ABI passes them:
 * in-buffers, then out-buffers.
 *
 * Kernels use no stack and no libc: the wasm build is -nostdlib, and several instances of one
 * kernel may run at once over one shared memory, where a shadow stack would be shared too.
 */
#ifndef BENCH_ABI_H
#define BENCH_ABI_H

#include <stdint.h>

#define BENCH_PARAMS                                                                       \
  int it __attribute__((unused)), int n __attribute__((unused)), int bs __attribute__((unused)), \
      void *__restrict b0 __attribute__((unused)), int l0 __attribute__((unused)),         \
      void *__restrict b1 __attribute__((unused)), int l1 __attribute__((unused)),         \
      void *__restrict b2 __attribute__((unused)), int l2 __attribute__((unused)),         \
      void *__restrict b3 __attribute__((unused)), int l3 __attribute__((unused))

#define BENCH_BUFFERS                                                                      \
  void *__restrict b0 __attribute__((unused)), int l0 __attribute__((unused)),             \
      void *__restrict b1 __attribute__((unused)), int l1 __attribute__((unused)),         \
      void *__restrict b2 __attribute__((unused)), int l2 __attribute__((unused)),         \
      void *__restrict b3 __attribute__((unused)), int l3 __attribute__((unused))

/* The parameters buffer, as int32 values. */
#define PARAM(i) (((const int32_t *)b0)[i])

static inline float bench_absf(float x) { return x < 0 ? -x : x; }
static inline double bench_abs(double x) { return x < 0 ? -x : x; }

/* |got - want| within a relative tolerance; NaN never passes. */
static inline int bench_close(double got, double want, double rel) {
  double diff = bench_abs(got - want);
  return diff <= rel * (1.0 + bench_abs(want));
}

#endif
