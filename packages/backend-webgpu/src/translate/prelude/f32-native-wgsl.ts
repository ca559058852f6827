/**
 * f32 arithmetic on the GPU's own float unit (`float: 'native'`), bits in and out of `u32`.
 *
 * - Operands that are NaN or infinite, and a zero divisor, take the soft-float path: WGSL lets
 *   a compiler assume no NaN or infinity reaches float arithmetic, and wasm pins down the
 *   results (V8's NaN bits, ±∞, the default NaN).
 * - A shader compiler may rewrite float expressions it can see through: x+0, x·1, x/1 → x;
 *   x·0 → 0; (x−y)+y → x; x/c → x·(1/c); a·b+c → fma. Every result here has
 *   \`opaque_zero\` added to its bits (a word of the params binding that is always 0 but that
 *   the compiler cannot know), and so has every float constant (the translator writes
 *   \`(bits + opaque_zero)\`): no constant is visible, no result can be traced back to the
 *   operation that made it, and every product is rounded before the add that follows it.
 *   Adding, never an XOR: two XORs with the same word cancel, and llvmpipe's compiler saw a
 *   constant 0 through them (x + 0 gave −0 for x = −0). Operands that are one and the same
 *   value stay visible as such: x − x, x/x, x + x are then what IEEE says for finite x.
 * What remains is the hardware: subnormal flushing, division and sqrt rounding. The device
 * measures those when it opens (native-float-probe.ts) and reports them.
 */
export const F32_NATIVE_WGSL = /* wgsl */ `
var<private> opaque_zero: u32;
fn f32n(a: f32) -> u32 { return bitcast<u32>(a) + opaque_zero; }
fn f32n_add(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b)) { return f32_add_special(a, b); }
  return f32n(bitcast<f32>(a) + bitcast<f32>(b));
}
fn f32n_sub(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan2(a, b); }
  if (f32_is_special(a) || f32_is_special(b)) { return f32_add_special(a, b ^ 0x80000000u); }
  return f32n(bitcast<f32>(a) - bitcast<f32>(b));
}
fn f32n_mul(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b)) { return f32_mul_special(a, b); }
  return f32n(bitcast<f32>(a) * bitcast<f32>(b));
}
fn f32n_div(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b) || f32_is_zero(b)) { return f32_div_special(a, b); }
  return f32n(bitcast<f32>(a) / bitcast<f32>(b));
}
fn f32n_sqrt(a: u32) -> u32 {
  if (f32_is_zero(a)) { return a; }
  if (a >= 0x7f800000u) { return f32_sqrt_special(a); }
  return f32n(sqrt(bitcast<f32>(a)));
}
`;
