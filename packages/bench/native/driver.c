/*
 * The native baselines: the suite's loop bodies (../kernels/, the very C the wasm kernels are
 * built from) compiled with gcc, twice (-O2; -O3 -march=native -ffp-contract=off), run as
 *
 *   driver <kernel> <seq|omp> <numIterations> <blockSize> <warmup> <reps> <params,...> <bufferBytes,...> <rw,...>
 *
 * `seq` runs iterations 0..N-1 in order on one thread; `omp` runs them under `#pragma omp
 * parallel for` on every core, with the schedule OMP_SCHEDULE names (the harness sets it per
 * kernel: `dynamic,1` for rows of uneven cost, `static` for one iteration per element). Each sample restores the read_write buffers
 * (as the hosts rewrite them) and runs every iteration; results are then in the caller's memory.
 * Prints one JSON object: cold and warm sample times in ms, threads, and the check's count of
 * wrong elements.
 */
#define _POSIX_C_SOURCE 199309L
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../kernels/suite.h"

typedef void (*run_fn)(int omp, int iterations, int block, void **b, int *l);
typedef void (*init_fn)(void *, int, void *, int, void *, int, void *, int);
typedef int (*check_fn)(void *, int, void *, int, void *, int, void *, int);

struct kernel_entry {
  const char *name;
  run_fn run;
  init_fn init;
  check_fn check;
};

/* The loop over iterations, one per kernel, so the body is inlined into it as a native
 * compiler would compile the loop written by hand (a call per iteration through a pointer
 * would slow per-element kernels down and flatter whatever is compared with them). */
#define LOOP(name)                                                                                   \
  static void name##_run(int omp, int iterations, int block, void **b, int *l) {                    \
    void *b0 = b[0], *b1 = b[1], *b2 = b[2], *b3 = b[3];                                            \
    int l0 = l[0], l1 = l[1], l2 = l[2], l3 = l[3];                                                 \
    if (omp) {                                                                                       \
      _Pragma("omp parallel for schedule(runtime)") for (int it = 0; it < iterations; it++)          \
          name##_body(it, iterations, block, b0, l0, b1, l1, b2, l2, b3, l3);                       \
    } else {                                                                                         \
      for (int it = 0; it < iterations; it++) name##_body(it, iterations, block, b0, l0, b1, l1, b2, l2, b3, l3); \
    }                                                                                                \
  }
LOOP(empty) LOOP(saxpy) LOOP(vector_add) LOOP(mandelbrot) LOOP(matmul_naive) LOOP(matmul_blocked) LOOP(stencil) LOOP(nbody)
LOOP(nbody_f64)
LOOP(histogram) LOOP(stream_copy) LOOP(stream_mul) LOOP(stream_add) LOOP(stream_triad) LOOP(stream_dot)

#define ENTRY(id, name) {id, name##_run, name##_init, name##_check}
static const struct kernel_entry KERNELS[] = {
    ENTRY("empty", empty),           ENTRY("saxpy", saxpy),
    ENTRY("vector-add", vector_add), ENTRY("mandelbrot", mandelbrot),
    ENTRY("matmul-naive", matmul_naive), ENTRY("matmul-blocked", matmul_blocked),
    ENTRY("stencil", stencil),       ENTRY("nbody", nbody),
    ENTRY("nbody-f64", nbody_f64),   ENTRY("histogram", histogram),
    ENTRY("stream-copy", stream_copy), ENTRY("stream-mul", stream_mul),
    ENTRY("stream-add", stream_add), ENTRY("stream-triad", stream_triad),
    ENTRY("stream-dot", stream_dot),
};

#define MAX_BUFFERS 4

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int parse_list(const char *text, long *out, int max) {
  int count = 0;
  if (strcmp(text, "-") == 0) return 0;
  for (const char *p = text; *p && count < max;) {
    char *end;
    out[count++] = strtol(p, &end, 10);
    p = *end == ',' ? end + 1 : end;
    if (end == p && *p) return -1;
  }
  return count;
}

int main(int argc, char **argv) {
  if (argc != 10) {
    fprintf(stderr, "usage: %s kernel seq|omp iterations block warmup reps params bufferBytes rwFlags\n", argv[0]);
    return 2;
  }
  const struct kernel_entry *k = 0;
  for (size_t i = 0; i < sizeof KERNELS / sizeof KERNELS[0]; i++)
    if (strcmp(KERNELS[i].name, argv[1]) == 0) k = &KERNELS[i];
  if (!k) {
    fprintf(stderr, "unknown kernel %s\n", argv[1]);
    return 2;
  }
  int omp = strcmp(argv[2], "omp") == 0;
  int iterations = atoi(argv[3]), block = atoi(argv[4]), warmup = atoi(argv[5]), reps = atoi(argv[6]);
  long params[64], sizes[MAX_BUFFERS], rw[MAX_BUFFERS];
  int nparams = parse_list(argv[7], params, 64), nbuf = parse_list(argv[8], sizes, MAX_BUFFERS);
  if (nparams < 0 || nbuf < 0 || parse_list(argv[9], rw, MAX_BUFFERS) != nbuf) {
    fprintf(stderr, "bad params, buffer sizes or rw flags\n");
    return 2;
  }
  void *b[MAX_BUFFERS] = {0}, *pristine[MAX_BUFFERS] = {0};
  int l[MAX_BUFFERS] = {0};
  for (int i = 0; i < nbuf; i++) {
    l[i] = (int)sizes[i];
    b[i] = aligned_alloc(64, (sizes[i] + 63) / 64 * 64);
    if (!b[i]) return 3;
    memset(b[i], 0, sizes[i]);
  }
  for (int i = 0; i < nparams && nbuf > 0 && (i + 1) * 4 <= l[0]; i++) ((int32_t *)b[0])[i] = (int32_t)params[i];
  k->init(b[0], l[0], b[1], l[1], b[2], l[2], b[3], l[3]);
  for (int i = 0; i < nbuf; i++)
    if (rw[i]) {
      pristine[i] = malloc(sizes[i]);
      memcpy(pristine[i], b[i], sizes[i]);
    }

  double cold = 0, *samples = calloc(reps > 0 ? reps : 1, sizeof(double));
  for (int s = -1 - warmup; s < reps; s++) {
    double start = now_ms();
    for (int i = 0; i < nbuf; i++)
      if (rw[i]) memcpy(b[i], pristine[i], sizes[i]);
    k->run(omp, iterations, block, b, l);
    double ms = now_ms() - start;
    if (s == -1 - warmup) cold = ms;
    else if (s >= 0) samples[s] = ms;
  }
  int bad = k->check(b[0], l[0], b[1], l[1], b[2], l[2], b[3], l[3]);
  printf("{\"coldMs\":%.6f,\"samplesMs\":[", cold);
  for (int s = 0; s < reps; s++) printf("%s%.6f", s ? "," : "", samples[s]);
  printf("],\"threads\":%d,\"checkFailures\":%d}\n", omp ? omp_get_max_threads() : 1, bad);
  return 0;
}
