/* n-body in float (nbody_common.h). */
#include "nbody_common.h"

NBODY_DEFINE(nbody, float, __builtin_sqrtf, 1e-3)
