/* (a, b) ← (b, a + b) in i64, with a multiply-xor scramble: values carried in a swap. */
void kernel(int i, int n, int block, long long *out, int out_len) {
  long long a = i, b = 1;
  for (int k = 0; k < 50 + i; k++) {
    long long t = a + b * 3;
    a = b;
    b = t ^ (t >> 7);
  }
  out[i] = a ^ b;
}
