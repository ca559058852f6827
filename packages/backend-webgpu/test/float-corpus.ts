import { random } from './op-kernels.js';

/** f32 bit patterns: zeros, subnormals, normals near the edges, ties, infinities, quiet and signalling NaNs with payloads. */
export const F32_SPECIAL_BITS: readonly bigint[] = [
  0x0000_0000n, 0x8000_0000n, 0x0000_0001n, 0x8000_0001n, 0x007f_ffffn, 0x807f_ffffn, 0x0040_0000n, 0x0080_0000n, 0x8080_0000n,
  0x0080_0001n, 0x3f80_0000n, 0xbf80_0000n, 0x3f00_0000n, 0x3f00_0001n, 0x3f7f_ffffn, 0x3fc0_0000n, 0x4020_0000n, 0x4049_0fdbn,
  0x3eaa_aaabn, 0x3380_0000n, 0x4b00_0000n, 0x4b00_0001n, 0x4f00_0000n, 0xcf00_0000n, 0x4f80_0000n, 0x5f00_0000n, 0xdf00_0000n,
  0x5f80_0000n, 0x7f7f_ffffn, 0xff7f_ffffn, 0x7f80_0000n, 0xff80_0000n, 0x7fc0_0000n, 0xffc0_0000n, 0x7fa0_0000n, 0xffa0_0001n,
  0x7f80_0001n, 0x7fff_ffffn, 0x0ccc_cccdn,
];

/** f64 bit patterns of the same families. */
export const F64_SPECIAL_BITS: readonly bigint[] = [
  0x0n, 0x8000_0000_0000_0000n, 0x1n, 0x8000_0000_0000_0001n, 0x000f_ffff_ffff_ffffn, 0x800f_ffff_ffff_ffffn, 0x0008_0000_0000_0000n,
  0x0010_0000_0000_0000n, 0x8010_0000_0000_0000n, 0x0010_0000_0000_0001n, 0x3ff0_0000_0000_0000n, 0xbff0_0000_0000_0000n,
  0x3fe0_0000_0000_0000n, 0x3fe0_0000_0000_0001n, 0x3fef_ffff_ffff_ffffn, 0x3ff8_0000_0000_0000n, 0x4004_0000_0000_0000n,
  0x4009_21fb_5444_2d18n, 0x3fd5_5555_5555_5555n, 0x3ca0_0000_0000_0000n, 0x4330_0000_0000_0000n, 0x4330_0000_0000_0001n,
  0x41df_ffff_ffc0_0000n, 0x41e0_0000_0000_0000n, 0xc1e0_0000_0000_0000n, 0xc1e0_0000_0020_0000n, 0xc1e0_0000_0010_0000n,
  0x41ef_ffff_ffff_ffffn, 0x41f0_0000_0000_0000n, 0x43e0_0000_0000_0000n, 0xc3e0_0000_0000_0000n, 0xc3e0_0000_0000_0001n,
  0x43f0_0000_0000_0000n, 0x43ef_ffff_ffff_ffffn, 0x3ff0_0000_1000_0000n, 0x47ef_ffff_e000_0000n, 0x47ef_ffff_f000_0000n,
  0x380f_ffff_ffff_ffffn, 0x36a0_0000_0000_0000n, 0x7fef_ffff_ffff_ffffn, 0xffef_ffff_ffff_ffffn, 0x7ff0_0000_0000_0000n,
  0xfff0_0000_0000_0000n, 0x7ff8_0000_0000_0000n, 0xfff8_0000_0000_0000n, 0x7ff4_0000_0000_0001n, 0xfff0_0000_0000_0002n,
  0x7ff0_0000_0000_0001n,
];

const W32 = 0xffff_ffffn;

/** Uniformly random bit patterns: every exponent, NaNs and subnormals included. */
export function randomBits(width: 32 | 64, count: number, seed: number): bigint[] {
  const next = random(seed);
  return Array.from({ length: count }, () => (width === 32 ? BigInt(next()) : (BigInt(next()) << 32n) | BigInt(next())));
}

/**
 * Operand pairs that stress rounding: equal or neighbouring exponents (cancellation in sub,
 * carries in add), products and quotients near ties, sums with a far smaller operand.
 */
export function closePairs(width: 32 | 64, count: number, seed: number): bigint[] {
  const next = random(seed);
  const fraction = width === 32 ? 23n : 52n;
  const mask = width === 32 ? W32 : (1n << 64n) - 1n;
  const word = () => (width === 32 ? BigInt(next()) : (BigInt(next()) << 32n) | BigInt(next()));
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const a = word();
    const shift = BigInt(next() % Number(fraction + 4n));
    // b: a with its exponent moved by a little and low bits changed, or a's sign flipped.
    let b = (a + ((word() & ((1n << fraction) - 1n)) >> shift) + (BigInt((next() % 5) - 2) << fraction)) & mask;
    if (i % 3 === 0) b ^= 1n << BigInt(width - 1);
    out.push(a, b);
  }
  return out;
}

/** Every ordered pair of `values`, flattened. */
export function allPairsOf(values: readonly bigint[]): bigint[] {
  return values.flatMap((a) => values.flatMap((b) => [a, b]));
}
