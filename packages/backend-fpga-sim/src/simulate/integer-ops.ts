/** Integer helpers the generated simulation code calls (the ones JS has no operator for). */

export function ctz32(a: number): number {
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

export function popcnt32(a: number): number {
  let v = a - ((a >>> 1) & 0x5555_5555);
  v = (v & 0x3333_3333) + ((v >>> 2) & 0x3333_3333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24) | 0;
}

export function rotl32(a: number, b: number): number {
  const k = b & 31;
  return k === 0 ? a : (a << k) | (a >>> (32 - k));
}

export function rotr32(a: number, b: number): number {
  const k = b & 31;
  return k === 0 ? a : (a >>> k) | (a << (32 - k));
}

const MASK64 = (1n << 64n) - 1n;

export function clz64(a: bigint): bigint {
  const u = a & MASK64;
  return u === 0n ? 64n : BigInt(64 - u.toString(2).length);
}

export function ctz64(a: bigint): bigint {
  const u = a & MASK64;
  if (u === 0n) return 64n;
  const low = Number(u & 0xffff_ffffn);
  return low !== 0 ? BigInt(ctz32(low)) : BigInt(32 + ctz32(Number(u >> 32n)));
}

export function popcnt64(a: bigint): bigint {
  const u = a & MASK64;
  return BigInt(popcnt32(Number(u & 0xffff_ffffn)) + popcnt32(Number(u >> 32n)));
}

export function rotl64(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = a & MASK64;
  return k === 0n ? a : BigInt.asIntN(64, (u << k) | (u >> (64n - k)));
}

export function rotr64(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = a & MASK64;
  return k === 0n ? a : BigInt.asIntN(64, (u >> k) | (u << (64n - k)));
}

/** Saturating truncation (`trunc_sat`): NaN → 0, out of range → the nearest bound. */
export function truncSat(x: number, min: number, max: number): number {
  if (x !== x) return 0;
  return x <= min ? min : x >= max ? max : Math.trunc(x);
}

const I64_MIN = -(2 ** 63);
const I64_LIMIT = 2 ** 63;
const U64_LIMIT = 2 ** 64;

export function truncSatI64(x: number, unsigned: boolean): bigint {
  if (x !== x) return 0n;
  if (unsigned) return x <= -1 ? 0n : x >= U64_LIMIT ? -1n : BigInt.asIntN(64, BigInt(Math.trunc(x)));
  return x < I64_MIN ? -(1n << 63n) : x >= I64_LIMIT ? (1n << 63n) - 1n : BigInt(Math.trunc(x));
}

/** Whether a (non-saturating) truncation of `x` fits: NaN and out-of-range values trap. */
export function truncFits(x: number, min: number, limit: number): boolean {
  return x === x && Math.trunc(x) >= min && Math.trunc(x) < limit;
}
