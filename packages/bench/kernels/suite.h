/* Every kernel of the suite. The TypeScript suite (src/suite/kernel-suite.ts) names the same
 * kernels and gives each its buffers; the names here are its ids with '-' as '_'. */
#include "empty.h"
#include "saxpy.h"
#include "vector_add.h"
#include "mandelbrot.h"
#include "matmul_naive.h"
#include "matmul_blocked.h"
#include "stencil.h"
#include "nbody.h"
#include "nbody_f64.h"
#include "histogram.h"
#include "babelstream.h"
