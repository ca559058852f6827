/* The guest-side half of every kernel that is not the kernel itself: `init` fills the input
 * buffers, `check` recomputes the output and returns how many elements are wrong (0 = pass).
 * Buffers are passed as for the kernel, padded to four (pointer, length) pairs. The harness
 * runs this module on a plain (unshared) memory next to whatever device ran the kernel. */
#include "suite.h"

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

__attribute__((export_name("init"))) void init(BENCH_BUFFERS) { CAT(BENCH_KERNEL, _init)(b0, l0, b1, l1, b2, l2, b3, l3); }

__attribute__((export_name("check"))) int check(BENCH_BUFFERS) {
  return CAT(BENCH_KERNEL, _check)(b0, l0, b1, l1, b2, l2, b3, l3);
}
