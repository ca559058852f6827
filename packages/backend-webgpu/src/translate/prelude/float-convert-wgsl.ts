import { TrapKind } from '../translated-kernel.js';

/**
 * Conversions between f32, f64 and the integers, on bits (exact on every adapter, both float
 * modes). f32 → int promotes to f64 first (exact) and shares the f64 range checks; int → float
 * rounds to nearest-even through the soft-float packers.
 */
export const FLOAT_CONVERT_WGSL = /* wgsl */ `
fn f64_promote_f32(a: u32) -> vec2<u32> {
  let sign = a & 0x80000000u;
  if (f32_is_special(a)) {
    let payload = a & 0x7fffffu;
    // A NaN keeps its payload in the top bits, quieted (x86's cvtss2sd, V8's bytes).
    return vec2<u32>(payload << 29u, sign | 0x7ff00000u | (payload >> 3u) | select(0u, 0x00080000u, payload != 0u));
  }
  if (f32_is_zero(a)) { return vec2<u32>(0u, sign); }
  let x = f32_unpack(a);
  let m = x.m & 0x7fffffu;
  return vec2<u32>(m << 29u, sign | (u32(x.e + 896) << 20u) | (m >> 3u));
}
fn f32_demote_f64(a: vec2<u32>) -> u32 {
  let sign = a.y & 0x80000000u;
  if (f64_is_special(a)) {
    if (f64_is_nan(a)) { return sign | 0x7fc00000u | ((a.y & 0xfffffu) << 3u) | (a.x >> 29u); }
    return sign | 0x7f800000u;
  }
  if (f64_is_zero(a)) { return sign; }
  var e = i32((a.y >> 20u) & 0x7ffu);
  var m = vec2<u32>(a.x, a.y & 0xfffffu);
  if (e == 0) { e = 1; } else { m.y |= 0x100000u; }
  return f32_round_pack(sign, e - 0x381, u64_shr_jam(m, 22u).x);
}

// |x| rounded toward zero, for |x| < 2^64.
fn f64_trunc_magnitude(a: vec2<u32>) -> vec2<u32> {
  let e = i32((a.y >> 20u) & 0x7ffu);
  if (e < 1023) { return vec2<u32>(0u, 0u); }
  let m = vec2<u32>(a.x, (a.y & 0xfffffu) | 0x100000u);
  if (e >= 1075) { return i64_shl(m, u32(e - 1075)); }
  return i64_shr_u(m, u32(1075 - e));
}
// Whether x (not NaN) truncates into a range: below positive for x ≥ 0, |x| below negative
// for x < 0 (both the bits of positive f64 bounds, exclusive).
fn f64_fits(a: vec2<u32>, positive: vec2<u32>, negative: vec2<u32>) -> bool {
  return i64_lt_u(f64_mag(a), select(positive, negative, a.y >= 0x80000000u));
}
// Signed ranges: (−2^31 − 1, 2^31) and [−2^63, 2^63); unsigned ones: (−1, 2^32) and (−1, 2^64).
const I32_MAX_BOUND = vec2<u32>(0u, 0x41e00000u);
const I32_MIN_BOUND = vec2<u32>(0x00200000u, 0x41e00000u);
const U32_BOUND = vec2<u32>(0u, 0x41f00000u);
const I64_MAX_BOUND = vec2<u32>(0u, 0x43e00000u);
const I64_MIN_BOUND = vec2<u32>(1u, 0x43e00000u);
const U64_BOUND = vec2<u32>(0u, 0x43f00000u);
const UNSIGNED_MIN_BOUND = vec2<u32>(0u, 0x3ff00000u);
fn f64_trunc_checked(a: vec2<u32>, positive: vec2<u32>, negative: vec2<u32>) -> bool {
  if (f64_is_nan(a)) { raise(${TrapKind.INVALID_CONVERSION}u); return false; }
  if (!f64_fits(a, positive, negative)) { raise(${TrapKind.INTEGER_OVERFLOW}u); return false; }
  return true;
}
fn f64_signed(a: vec2<u32>, magnitude: vec2<u32>) -> vec2<u32> { return select(magnitude, i64_neg(magnitude), a.y >= 0x80000000u); }
fn i32_trunc_f64_s(a: vec2<u32>) -> u32 {
  if (!f64_trunc_checked(a, I32_MAX_BOUND, I32_MIN_BOUND)) { return 0u; }
  return f64_signed(a, f64_trunc_magnitude(a)).x;
}
fn i32_trunc_f64_u(a: vec2<u32>) -> u32 {
  if (!f64_trunc_checked(a, U32_BOUND, UNSIGNED_MIN_BOUND)) { return 0u; }
  return f64_trunc_magnitude(a).x;
}
fn i64_trunc_f64_s(a: vec2<u32>) -> vec2<u32> {
  if (!f64_trunc_checked(a, I64_MAX_BOUND, I64_MIN_BOUND)) { return vec2<u32>(0u, 0u); }
  return f64_signed(a, f64_trunc_magnitude(a));
}
fn i64_trunc_f64_u(a: vec2<u32>) -> vec2<u32> {
  if (!f64_trunc_checked(a, U64_BOUND, UNSIGNED_MIN_BOUND)) { return vec2<u32>(0u, 0u); }
  return f64_trunc_magnitude(a);
}
fn i32_trunc_sat_f64_s(a: vec2<u32>) -> u32 {
  if (f64_is_nan(a)) { return 0u; }
  if (!f64_fits(a, I32_MAX_BOUND, I32_MIN_BOUND)) { return select(0x7fffffffu, 0x80000000u, a.y >= 0x80000000u); }
  return f64_signed(a, f64_trunc_magnitude(a)).x;
}
fn i32_trunc_sat_f64_u(a: vec2<u32>) -> u32 {
  if (f64_is_nan(a)) { return 0u; }
  if (!f64_fits(a, U32_BOUND, UNSIGNED_MIN_BOUND)) { return select(0xffffffffu, 0u, a.y >= 0x80000000u); }
  return f64_trunc_magnitude(a).x;
}
fn i64_trunc_sat_f64_s(a: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a)) { return vec2<u32>(0u, 0u); }
  if (!f64_fits(a, I64_MAX_BOUND, I64_MIN_BOUND)) { return select(vec2<u32>(0xffffffffu, 0x7fffffffu), vec2<u32>(0u, 0x80000000u), a.y >= 0x80000000u); }
  return f64_signed(a, f64_trunc_magnitude(a));
}
fn i64_trunc_sat_f64_u(a: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a)) { return vec2<u32>(0u, 0u); }
  if (!f64_fits(a, U64_BOUND, UNSIGNED_MIN_BOUND)) { return select(vec2<u32>(0xffffffffu, 0xffffffffu), vec2<u32>(0u, 0u), a.y >= 0x80000000u); }
  return f64_trunc_magnitude(a);
}
fn i32_trunc_f32_s(a: u32) -> u32 { return i32_trunc_f64_s(f64_promote_f32(a)); }
fn i32_trunc_f32_u(a: u32) -> u32 { return i32_trunc_f64_u(f64_promote_f32(a)); }
fn i64_trunc_f32_s(a: u32) -> vec2<u32> { return i64_trunc_f64_s(f64_promote_f32(a)); }
fn i64_trunc_f32_u(a: u32) -> vec2<u32> { return i64_trunc_f64_u(f64_promote_f32(a)); }
fn i32_trunc_sat_f32_s(a: u32) -> u32 { return i32_trunc_sat_f64_s(f64_promote_f32(a)); }
fn i32_trunc_sat_f32_u(a: u32) -> u32 { return i32_trunc_sat_f64_u(f64_promote_f32(a)); }
fn i64_trunc_sat_f32_s(a: u32) -> vec2<u32> { return i64_trunc_sat_f64_s(f64_promote_f32(a)); }
fn i64_trunc_sat_f32_u(a: u32) -> vec2<u32> { return i64_trunc_sat_f64_u(f64_promote_f32(a)); }

// Integer → float: the magnitude as a u64, normalised and rounded once.
fn f64_from_u64(sign: u32, a: vec2<u32>) -> vec2<u32> {
  if (i64_is_zero(a)) { return vec2<u32>(0u, 0u); }
  if (a.y >= 0x80000000u) { return f64_round_pack(sign, 1085, u64_shr_jam(a, 1u)); }
  return f64_norm_round_pack(sign, 1084, a);
}
fn f32_from_u64(sign: u32, a: vec2<u32>) -> u32 {
  if (i64_is_zero(a)) { return 0u; }
  let s = u64_clz(a);
  let n = i64_shl(a, s);
  return f32_round_pack(sign, 189 - i32(s), (n.y >> 1u) | select(0u, 1u, (n.y & 1u) != 0u || n.x != 0u));
}
fn i32_sign(a: u32) -> u32 { return a & 0x80000000u; }
fn i32_magnitude(a: u32) -> vec2<u32> { return vec2<u32>(select(a, 0u - a, a >= 0x80000000u), 0u); }
fn f64_convert_i32_s(a: u32) -> vec2<u32> { return f64_from_u64(i32_sign(a), i32_magnitude(a)); }
fn f64_convert_i32_u(a: u32) -> vec2<u32> { return f64_from_u64(0u, vec2<u32>(a, 0u)); }
fn f64_convert_i64_s(a: vec2<u32>) -> vec2<u32> { return f64_from_u64(i32_sign(a.y), i64_abs(a)); }
fn f64_convert_i64_u(a: vec2<u32>) -> vec2<u32> { return f64_from_u64(0u, a); }
fn f32_convert_i32_s(a: u32) -> u32 { return f32_from_u64(i32_sign(a), i32_magnitude(a)); }
fn f32_convert_i32_u(a: u32) -> u32 { return f32_from_u64(0u, vec2<u32>(a, 0u)); }
fn f32_convert_i64_s(a: vec2<u32>) -> u32 { return f32_from_u64(i32_sign(a.y), i64_abs(a)); }
fn f32_convert_i64_u(a: vec2<u32>) -> u32 { return f32_from_u64(0u, a); }
`;
