/* Copies a[k]·2 to b[k] until a zero, then records where it stopped: the stores of trips issued
   after the exit must not happen (b past the zero keeps its bytes). */
void kernel(int i, int n, int block, const int *a, int a_len, int *b, int b_len, int *stop, int stop_len) {
  int k = i * block;
  while (a[k] != 0) {
    b[k] = a[k] * 2;
    k++;
  }
  stop[i] = k;
}
