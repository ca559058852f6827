/* n-body in double (nbody_common.h), the precision real simulations use. On WebGPU, which has
 * no f64, every operation is soft-float (exact). */
#include "nbody_common.h"

NBODY_DEFINE(nbody_f64, double, __builtin_sqrt, 1e-9)
