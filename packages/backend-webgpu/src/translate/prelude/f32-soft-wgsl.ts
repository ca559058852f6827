import { fixedLoop } from './unrolled.js';

/**
 * f32 arithmetic from integer operations (Berkeley SoftFloat's method): round to nearest, ties
 * to even, subnormals kept, every result bit-identical to wasm's. Values are the f32's bits in
 * a `u32`. `float: 'exact'` runs every f32 operation through these; `native` only the
 * special operands (see f32-native-wgsl.ts).
 *
 * A significand in flight is `sig` with its leading 1 at bit 30 and 7 rounding bits below the
 * 24 kept ones; `exp` is the biased exponent minus one, so value = sig × 2^(exp − 156).
 */
export function f32SoftWgsl(unroll: boolean): string {
  return /* wgsl */ `
struct F32Parts { m: u32, e: i32 }
// A finite nonzero f32 as significand (leading 1 at bit 23) and biased exponent (below 1 for a
// subnormal, whose significand is normalised).
fn f32_unpack(a: u32) -> F32Parts {
  let e = i32((a >> 23u) & 0xffu);
  let m = a & 0x7fffffu;
  if (e == 0) { let s = countLeadingZeros(m) - 8u; return F32Parts(m << s, 1 - i32(s)); }
  return F32Parts(m | 0x800000u, e);
}
// Shifts right by n, keeping whether any 1 fell off in bit 0 (the sticky bit).
fn u32_shr_jam(a: u32, n: u32) -> u32 {
  if (n == 0u) { return a; }
  if (n >= 32u) { return select(0u, 1u, a != 0u); }
  return (a >> n) | select(0u, 1u, (a << (32u - n)) != 0u);
}
fn f32_round_pack(sign: u32, exp: i32, sig: u32) -> u32 {
  var e = exp;
  var s = sig;
  if (e >= 0xfd && (e > 0xfd || s + 0x40u >= 0x80000000u)) { return sign | 0x7f800000u; }
  if (e < 0) { s = u32_shr_jam(s, u32(-e)); e = 0; }
  let rest = s & 0x7fu;
  s = (s + 0x40u) >> 7u;
  if (rest == 0x40u) { s &= ~1u; }
  if (s == 0u) { e = 0; }
  // Adding, not or-ing: a significand that rounded up to 2^24 carries into the exponent.
  return sign + (u32(e) << 23u) + s;
}
fn f32_norm_round_pack(sign: u32, exp: i32, sig: u32) -> u32 {
  let s = countLeadingZeros(sig) - 1u;
  return f32_round_pack(sign, exp - i32(s), sig << s);
}

// Infinity or NaN among the operands (and, for div, a zero divisor): IEEE's results.
fn f32_add_special(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan2(a, b); }
  let ia = f32_is_special(a);
  if (ia && f32_is_special(b) && ((a ^ b) & 0x80000000u) != 0u) { return F32_DEFAULT_NAN; }
  return select(b, a, ia);
}
fn f32_mul_special(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan2(a, b); }
  if (f32_is_zero(a) || f32_is_zero(b)) { return F32_DEFAULT_NAN; }
  return ((a ^ b) & 0x80000000u) | 0x7f800000u;
}
fn f32_div_special(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan2(a, b); }
  let sign = (a ^ b) & 0x80000000u;
  let ia = f32_is_special(a);
  let ib = f32_is_special(b);
  if ((ia && ib) || (f32_is_zero(a) && f32_is_zero(b))) { return F32_DEFAULT_NAN; }
  if (ia || f32_is_zero(b)) { return sign | 0x7f800000u; }
  return sign;
}
// NaN, an infinity or a negative number (−0 excepted).
fn f32_sqrt_special(a: u32) -> u32 {
  if (f32_is_nan(a)) { return a | 0x00400000u; }
  if (a == 0x7f800000u) { return a; }
  return F32_DEFAULT_NAN;
}

fn f32_add(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b)) { return f32_add_special(a, b); }
  var x = a;
  var y = b;
  if ((a & 0x7fffffffu) < (b & 0x7fffffffu)) { x = b; y = a; }
  if (f32_is_zero(y)) { return select(x, a & b, f32_is_zero(x)); }
  var ex = i32((x >> 23u) & 0xffu);
  let ey = max(i32((y >> 23u) & 0xffu), 1);
  var mx = x & 0x7fffffu;
  if (ex == 0) { ex = 1; } else { mx |= 0x800000u; }
  let my = select(y & 0x7fffffu, (y & 0x7fffffu) | 0x800000u, ((y >> 23u) & 0xffu) != 0u);
  let sx = mx << 6u;
  let sy = u32_shr_jam(my << 6u, u32(ex - ey));
  if (((x ^ y) & 0x80000000u) == 0u) { return f32_norm_round_pack(x & 0x80000000u, ex, sx + sy); }
  let difference = sx - sy;
  // An exact zero sum is +0 when rounding to nearest.
  if (difference == 0u) { return 0u; }
  return f32_norm_round_pack(x & 0x80000000u, ex, difference);
}
fn f32_sub(a: u32, b: u32) -> u32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan2(a, b); }
  return f32_add(a, b ^ 0x80000000u);
}
fn f32_mul(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b)) { return f32_mul_special(a, b); }
  let sign = (a ^ b) & 0x80000000u;
  if (f32_is_zero(a) || f32_is_zero(b)) { return sign; }
  let x = f32_unpack(a);
  let y = f32_unpack(b);
  let p = mul_wide(x.m << 7u, y.m << 8u);
  var sig = p.y | select(0u, 1u, p.x != 0u);
  var e = x.e + y.e - 0x7f;
  if (sig < 0x40000000u) { e -= 1; sig <<= 1u; }
  return f32_round_pack(sign, e, sig);
}
// Long division, one quotient bit a step: 31 bits, the first always 1, then the sticky bit.
fn f32_div(a: u32, b: u32) -> u32 {
  if (f32_is_special(a) || f32_is_special(b) || f32_is_zero(b)) { return f32_div_special(a, b); }
  let sign = (a ^ b) & 0x80000000u;
  if (f32_is_zero(a)) { return sign; }
  let x = f32_unpack(a);
  let y = f32_unpack(b);
  let d = y.m;
  var e = x.e - y.e + 0x7e;
  var r = x.m;
  if (r < d) { e -= 1; r <<= 1u; }
  var q = 0u;
${fixedLoop(31, 30, unroll, () => 'if (r >= d) { r -= d; q = (q << 1u) | 1u; } else { q <<= 1u; } r <<= 1u;')}
  return f32_round_pack(sign, e, q | select(0u, 1u, r != 0u));
}
// Square root digit by digit (fdlibm's e_sqrtf): 25 bits, the last one to round with.
fn f32_sqrt(a: u32) -> u32 {
  if (f32_is_zero(a)) { return a; }
  if (a >= 0x7f800000u) { return f32_sqrt_special(a); }
  let x = f32_unpack(a);
  var m = x.e - 127;
  var ix = x.m;
  if ((m & 1) != 0) { ix += ix; }
  m = m >> 1u;
  ix += ix;
  var q = 0u;
  var s = 0u;
${fixedLoop(25, 24, unroll, (bit) => `let t = s + ${bit}; if (t <= ix) { s = t + ${bit}; ix -= t; q += ${bit}; } ix += ix;`)}
  if (ix != 0u) { q += q & 1u; }
  return (q >> 1u) + 0x3f000000u + bitcast<u32>(m << 23u);
}
`;
}
