/* A local array on the shadow stack, a helper called from two places, and memcpy of a length
   known only at run time (bulk memory in a state machine). */
__attribute__((noinline)) static int mix(int *v, int count) {
  int s = 0;
  for (int k = 0; k < count; k++) s = s * 31 + v[k];
  return s;
}

void kernel(int i, int n, int block, const int *in, int in_len, int *out, int out_len) {
  volatile int tmp[12];
  int local[12];
  for (int k = 0; k < 12; k++) tmp[k] = in[(i + k) % (in_len / 4)] * (k + 1);
  for (int k = 0; k < 12; k++) local[k] = tmp[11 - k];
  __builtin_memcpy(out + i * 12, local, (unsigned)(4 * (1 + i % 12)));
  out[n * 12 + i] = mix(local, 12) + mix(local, i % 12);
}
