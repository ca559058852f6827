/* Map-style saxpy: iteration i computes y[i] = a * x[i] + y[i].
   Buffers: params {float a} (in), x (in), y (read-write). */
__attribute__((export_name("kernel"))) void kernel(int i, int n, int block_size, const float *params, int params_len,
                                                    const float *x, int x_len, float *y, int y_len) {
  (void)n, (void)block_size, (void)params_len, (void)x_len, (void)y_len;
  y[i] = params[0] * x[i] + y[i];
}
