/* A kernel that really uses its shadow stack: a scratch array whose address escapes into a
   function that is not inlined, so clang must keep it in linear memory below
   __stack_pointer. Iteration i sorts the 16 ints of its block of `in` into `out`, going
   through the stack array. */
#define N 16

__attribute__((noinline)) static void insertion_sort(volatile int *a, int n) {
  for (int i = 1; i < n; i++) {
    int v = a[i], j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

__attribute__((export_name("kernel"))) void kernel(int i, int n, int block_size, const int *in, int in_len, int *out,
                                                    int out_len) {
  (void)n, (void)block_size, (void)in_len, (void)out_len;
  volatile int scratch[N];
  for (int k = 0; k < N; k++) scratch[k] = in[i * N + k];
  insertion_sort(scratch, N);
  for (int k = 0; k < N; k++) out[i * N + k] = scratch[k];
}
