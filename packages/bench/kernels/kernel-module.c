/* One wasm kernel module: BENCH_KERNEL's body behind the kernel ABI's `kernel` export, taking
 * BENCH_ARITY buffers as (pointer, length) pairs (docs/kernel-abi.md). Built once per kernel
 * and per variant (scalar, -msimd128) by src/build/build-kernels.ts. */
#include "suite.h"

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define BODY CAT(BENCH_KERNEL, _body)
#define EXPORT __attribute__((export_name("kernel")))

#if BENCH_ARITY == 0
EXPORT void kernel(int it, int n, int bs) { BODY(it, n, bs, 0, 0, 0, 0, 0, 0, 0, 0); }
#elif BENCH_ARITY == 2
EXPORT void kernel(int it, int n, int bs, void *b0, int l0, void *b1, int l1) {
  BODY(it, n, bs, b0, l0, b1, l1, 0, 0, 0, 0);
}
#elif BENCH_ARITY == 3
EXPORT void kernel(int it, int n, int bs, void *b0, int l0, void *b1, int l1, void *b2, int l2) {
  BODY(it, n, bs, b0, l0, b1, l1, b2, l2, 0, 0);
}
#elif BENCH_ARITY == 4
EXPORT void kernel(int it, int n, int bs, void *b0, int l0, void *b1, int l1, void *b2, int l2, void *b3, int l3) {
  BODY(it, n, bs, b0, l0, b1, l1, b2, l2, b3, l3);
}
#else
#error "BENCH_ARITY must be 0, 2, 3 or 4"
#endif
