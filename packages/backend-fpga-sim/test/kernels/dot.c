/* out[i] = Σ x[k]·y[k] over the whole of x: the f32 dot-product accumulation whose loop
   Vitis HLS 2022.2 schedules at II 7 on a U280 at 300 MHz. One element per trip, in order
   (no fast-math reassociation), as a C compiler for an HLS tool keeps it. */
void kernel(int i, int n, int block, const float *x, int x_len, const float *y, int y_len, float *out, int out_len) {
  int count = x_len / 4;
  float s = 0.0f;
#pragma clang loop unroll(disable) interleave(disable) vectorize(disable)
  for (int k = 0; k < count; k++) s += x[k] * y[k];
  out[i] = s;
}
