/**
 * Floats as the simulator holds them: an f32 as its 32 bits in an int32 (so a signalling NaN
 * loaded, negated and stored keeps every bit, as wasm requires of loads, stores, `neg`, `abs`,
 * `copysign` and reinterpretations), an f64 as a JS double. Arithmetic runs on doubles, which is
 * exact for f32 add, sub, mul, div and sqrt (53 ≥ 2·24 + 2 bits: the double rounding is
 * innocuous) and rounds once to f32.
 *
 * NaN results follow what the sequential device (V8 on x86-64, SSE semantics) produces, measured
 * and pinned by test/simulate/nan-bits.test.ts: one NaN operand comes back quieted with its
 * payload; an invalid operation (0/0, ∞−∞, √−1) gives the x86 default NaN, sign set
 * (0xffc00000, 0xfff8000000000000); min and max of a NaN give that default NaN; with two NaN
 * operands V8's baseline tier returns the first, its optimising tier sometimes the second,
 * and we return the first.
 */

const F32 = new Float32Array(2);
const I32 = new Int32Array(F32.buffer);
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const I64 = new BigInt64Array(F64.buffer);

export const F32_DEFAULT_NAN = 0xffc0_0000 | 0;
export const F32_QUIET = 0x0040_0000;

export function f32Value(bits: number): number {
  I32[0] = bits;
  return F32[0]!;
}

export function f32Bits(value: number): number {
  F32[0] = value;
  return I32[0]!;
}

export function isNaN32(bits: number): boolean {
  return (bits & 0x7f80_0000) === 0x7f80_0000 && (bits & 0x007f_ffff) !== 0;
}

/** The NaN a one- or two-operand f32 operation yields when its result is NaN. */
export function nan32(a: number, b: number): number {
  if (isNaN32(a)) return a | F32_QUIET;
  if (isNaN32(b)) return b | F32_QUIET;
  return F32_DEFAULT_NAN;
}

/** An f32 result computed in double: rounded once, NaN by the rules above. */
export function round32(result: number, a: number, b: number): number {
  return result === result ? f32Bits(result) : nan32(a, b);
}

export function f64Bits(value: number): bigint {
  F64[0] = value;
  return I64[0]!;
}

export function f64FromBits(bits: bigint): number {
  I64[0] = bits;
  return F64[0]!;
}

function isNaN64(value: number): boolean {
  return value !== value;
}

/** `value` with the quiet bit set, every other bit kept. */
function quiet64(value: number): number {
  F64[0] = value;
  U32[1] = U32[1]! | 0x0008_0000;
  return F64[0]!;
}

const F64_DEFAULT_NAN = f64FromBits(-0x0008_0000_0000_0000n);

export function nan64(a: number, b: number): number {
  if (isNaN64(a)) return quiet64(a);
  if (isNaN64(b)) return quiet64(b);
  return F64_DEFAULT_NAN;
}

export function round64(result: number, a: number, b: number): number {
  return result === result ? result : nan64(a, b);
}

export function f64Neg(a: number): number {
  F64[0] = a;
  U32[1] = U32[1]! ^ 0x8000_0000;
  return F64[0]!;
}

export function f64Abs(a: number): number {
  F64[0] = a;
  U32[1] = U32[1]! & 0x7fff_ffff;
  return F64[0]!;
}

export function f64Copysign(a: number, b: number): number {
  F64[0] = b;
  const sign = U32[1]! & 0x8000_0000;
  F64[0] = a;
  U32[1] = (U32[1]! & 0x7fff_ffff) | sign;
  return F64[0]!;
}

/** `f32.demote_f64`: round to nearest even; a NaN keeps its sign and top payload bits, quieted. */
export function demote(a: number): number {
  if (a === a) return f32Bits(a);
  F64[0] = a;
  const hi = U32[1]!;
  const lo = U32[0]!;
  return (hi & 0x8000_0000) | 0x7fc0_0000 | ((hi & 0x000f_ffff) << 3) | (lo >>> 29);
}

/** `f64.promote_f32`: exact; a NaN keeps its sign and payload, quieted. */
export function promote(bits: number): number {
  if (!isNaN32(bits)) return f32Value(bits);
  U32[1] = (bits & 0x8000_0000) | 0x7ff8_0000 | ((bits & 0x007f_ffff) >>> 3);
  U32[0] = (bits << 29) >>> 0;
  return F64[0]!;
}

/** `nearest`: round half to even, keeping the sign of zero. */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 2 ** 52) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  let r = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  if (r === 0 && x < 0) r = -0;
  return r;
}

/** A unary f32 operation on a double value (`Math.ceil`, `Math.sqrt`, …), NaN by the rules above. */
export function unary32(result: number, a: number): number {
  return result === result ? f32Bits(result) : isNaN32(a) ? a | F32_QUIET : F32_DEFAULT_NAN;
}

export function unary64(result: number, a: number): number {
  return result === result ? result : isNaN64(a) ? quiet64(a) : F64_DEFAULT_NAN;
}

/** `min`/`max`: NaN in → the default NaN out (what V8 produces); −0 < +0. */
export function min32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) return F32_DEFAULT_NAN;
  return f32Bits(Math.min(f32Value(a), f32Value(b)));
}

export function max32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) return F32_DEFAULT_NAN;
  return f32Bits(Math.max(f32Value(a), f32Value(b)));
}

export function min64(a: number, b: number): number {
  return a !== a || b !== b ? F64_DEFAULT_NAN : Math.min(a, b);
}

export function max64(a: number, b: number): number {
  return a !== a || b !== b ? F64_DEFAULT_NAN : Math.max(a, b);
}

/**
 * An i64 (as a bigint) to the nearest float of `mantissa` bits, rounding once: beyond 2^53 the
 * value is first cut to 53 bits with a sticky bit (round to odd), which then rounds correctly
 * to 24 bits; `Number()` alone rounds twice and can miss by one ulp.
 */
export function bigintToFloat(value: bigint, to32: boolean): number {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  if (magnitude >= 1n << 53n && to32) {
    const shift = BigInt(magnitude.toString(2).length - 53);
    const sticky = (magnitude & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
    magnitude = ((magnitude >> shift) | sticky) << shift;
  }
  const result = Number(magnitude);
  return negative ? -result : result;
}
