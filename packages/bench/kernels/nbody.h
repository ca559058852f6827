/* n-body: the gravitational acceleration on each of `count` bodies from all others (one
 * O(n^2) force pass, softened); each iteration takes `bs` bodies.
 * Buffers: params [count], bodies (read, x y z mass per body), acc (write, ax ay az 0). */
#include "bench-abi.h"

#define NBODY_SOFTENING 0.01f

static inline void nbody_body(BENCH_PARAMS) {
  const float *p = b1;
  float *acc = b2;
  int count = PARAM(0), first = it * bs, last = first + bs;
  if (last > count) last = count;
  for (int i = first; i < last; i++) {
    float xi = p[4 * i], yi = p[4 * i + 1], zi = p[4 * i + 2];
    float ax = 0.0f, ay = 0.0f, az = 0.0f;
    for (int j = 0; j < count; j++) {
      float dx = p[4 * j] - xi, dy = p[4 * j + 1] - yi, dz = p[4 * j + 2] - zi;
      float d2 = dx * dx + dy * dy + dz * dz + NBODY_SOFTENING;
      float inv = 1.0f / __builtin_sqrtf(d2);
      float s = p[4 * j + 3] * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    acc[4 * i] = ax;
    acc[4 * i + 1] = ay;
    acc[4 * i + 2] = az;
    acc[4 * i + 3] = 0.0f;
  }
}

static inline void nbody_init(BENCH_BUFFERS) {
  float *p = b1;
  int count = PARAM(0);
  for (int i = 0; i < count; i++) {
    p[4 * i] = (float)((i * 7919) % 1000) * 0.001f - 0.5f;
    p[4 * i + 1] = (float)((i * 104729) % 997) / 997.0f - 0.5f;
    p[4 * i + 2] = (float)((i * 1299709) % 991) / 991.0f - 0.5f;
    p[4 * i + 3] = 1.0f / (float)count;
  }
}

/* Recomputes every 16th body in double; f32 sums over n bodies drift, hence 1e-3. */
static inline int nbody_check(BENCH_BUFFERS) {
  const float *p = b1, *acc = b2;
  int count = PARAM(0), bad = 0;
  for (int i = 0; i < count; i += 16) {
    double ax = 0, ay = 0, az = 0;
    for (int j = 0; j < count; j++) {
      double dx = (double)p[4 * j] - p[4 * i], dy = (double)p[4 * j + 1] - p[4 * i + 1], dz = (double)p[4 * j + 2] - p[4 * i + 2];
      double d2 = dx * dx + dy * dy + dz * dz + NBODY_SOFTENING;
      double s = p[4 * j + 3] / (d2 * __builtin_sqrt(d2));
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    double scale = __builtin_sqrt(ax * ax + ay * ay + az * az);
    double err = bench_abs(acc[4 * i] - ax) + bench_abs(acc[4 * i + 1] - ay) + bench_abs(acc[4 * i + 2] - az);
    bad += !(err <= 1e-3 * (scale + 1e-3));
  }
  return bad;
}
