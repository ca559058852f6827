/* a[k] += a[k - lag] in place over each block, lag read at run time: the dependence goes
   through memory (no compiler can forward it in a register), at a distance nobody knows. */
void kernel(int i, int n, int block, const int *lag, int lag_len, int *a, int a_len) {
  int d = lag[0];
  int start = i * block + d, end = (i + 1) * block;
  for (int k = start; k < end; k++) a[k] += a[k - d];
}
