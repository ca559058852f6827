/* A loop left three ways: a return, a break, and running out; stores between the tests. */
void kernel(int i, int n, int block, const int *a, int a_len, int *out, int out_len, int *tail, int tail_len) {
  int start = i * block, k;
  for (k = start; k < start + block; k++) {
    if (a[k] < -900) return;
    if (a[k] == 7) break;
    out[k] = a[k] / 3 + k;
  }
  tail[i] = k;
}
