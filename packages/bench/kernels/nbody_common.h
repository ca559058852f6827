/* The n-body force pass, written once for both precisions: the gravitational acceleration on
 * each of `count` bodies from all others (one O(n^2) pass, softened); each iteration takes `bs`
 * bodies. T is float or double, SQRT its square root; the check recomputes every 16th body in
 * double within TOLERANCE (f32 sums over n bodies drift, f64 ones agree to rounding).
 * Buffers: params [count], bodies (read, x y z mass per body), acc (write, ax ay az 0). */
#ifndef NBODY_COMMON_H
#define NBODY_COMMON_H
#include "bench-abi.h"

#define NBODY_SOFTENING 0.01

#define NBODY_DEFINE(name, T, SQRT, TOLERANCE)                                                      \
  static inline void name##_body(BENCH_PARAMS) {                                                    \
    const T *p = b1;                                                                                \
    T *acc = b2;                                                                                    \
    int count = PARAM(0), first = it * bs, last = first + bs;                                       \
    if (last > count) last = count;                                                                 \
    for (int i = first; i < last; i++) {                                                            \
      T xi = p[4 * i], yi = p[4 * i + 1], zi = p[4 * i + 2];                                        \
      T ax = 0, ay = 0, az = 0;                                                                     \
      for (int j = 0; j < count; j++) {                                                             \
        T dx = p[4 * j] - xi, dy = p[4 * j + 1] - yi, dz = p[4 * j + 2] - zi;                       \
        T d2 = dx * dx + dy * dy + dz * dz + (T)NBODY_SOFTENING;                                    \
        T inv = (T)1 / SQRT(d2);                                                                    \
        T s = p[4 * j + 3] * inv * inv * inv;                                                       \
        ax += dx * s;                                                                               \
        ay += dy * s;                                                                               \
        az += dz * s;                                                                               \
      }                                                                                             \
      acc[4 * i] = ax;                                                                              \
      acc[4 * i + 1] = ay;                                                                          \
      acc[4 * i + 2] = az;                                                                          \
      acc[4 * i + 3] = 0;                                                                           \
    }                                                                                               \
  }                                                                                                 \
                                                                                                    \
  static inline void name##_init(BENCH_BUFFERS) {                                                   \
    T *p = b1;                                                                                      \
    int count = PARAM(0);                                                                           \
    for (int i = 0; i < count; i++) {                                                               \
      p[4 * i] = (T)((i * 7919) % 1000) * (T)0.001 - (T)0.5;                                        \
      p[4 * i + 1] = (T)((i * 104729) % 997) / (T)997 - (T)0.5;                                     \
      p[4 * i + 2] = (T)((i * 1299709) % 991) / (T)991 - (T)0.5;                                    \
      p[4 * i + 3] = (T)1 / (T)count;                                                               \
    }                                                                                               \
  }                                                                                                 \
                                                                                                    \
  static inline int name##_check(BENCH_BUFFERS) {                                                   \
    const T *p = b1, *acc = b2;                                                                     \
    int count = PARAM(0), bad = 0;                                                                  \
    for (int i = 0; i < count; i += 16) {                                                           \
      double ax = 0, ay = 0, az = 0;                                                                \
      for (int j = 0; j < count; j++) {                                                             \
        double dx = (double)p[4 * j] - p[4 * i], dy = (double)p[4 * j + 1] - p[4 * i + 1],          \
               dz = (double)p[4 * j + 2] - p[4 * i + 2];                                            \
        double d2 = dx * dx + dy * dy + dz * dz + (double)(T)NBODY_SOFTENING;                       \
        double s = p[4 * j + 3] / (d2 * __builtin_sqrt(d2));                                        \
        ax += dx * s;                                                                               \
        ay += dy * s;                                                                               \
        az += dz * s;                                                                               \
      }                                                                                             \
      double scale = __builtin_sqrt(ax * ax + ay * ay + az * az);                                   \
      double err = bench_abs(acc[4 * i] - ax) + bench_abs(acc[4 * i + 1] - ay) + bench_abs(acc[4 * i + 2] - az); \
      bad += !(err <= (TOLERANCE) * (scale + (TOLERANCE)));                                         \
    }                                                                                               \
    return bad;                                                                                     \
  }

#endif
