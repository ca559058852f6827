/* Divides by d[k] in an inner loop: iteration 3 meets a zero divisor and traps. */
void kernel(int i, int n, int block, const int *d, int d_len, int *out, int out_len) {
  int s = 0;
  for (int k = 0; k < 8; k++) s += 1000 / d[i * 8 + k];
  out[i] = s;
}
