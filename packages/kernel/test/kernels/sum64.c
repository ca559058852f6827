/* i64 arithmetic: out[i] = sum of in[i*block_size .. (i+1)*block_size) as a 64-bit integer,
   a loop whose trip count is the block_size param. */
__attribute__((export_name("kernel"))) void kernel(int i, int n, int block_size, const int *in, int in_len,
                                                    long long *out, int out_len) {
  (void)n, (void)in_len, (void)out_len;
  long long sum = 0;
  for (int k = 0; k < block_size; k++) sum += (long long)in[i * block_size + k] * 3;
  out[i] = sum;
}
