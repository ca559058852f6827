import { fixedLoop } from './unrolled.js';

/**
 * f64 arithmetic from 32-bit integer operations: WGSL has no f64 (and most GPUs have little),
 * so every f64 operation is emulated, exactly: round to nearest, ties to even, subnormals kept.
 * Values are the f64's bits in a `vec2<u32>` (x = low word), like i64.
 *
 * A significand in flight is a u64 `sig` with its leading 1 at bit 62 and 10 rounding bits
 * below the 53 kept ones; `exp` is the biased exponent minus one: value = sig × 2^(exp − 1084).
 */
export function f64SoftWgsl(unroll: boolean): string {
  return /* wgsl */ `
struct F64Parts { m: vec2<u32>, e: i32 }
fn u64_clz(a: vec2<u32>) -> u32 { return select(32u + countLeadingZeros(a.x), countLeadingZeros(a.y), a.y != 0u); }
// A finite nonzero f64 as significand (leading 1 at bit 52) and biased exponent (below 1 for a
// subnormal, whose significand is normalised).
fn f64_unpack(a: vec2<u32>) -> F64Parts {
  let e = i32((a.y >> 20u) & 0x7ffu);
  let m = vec2<u32>(a.x, a.y & 0xfffffu);
  if (e == 0) { let s = u64_clz(m) - 11u; return F64Parts(i64_shl(m, s), 1 - i32(s)); }
  return F64Parts(vec2<u32>(m.x, m.y | 0x100000u), e);
}
// Shifts right by n, keeping whether any 1 fell off in bit 0 (the sticky bit).
fn u64_shr_jam(a: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) { return a; }
  if (n >= 64u) { return vec2<u32>(select(0u, 1u, !i64_is_zero(a)), 0u); }
  let kept = i64_shr_u(a, n);
  return vec2<u32>(kept.x | select(0u, 1u, !i64_is_zero(i64_shl(a, 64u - n))), kept.y);
}
fn f64_round_pack(sign: u32, exp: i32, sig_in: vec2<u32>) -> vec2<u32> {
  var e = exp;
  var sig = sig_in;
  if (e >= 0x7fd && (e > 0x7fd || i64_add(sig, vec2<u32>(0x200u, 0u)).y >= 0x80000000u)) { return vec2<u32>(0u, sign | 0x7ff00000u); }
  if (e < 0) { sig = u64_shr_jam(sig, u32(-e)); e = 0; }
  let rest = sig.x & 0x3ffu;
  var s = i64_shr_u(i64_add(sig, vec2<u32>(0x200u, 0u)), 10u);
  if (rest == 0x200u) { s.x &= ~1u; }
  if (i64_is_zero(s)) { e = 0; }
  // Adding, not or-ing: a significand that rounded up to 2^53 carries into the exponent.
  return i64_add(vec2<u32>(0u, sign | (u32(e) << 20u)), s);
}
fn f64_norm_round_pack(sign: u32, exp: i32, sig: vec2<u32>) -> vec2<u32> {
  let s = u64_clz(sig) - 1u;
  return f64_round_pack(sign, exp - i32(s), i64_shl(sig, s));
}

fn f64_add_special(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a) || f64_is_nan(b)) { return f64_nan2(a, b); }
  let ia = f64_is_special(a);
  if (ia && f64_is_special(b) && ((a.y ^ b.y) & 0x80000000u) != 0u) { return F64_DEFAULT_NAN; }
  return select(b, a, ia);
}
fn f64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (f64_is_special(a) || f64_is_special(b)) { return f64_add_special(a, b); }
  var x = a;
  var y = b;
  if (i64_lt_u(f64_mag(a), f64_mag(b))) { x = b; y = a; }
  if (f64_is_zero(y)) { return select(x, a & b, f64_is_zero(x)); }
  var ex = i32((x.y >> 20u) & 0x7ffu);
  let ey_raw = i32((y.y >> 20u) & 0x7ffu);
  var mx = vec2<u32>(x.x, x.y & 0xfffffu);
  if (ex == 0) { ex = 1; } else { mx.y |= 0x100000u; }
  let my = vec2<u32>(y.x, (y.y & 0xfffffu) | select(0u, 0x100000u, ey_raw != 0));
  let sx = i64_shl(mx, 9u);
  let sy = u64_shr_jam(i64_shl(my, 9u), u32(ex - max(ey_raw, 1)));
  let sign = x.y & 0x80000000u;
  if (((x.y ^ y.y) & 0x80000000u) == 0u) { return f64_norm_round_pack(sign, ex, i64_add(sx, sy)); }
  let difference = i64_sub(sx, sy);
  // An exact zero sum is +0 when rounding to nearest.
  if (i64_is_zero(difference)) { return vec2<u32>(0u, 0u); }
  return f64_norm_round_pack(sign, ex, difference);
}
fn f64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (f64_is_nan(a) || f64_is_nan(b)) { return f64_nan2(a, b); }
  return f64_add(a, vec2<u32>(b.x, b.y ^ 0x80000000u));
}
// The high 64 bits of a 64 × 64-bit product, the low 64 jammed into bit 0.
fn u64_mul_high_jam(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let p00 = mul_wide(a.x, b.x);
  let p01 = mul_wide(a.x, b.y);
  let p10 = mul_wide(a.y, b.x);
  let p11 = mul_wide(a.y, b.y);
  let c1a = p00.y + p01.x;
  let c1 = c1a + p10.x;
  let k1 = select(0u, 1u, c1a < p00.y) + select(0u, 1u, c1 < c1a);
  let c2a = p01.y + p10.y;
  let c2b = c2a + p11.x;
  let c2 = c2b + k1;
  let k2 = select(0u, 1u, c2a < p01.y) + select(0u, 1u, c2b < c2a) + select(0u, 1u, c2 < c2b);
  return vec2<u32>(c2 | select(0u, 1u, (p00.x | c1) != 0u), p11.y + k2);
}
fn f64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let sign = (a.y ^ b.y) & 0x80000000u;
  if (f64_is_special(a) || f64_is_special(b)) {
    if (f64_is_nan(a) || f64_is_nan(b)) { return f64_nan2(a, b); }
    if (f64_is_zero(a) || f64_is_zero(b)) { return F64_DEFAULT_NAN; }
    return vec2<u32>(0u, sign | 0x7ff00000u);
  }
  if (f64_is_zero(a) || f64_is_zero(b)) { return vec2<u32>(0u, sign); }
  let x = f64_unpack(a);
  let y = f64_unpack(b);
  var sig = u64_mul_high_jam(i64_shl(x.m, 10u), i64_shl(y.m, 11u));
  var e = x.e + y.e - 0x3ff;
  if (sig.y < 0x40000000u) { e -= 1; sig = i64_shl(sig, 1u); }
  return f64_round_pack(sign, e, sig);
}
// Long division, one quotient bit a step: 55 bits (23 into qh, 32 into ql), then the sticky bit.
fn f64_div(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let sign = (a.y ^ b.y) & 0x80000000u;
  if (f64_is_special(a) || f64_is_special(b) || f64_is_zero(b)) {
    if (f64_is_nan(a) || f64_is_nan(b)) { return f64_nan2(a, b); }
    let ia = f64_is_special(a);
    let ib = f64_is_special(b);
    if ((ia && ib) || (f64_is_zero(a) && f64_is_zero(b))) { return F64_DEFAULT_NAN; }
    if (ia || f64_is_zero(b)) { return vec2<u32>(0u, sign | 0x7ff00000u); }
    return vec2<u32>(0u, sign);
  }
  if (f64_is_zero(a)) { return vec2<u32>(0u, sign); }
  let x = f64_unpack(a);
  let y = f64_unpack(b);
  let d = y.m;
  var e = x.e - y.e + 0x3fe;
  var r = x.m;
  if (i64_lt_u(r, d)) { e -= 1; r = i64_shl(r, 1u); }
  var qh = 0u;
  var ql = 0u;
${fixedLoop(23, 22, unroll, () => 'if (i64_lt_u(r, d)) { qh <<= 1u; } else { r = i64_sub(r, d); qh = (qh << 1u) | 1u; } r = i64_shl(r, 1u);')}
${fixedLoop(32, 31, unroll, () => 'if (i64_lt_u(r, d)) { ql <<= 1u; } else { r = i64_sub(r, d); ql = (ql << 1u) | 1u; } r = i64_shl(r, 1u);')}
  let sig = vec2<u32>((ql << 8u) | select(0u, 1u, !i64_is_zero(r)), (qh << 8u) | (ql >> 24u));
  return f64_round_pack(sign, e, sig);
}
// Square root digit by digit on two 32-bit words (fdlibm's e_sqrt), rounded to nearest.
fn f64_sqrt(a: vec2<u32>) -> vec2<u32> {
  if (f64_is_zero(a)) { return a; }
  if (a.y >= 0x7ff00000u) {
    if (f64_is_nan(a)) { return f64_quiet(a); }
    if (a.y == 0x7ff00000u && a.x == 0u) { return a; }
    return F64_DEFAULT_NAN;
  }
  let x = f64_unpack(a);
  var m = x.e - 1023;
  var ix0 = x.m.y;
  var ix1 = x.m.x;
  if ((m & 1) != 0) { ix0 = ix0 + ix0 + (ix1 >> 31u); ix1 += ix1; }
  m = m >> 1u;
  ix0 = ix0 + ix0 + (ix1 >> 31u);
  ix1 += ix1;
  var q = 0u;
  var q1 = 0u;
  var s0 = 0u;
  var s1 = 0u;
${fixedLoop(22, 21, unroll, (bit) => `let t = s0 + ${bit}; if (t <= ix0) { s0 = t + ${bit}; ix0 -= t; q += ${bit}; } ix0 = ix0 + ix0 + (ix1 >> 31u); ix1 += ix1;`)}
${fixedLoop(32, 31, unroll, (bit) => `let t1 = s1 + ${bit}; let t = s0; if (t < ix0 || (t == ix0 && t1 <= ix1)) { s1 = t1 + ${bit}; if ((t1 & 0x80000000u) != 0u && (s1 & 0x80000000u) == 0u) { s0 += 1u; } ix0 -= t; if (ix1 < t1) { ix0 -= 1u; } ix1 -= t1; q1 += ${bit}; } ix0 = ix0 + ix0 + (ix1 >> 31u); ix1 += ix1;`)}
  if ((ix0 | ix1) != 0u) { if (q1 == 0xffffffffu) { q1 = 0u; q += 1u; } else { q1 += q1 & 1u; } }
  var lo = q1 >> 1u;
  if ((q & 1u) == 1u) { lo |= 0x80000000u; }
  return vec2<u32>(lo, (q >> 1u) + 0x3fe00000u + bitcast<u32>(m << 20u));
}
`;
}
