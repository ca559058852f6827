/** f32 operands as bit patterns: zeros, subnormals, normals, rounding ties, extremes, infinities, NaNs. */
export const F32_SPECIALS: readonly bigint[] = [
  0x0000_0000n, // +0
  0x8000_0000n, // -0
  0x0000_0001n, // smallest subnormal
  0x807f_ffffn, // -largest subnormal
  0x0080_0000n, // smallest normal
  0x3f80_0000n, // 1
  0xbf80_0000n, // -1
  0x3f00_0000n, // 0.5
  0xbfc0_0000n, // -1.5
  0x4020_0000n, // 2.5
  0x3eaa_aaabn, // ~1/3
  0x4f00_0000n, // 2^31
  0xcf00_0000n, // -2^31
  0x7f7f_ffffn, // largest finite
  0xff7f_ffffn, // -largest finite
  0x7f80_0000n, // +inf
  0xff80_0000n, // -inf
  0x7fc0_0000n, // quiet NaN
  0xffa0_0001n, // negative signalling NaN with a payload
];

/** f64 operands: the same families, plus values that round when demoted to f32. */
export const F64_SPECIALS: readonly bigint[] = [
  0x0000_0000_0000_0000n, // +0
  0x8000_0000_0000_0000n, // -0
  0x0000_0000_0000_0001n, // smallest subnormal
  0x800f_ffff_ffff_ffffn, // -largest subnormal
  0x0010_0000_0000_0000n, // smallest normal
  0x3ff0_0000_0000_0000n, // 1
  0xbff0_0000_0000_0000n, // -1
  0x3fe0_0000_0000_0000n, // 0.5
  0xc004_0000_0000_0000n, // -2.5
  0x3fd5_5555_5555_5555n, // ~1/3
  0x3ff0_0000_1000_0000n, // 1 + 2^-24: a tie when demoted to f32
  0x41df_ffff_ffe0_0000n, // 2^31 - 0.5
  0xc1e0_0000_0020_0000n, // -2^31 - 1
  0x47ef_ffff_f000_0000n, // just above f32's largest: demotes to +inf
  0x7fef_ffff_ffff_ffffn, // largest finite
  0xfff0_0000_0000_0000n, // -inf
  0x7ff0_0000_0000_0000n, // +inf
  0x7ff8_0000_0000_0000n, // quiet NaN
  0x7ff4_0000_0000_0001n, // signalling NaN with a payload
];
