/* Helpers every example guest shares: error checks and a byte checksum that is the same on
   every device, so runs on different devices can be compared by eye. */
#ifndef EXAMPLES_COMMON_H
#define EXAMPLES_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "wasi_parallel.h"

#define CHECK(call)                                                                     \
  do {                                                                                  \
    wp_error_t check_code_ = (call);                                                    \
    if (check_code_ != WP_SUCCESS) {                                                    \
      fprintf(stderr, "%s failed: %s (%d)\n", #call, wp_error_name(check_code_), check_code_); \
      exit(10 + check_code_);                                                           \
    }                                                                                   \
  } while (0)

/* FNV-1a over the bytes. */
static inline uint32_t checksum(const void *data, size_t len) {
  const uint8_t *bytes = (const uint8_t *)data;
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < len; i++) hash = (hash ^ bytes[i]) * 16777619u;
  return hash;
}

/* Compares the device's result with the sequential recomputation byte for byte. */
static inline int same_bytes(const char *what, const void *got, const void *want, size_t len) {
  const uint8_t *a = (const uint8_t *)got, *b = (const uint8_t *)want;
  for (size_t i = 0; i < len; i++) {
    if (a[i] != b[i]) {
      fprintf(stderr, "%s: byte %zu differs: device 0x%02x, sequential 0x%02x\n", what, i, a[i], b[i]);
      return 0;
    }
  }
  return 1;
}

#endif
