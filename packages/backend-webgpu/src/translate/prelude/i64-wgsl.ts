import { TrapKind } from '../translated-kernel.js';
import { fixedLoop } from './unrolled.js';

/** i64 on `vec2<u32>` (x = low word, y = high word): exact two's-complement arithmetic. `unroll`: see unrolled.ts. */
export function i64Wgsl(unroll: boolean): string {
  return /* wgsl */ `
fn i64_extend_i32_s(a: u32) -> vec2<u32> { return vec2<u32>(a, bitcast<u32>(bitcast<i32>(a) >> 31u)); }
fn i64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}
fn i64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}
fn i64_neg(a: vec2<u32>) -> vec2<u32> { return i64_sub(vec2<u32>(0u, 0u), a); }
// The full 64-bit product of two u32s from 16-bit halves.
fn mul_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>((p00 & 0xffffu) | (mid << 16u), p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}
fn i64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let p = mul_wide(a.x, b.x);
  return vec2<u32>(p.x, p.y + a.x * b.y + a.y * b.x);
}
fn i64_shl(a: vec2<u32>, s: u32) -> vec2<u32> {
  let n = s & 63u;
  if (n == 0u) { return a; }
  if (n >= 32u) { return vec2<u32>(0u, a.x << (n - 32u)); }
  return vec2<u32>(a.x << n, (a.y << n) | (a.x >> (32u - n)));
}
fn i64_shr_u(a: vec2<u32>, s: u32) -> vec2<u32> {
  let n = s & 63u;
  if (n == 0u) { return a; }
  if (n >= 32u) { return vec2<u32>(a.y >> (n - 32u), 0u); }
  return vec2<u32>((a.x >> n) | (a.y << (32u - n)), a.y >> n);
}
fn i64_shr_s(a: vec2<u32>, s: u32) -> vec2<u32> {
  let n = s & 63u;
  let hi = bitcast<i32>(a.y);
  if (n == 0u) { return a; }
  if (n >= 32u) { return vec2<u32>(bitcast<u32>(hi >> (n - 32u)), bitcast<u32>(hi >> 31u)); }
  return vec2<u32>((a.x >> n) | (a.y << (32u - n)), bitcast<u32>(hi >> n));
}
fn i64_rotl(a: vec2<u32>, s: u32) -> vec2<u32> { return i64_shl(a, s) | i64_shr_u(a, (64u - (s & 63u)) & 63u); }
fn i64_rotr(a: vec2<u32>, s: u32) -> vec2<u32> { return i64_shr_u(a, s) | i64_shl(a, (64u - (s & 63u)) & 63u); }
fn i64_lt_u(a: vec2<u32>, b: vec2<u32>) -> bool { return a.y < b.y || (a.y == b.y && a.x < b.x); }
fn i64_lt_s(a: vec2<u32>, b: vec2<u32>) -> bool {
  return bitcast<i32>(a.y) < bitcast<i32>(b.y) || (a.y == b.y && a.x < b.x);
}
fn i64_clz(a: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(select(32u + countLeadingZeros(a.x), countLeadingZeros(a.y), a.y != 0u), 0u);
}
fn i64_ctz(a: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(select(32u + countTrailingZeros(a.y), countTrailingZeros(a.x), a.x != 0u), 0u);
}
// Unsigned long division, one quotient bit a step (the high word's bits, then the low word's);
// [quotient, remainder].
fn u64_divmod(n: vec2<u32>, d: vec2<u32>) -> array<vec2<u32>, 2> {
  if (n.y == 0u && d.y == 0u) { return array<vec2<u32>, 2>(vec2<u32>(n.x / d.x, 0u), vec2<u32>(n.x % d.x, 0u)); }
  var q = vec2<u32>(0u, 0u);
  var r = vec2<u32>(0u, 0u);
${fixedLoop(32, 31, unroll, (bit) => `r = vec2<u32>((r.x << 1u) | select(0u, 1u, (n.y & ${bit}) != 0u), (r.y << 1u) | (r.x >> 31u)); if (!i64_lt_u(r, d)) { r = i64_sub(r, d); q.y |= ${bit}; }`)}
${fixedLoop(32, 31, unroll, (bit) => `r = vec2<u32>((r.x << 1u) | select(0u, 1u, (n.x & ${bit}) != 0u), (r.y << 1u) | (r.x >> 31u)); if (!i64_lt_u(r, d)) { r = i64_sub(r, d); q.x |= ${bit}; }`)}
  return array<vec2<u32>, 2>(q, r);
}
fn i64_is_zero(a: vec2<u32>) -> bool { return a.x == 0u && a.y == 0u; }
fn i64_abs(a: vec2<u32>) -> vec2<u32> { return select(a, i64_neg(a), bitcast<i32>(a.y) < 0i); }
fn i64_div_u(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (i64_is_zero(b)) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return vec2<u32>(0u, 0u); }
  return u64_divmod(a, b)[0];
}
fn i64_rem_u(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (i64_is_zero(b)) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return vec2<u32>(0u, 0u); }
  return u64_divmod(a, b)[1];
}
fn i64_div_s(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (i64_is_zero(b)) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return vec2<u32>(0u, 0u); }
  if (a.x == 0u && a.y == 0x80000000u && b.x == 0xffffffffu && b.y == 0xffffffffu) { raise(${TrapKind.INTEGER_OVERFLOW}u); return vec2<u32>(0u, 0u); }
  let q = u64_divmod(i64_abs(a), i64_abs(b))[0];
  return select(q, i64_neg(q), (a.y ^ b.y) >= 0x80000000u);
}
fn i64_rem_s(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (i64_is_zero(b)) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return vec2<u32>(0u, 0u); }
  let r = u64_divmod(i64_abs(a), i64_abs(b))[1];
  return select(r, i64_neg(r), a.y >= 0x80000000u);
}
`;
}
