/**
 * f32 and f64 operations that work on bits alone (f32 on `u32`, f64 on `vec2<u32>`, x = low
 * word): NaN rules, comparisons, min/max, ceil/floor/trunc/nearest. Exact on every adapter:
 * no float instruction runs, so nothing a device flushes or a compiler assumes can change them.
 *
 * NaNs. wasm leaves the sign and payload of an arithmetic NaN to the engine (spec 4.3.3); these
 * follow V8 on x86-64, the sequential device's bytes: an operation on NaN operands returns its
 * first NaN operand, quieted; an operation that makes a NaN (0/0, ∞−∞, √−1), and min/max with
 * a NaN operand, return x86's default NaN, whose sign bit is set.
 */
export const FLOAT_BITS_WGSL = /* wgsl */ `
const F32_DEFAULT_NAN: u32 = 0xffc00000u;
const F64_DEFAULT_NAN = vec2<u32>(0u, 0xfff80000u);
fn f32_is_nan(a: u32) -> bool { return (a & 0x7fffffffu) > 0x7f800000u; }
// Infinite or NaN.
fn f32_is_special(a: u32) -> bool { return (a & 0x7f800000u) == 0x7f800000u; }
fn f32_is_zero(a: u32) -> bool { return (a & 0x7fffffffu) == 0u; }
fn f32_nan2(a: u32, b: u32) -> u32 { return select(b, a, f32_is_nan(a)) | 0x00400000u; }
fn f64_is_nan(a: vec2<u32>) -> bool {
  let h = a.y & 0x7fffffffu;
  return h > 0x7ff00000u || (h == 0x7ff00000u && a.x != 0u);
}
fn f64_is_special(a: vec2<u32>) -> bool { return (a.y & 0x7ff00000u) == 0x7ff00000u; }
fn f64_is_zero(a: vec2<u32>) -> bool { return (a.y & 0x7fffffffu) == 0u && a.x == 0u; }
fn f64_quiet(a: vec2<u32>) -> vec2<u32> { return vec2<u32>(a.x, a.y | 0x00080000u); }
fn f64_nan2(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return f64_quiet(select(b, a, f64_is_nan(a))); }
fn f64_mag(a: vec2<u32>) -> vec2<u32> { return vec2<u32>(a.x, a.y & 0x7fffffffu); }

// Comparisons: keys that order the bit patterns like the numbers (−0 below +0, which only
// min/max care about); NaN compares false.
fn f32_key(a: u32) -> u32 { return select(a | 0x80000000u, ~a, (a & 0x80000000u) != 0u); }
fn f32_both_zero(a: u32, b: u32) -> bool { return ((a | b) & 0x7fffffffu) == 0u; }
fn f32_eq(a: u32, b: u32) -> bool { return !f32_is_nan(a) && !f32_is_nan(b) && (a == b || f32_both_zero(a, b)); }
fn f32_lt(a: u32, b: u32) -> bool { return !f32_is_nan(a) && !f32_is_nan(b) && !f32_both_zero(a, b) && f32_key(a) < f32_key(b); }
fn f32_le(a: u32, b: u32) -> bool { return f32_lt(a, b) || f32_eq(a, b); }
fn f32_min(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return F32_DEFAULT_NAN; }
  if (f32_both_zero(a, b)) { return a | b; }
  return select(b, a, f32_lt(a, b));
}
fn f32_max(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return F32_DEFAULT_NAN; }
  if (f32_both_zero(a, b)) { return a & b; }
  return select(b, a, f32_lt(b, a));
}
fn f64_key(a: vec2<u32>) -> vec2<u32> { return select(vec2<u32>(a.x, a.y | 0x80000000u), ~a, a.y >= 0x80000000u); }
fn f64_both_zero(a: vec2<u32>, b: vec2<u32>) -> bool { return f64_is_zero(a) && f64_is_zero(b); }
fn f64_eq(a: vec2<u32>, b: vec2<u32>) -> bool { return !f64_is_nan(a) && !f64_is_nan(b) && (all(a == b) || f64_both_zero(a, b)); }
fn f64_lt(a: vec2<u32>, b: vec2<u32>) -> bool { return !f64_is_nan(a) && !f64_is_nan(b) && !f64_both_zero(a, b) && i64_lt_u(f64_key(a), f64_key(b)); }
fn f64_le(a: vec2<u32>, b: vec2<u32>) -> bool { return f64_lt(a, b) || f64_eq(a, b); }
fn f64_min(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a) || f64_is_nan(b)) { return F64_DEFAULT_NAN; }
  if (f64_both_zero(a, b)) { return a | b; }
  return select(b, a, f64_lt(a, b));
}
fn f64_max(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a) || f64_is_nan(b)) { return F64_DEFAULT_NAN; }
  if (f64_both_zero(a, b)) { return a & b; }
  return select(b, a, f64_lt(b, a));
}

// Rounding to an integral value by clearing the fraction bits (f of them, below the binary
// point) and, where the rule says so, adding one unit at the point: the carry may reach the
// exponent, which is the right result. |x| < 1 and |x| ≥ 2^23 (2^52) are whole cases.
fn f32_round_bits(a: u32, mode: u32) -> u32 {
  let e = (a >> 23u) & 0xffu;
  if (e == 0xffu) { return select(a, a | 0x00400000u, f32_is_nan(a)); }
  if (e >= 150u) { return a; }
  let sign = a & 0x80000000u;
  let negative = sign != 0u;
  if (e < 127u) {
    if (f32_is_zero(a)) { return a; }
    switch (mode) {
      case 0u: { return select(0x3f800000u, sign, negative); }          // ceil
      case 1u: { return select(sign, 0xbf800000u, negative); }          // floor
      case 2u: { return sign; }                                           // trunc
      default: { return sign | select(0u, 0x3f800000u, e == 126u && (a & 0x7fffffu) != 0u); } // nearest
    }
  }
  let f = 150u - e;
  let unit = 1u << f;
  let fraction = a & (unit - 1u);
  let whole = a & ~(unit - 1u);
  var up = false;
  switch (mode) {
    case 0u: { up = !negative && fraction != 0u; }
    case 1u: { up = negative && fraction != 0u; }
    case 2u: { up = false; }
    default: { let half = unit >> 1u; up = fraction > half || (fraction == half && (a & unit) != 0u); }
  }
  return select(whole, whole + unit, up);
}
fn f32_ceil(a: u32) -> u32 { return f32_round_bits(a, 0u); }
fn f32_floor(a: u32) -> u32 { return f32_round_bits(a, 1u); }
fn f32_trunc(a: u32) -> u32 { return f32_round_bits(a, 2u); }
fn f32_nearest(a: u32) -> u32 { return f32_round_bits(a, 3u); }
fn f64_round_bits(a: vec2<u32>, mode: u32) -> vec2<u32> {
  let e = (a.y >> 20u) & 0x7ffu;
  if (e == 0x7ffu) { return select(a, f64_quiet(a), f64_is_nan(a)); }
  if (e >= 1075u) { return a; }
  let sign = a.y & 0x80000000u;
  let negative = sign != 0u;
  if (e < 1023u) {
    if (f64_is_zero(a)) { return a; }
    let one = vec2<u32>(0u, 0x3ff00000u);
    switch (mode) {
      case 0u: { return select(one, vec2<u32>(0u, sign), negative); }
      case 1u: { return select(vec2<u32>(0u, sign), vec2<u32>(0u, 0xbff00000u), negative); }
      case 2u: { return vec2<u32>(0u, sign); }
      default: { return vec2<u32>(0u, sign | select(0u, 0x3ff00000u, e == 1022u && ((a.y & 0xfffffu) | a.x) != 0u)); }
    }
  }
  let unit = i64_shl(vec2<u32>(1u, 0u), 1075u - e);
  let mask = i64_sub(unit, vec2<u32>(1u, 0u));
  let fraction = a & mask;
  let whole = a & ~mask;
  let nonzero = any(fraction != vec2<u32>(0u, 0u));
  var up = false;
  switch (mode) {
    case 0u: { up = !negative && nonzero; }
    case 1u: { up = negative && nonzero; }
    case 2u: { up = false; }
    default: {
      let half = i64_shr_u(unit, 1u);
      up = i64_lt_u(half, fraction) || (all(fraction == half) && any((a & unit) != vec2<u32>(0u, 0u)));
    }
  }
  return select(whole, i64_add(whole, unit), up);
}
fn f64_ceil(a: vec2<u32>) -> vec2<u32> { return f64_round_bits(a, 0u); }
fn f64_floor(a: vec2<u32>) -> vec2<u32> { return f64_round_bits(a, 1u); }
fn f64_trunc(a: vec2<u32>) -> vec2<u32> { return f64_round_bits(a, 2u); }
fn f64_nearest(a: vec2<u32>) -> vec2<u32> { return f64_round_bits(a, 3u); }
`;
