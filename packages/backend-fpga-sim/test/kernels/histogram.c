/* bins[in[k]]++ over a block, without atomics: scattered read-modify-writes one after another. */
void kernel(int i, int n, int block, const unsigned char *in, int in_len, int *bins, int bins_len) {
  for (int k = i * block; k < (i + 1) * block && k < in_len; k++) bins[in[k] & 63]++;
}
