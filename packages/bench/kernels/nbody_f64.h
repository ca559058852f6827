/* n-body in double: nbody.h's force pass with every value an f64, the precision real
 * simulations use. On WebGPU, which has no f64, every operation is soft-float (exact).
 * Buffers: params [count], bodies (read, x y z mass per body), acc (write, ax ay az 0). */
#include "bench-abi.h"

#define NBODY_F64_SOFTENING 0.01

static inline void nbody_f64_body(BENCH_PARAMS) {
  const double *p = b1;
  double *acc = b2;
  int count = PARAM(0), first = it * bs, last = first + bs;
  if (last > count) last = count;
  for (int i = first; i < last; i++) {
    double xi = p[4 * i], yi = p[4 * i + 1], zi = p[4 * i + 2];
    double ax = 0.0, ay = 0.0, az = 0.0;
    for (int j = 0; j < count; j++) {
      double dx = p[4 * j] - xi, dy = p[4 * j + 1] - yi, dz = p[4 * j + 2] - zi;
      double d2 = dx * dx + dy * dy + dz * dz + NBODY_F64_SOFTENING;
      double inv = 1.0 / __builtin_sqrt(d2);
      double s = p[4 * j + 3] * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    acc[4 * i] = ax;
    acc[4 * i + 1] = ay;
    acc[4 * i + 2] = az;
    acc[4 * i + 3] = 0.0;
  }
}

static inline void nbody_f64_init(BENCH_BUFFERS) {
  double *p = b1;
  int count = PARAM(0);
  for (int i = 0; i < count; i++) {
    p[4 * i] = (double)((i * 7919) % 1000) * 0.001 - 0.5;
    p[4 * i + 1] = (double)((i * 104729) % 997) / 997.0 - 0.5;
    p[4 * i + 2] = (double)((i * 1299709) % 991) / 991.0 - 0.5;
    p[4 * i + 3] = 1.0 / (double)count;
  }
}

/* Recomputes every 16th body the same way: wasm's f64 is IEEE, so only the order of a
 * device's own sums could differ (none does), hence a tight 1e-9. */
static inline int nbody_f64_check(BENCH_BUFFERS) {
  const double *p = b1, *acc = b2;
  int count = PARAM(0), bad = 0;
  for (int i = 0; i < count; i += 16) {
    double ax = 0, ay = 0, az = 0;
    for (int j = 0; j < count; j++) {
      double dx = p[4 * j] - p[4 * i], dy = p[4 * j + 1] - p[4 * i + 1], dz = p[4 * j + 2] - p[4 * i + 2];
      double d2 = dx * dx + dy * dy + dz * dz + NBODY_F64_SOFTENING;
      double inv = 1.0 / __builtin_sqrt(d2);
      double s = p[4 * j + 3] * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    double scale = __builtin_sqrt(ax * ax + ay * ay + az * az);
    double err = bench_abs(acc[4 * i] - ax) + bench_abs(acc[4 * i + 1] - ay) + bench_abs(acc[4 * i + 2] - az);
    bad += !(err <= 1e-9 * (scale + 1e-9));
  }
  return bad;
}
