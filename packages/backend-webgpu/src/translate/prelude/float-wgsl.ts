import { TrapKind } from '../translated-kernel.js';

/**
 * f32 where wasm is stricter than WGSL. NaN is recognised by its bits (a compiler may assume
 * `x != x` is false); min/max return the canonical NaN when either operand is NaN and order
 * −0 below +0; conversions are exact.
 */
export const FLOAT_WGSL = /* wgsl */ `
fn f32_bits(b: u32) -> f32 { return bitcast<f32>(b); }
// wasm rounds every product; a compiler that fuses a*b+c into one FMA rounds once (llvmpipe
// does). XOR with a zero the compiler cannot see makes the product opaque, so it stays rounded.
var<private> opaque_zero: u32;
fn f32_mul(a: f32, b: f32) -> f32 { return bitcast<f32>(bitcast<u32>(a * b) ^ opaque_zero); }
fn is_nan(a: f32) -> bool { return (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u; }
// Comparisons on bits, ordered like the numbers: exact even where the device flushes
// subnormal operands to zero (SwiftShader does).
fn f32_key(a: f32) -> u32 {
  let b = bitcast<u32>(a);
  return select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u);
}
fn both_zero(a: f32, b: f32) -> bool { return ((bitcast<u32>(a) | bitcast<u32>(b)) & 0x7fffffffu) == 0u; }
fn f32_eq(a: f32, b: f32) -> bool {
  return !is_nan(a) && !is_nan(b) && (bitcast<u32>(a) == bitcast<u32>(b) || both_zero(a, b));
}
fn f32_lt(a: f32, b: f32) -> bool { return !is_nan(a) && !is_nan(b) && !both_zero(a, b) && f32_key(a) < f32_key(b); }
fn f32_le(a: f32, b: f32) -> bool { return f32_lt(a, b) || f32_eq(a, b); }
fn f32_min(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return f32_bits(0x7fc00000u); }
  if (both_zero(a, b)) { return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b)); }
  return select(b, a, f32_lt(a, b));
}
fn f32_max(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return f32_bits(0x7fc00000u); }
  if (both_zero(a, b)) { return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b)); }
  return select(b, a, f32_lt(b, a));
}
// Rounding a subnormal by its bits: the device may see it as zero.
fn is_subnormal(a: f32) -> bool { let b = bitcast<u32>(a) & 0x7fffffffu; return b != 0u && b < 0x00800000u; }
fn signed_zero(a: f32) -> f32 { return bitcast<f32>(bitcast<u32>(a) & 0x80000000u); }
// Only the case a flushing device gets wrong is special-cased: llvmpipe's compiler turned a
// select between the constants 0.0 and -1.0 into -f32(condition), a −0 where +0 was due.
fn f32_ceil(a: f32) -> f32 {
  if (is_subnormal(a) && bitcast<u32>(a) < 0x80000000u) { return 1.0f; }
  return ceil(a);
}
fn f32_floor(a: f32) -> f32 {
  if (is_subnormal(a) && bitcast<u32>(a) >= 0x80000000u) { return -1.0f; }
  return floor(a);
}
fn f32_trunc(a: f32) -> f32 { if (is_subnormal(a)) { return signed_zero(a); } return trunc(a); }
fn f32_nearest(a: f32) -> f32 { if (is_subnormal(a)) { return signed_zero(a); } return round(a); }

// u32 → f32, rounded to nearest-even: both halves convert exactly, the one addition rounds.
fn f32_convert_i32_u(a: u32) -> f32 { return f32(a >> 16u) * 65536.0f + f32(a & 0xffffu); }
fn f32_convert_i32_s(a: u32) -> f32 {
  if (bitcast<i32>(a) < 0i) { return -f32_convert_i32_u(0u - a); }
  return f32_convert_i32_u(a);
}
// u64 → f32: keep the top 24 significant bits, round half to even on the rest by hand.
fn f32_convert_i64_u(a: vec2<u32>) -> f32 {
  if (a.y == 0u) { return f32_convert_i32_u(a.x); }
  let lz = countLeadingZeros(a.y);
  let m = i64_shl(a, lz);
  var mantissa = m.y >> 8u;
  let rest = m.y & 0xffu;
  if (rest > 0x80u || (rest == 0x80u && (m.x != 0u || (mantissa & 1u) == 1u))) { mantissa += 1u; }
  return ldexp(f32(mantissa), i32(40u - lz));
}
fn f32_convert_i64_s(a: vec2<u32>) -> f32 {
  if (bitcast<i32>(a.y) < 0i) { return -f32_convert_i64_u(i64_neg(a)); }
  return f32_convert_i64_u(a);
}

// |x| < 2^64 and integral: the halves come out exactly by scaling with powers of two.
fn u64_from_f32(x: f32) -> vec2<u32> {
  let t = trunc(abs(x));
  let hi = floor(t / 4294967296.0f);
  return vec2<u32>(u32(t - hi * 4294967296.0f), u32(hi));
}
fn i32_trunc_f32_s(x: f32) -> u32 {
  if (is_nan(x)) { raise(${TrapKind.INVALID_CONVERSION}u); return 0u; }
  if (!(x >= -2147483648.0f && x < 2147483648.0f)) { raise(${TrapKind.INTEGER_OVERFLOW}u); return 0u; }
  return bitcast<u32>(i32(x));
}
fn i32_trunc_f32_u(x: f32) -> u32 {
  if (is_nan(x)) { raise(${TrapKind.INVALID_CONVERSION}u); return 0u; }
  if (!(x > -1.0f && x < 4294967296.0f)) { raise(${TrapKind.INTEGER_OVERFLOW}u); return 0u; }
  return u32(trunc(x));
}
fn i64_trunc_f32_s(x: f32) -> vec2<u32> {
  if (is_nan(x)) { raise(${TrapKind.INVALID_CONVERSION}u); return vec2<u32>(0u, 0u); }
  if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) { raise(${TrapKind.INTEGER_OVERFLOW}u); return vec2<u32>(0u, 0u); }
  let m = u64_from_f32(x);
  return select(m, i64_neg(m), x < 0.0f);
}
fn i64_trunc_f32_u(x: f32) -> vec2<u32> {
  if (is_nan(x)) { raise(${TrapKind.INVALID_CONVERSION}u); return vec2<u32>(0u, 0u); }
  if (!(x > -1.0f && x < 18446744073709551616.0f)) { raise(${TrapKind.INTEGER_OVERFLOW}u); return vec2<u32>(0u, 0u); }
  return u64_from_f32(x);
}
fn i32_trunc_sat_f32_s(x: f32) -> u32 {
  if (is_nan(x)) { return 0u; }
  if (x >= 2147483648.0f) { return 0x7fffffffu; }
  if (x < -2147483648.0f) { return 0x80000000u; }
  return bitcast<u32>(i32(x));
}
fn i32_trunc_sat_f32_u(x: f32) -> u32 {
  if (is_nan(x) || x <= -1.0f) { return 0u; }
  if (x >= 4294967296.0f) { return 0xffffffffu; }
  return u32(trunc(x));
}
fn i64_trunc_sat_f32_s(x: f32) -> vec2<u32> {
  if (is_nan(x)) { return vec2<u32>(0u, 0u); }
  if (x >= 9223372036854775808.0f) { return vec2<u32>(0xffffffffu, 0x7fffffffu); }
  if (x < -9223372036854775808.0f) { return vec2<u32>(0u, 0x80000000u); }
  let m = u64_from_f32(x);
  return select(m, i64_neg(m), x < 0.0f);
}
fn i64_trunc_sat_f32_u(x: f32) -> vec2<u32> {
  if (is_nan(x) || x <= -1.0f) { return vec2<u32>(0u, 0u); }
  if (x >= 18446744073709551616.0f) { return vec2<u32>(0xffffffffu, 0xffffffffu); }
  return u64_from_f32(x);
}
`;
