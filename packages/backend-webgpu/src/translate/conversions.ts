import type { OpRule } from './numeric-ops.js';

const call = (name: string, from: 'i32' | 'i64' | 'f32', traps = false): OpRule => ({
  operands: [from],
  wgsl: (a) => `${name}(${a})`,
  traps,
});

/**
 * Conversions between i32, i64 and f32. Trapping truncations trap like wasm (NaN: invalid
 * conversion; out of range: integer overflow); saturating ones clamp and map NaN to 0;
 * integer→float conversions round to nearest-even exactly (WGSL leaves the rounding of
 * `f32(int)` to the implementation, so the prelude builds them from exact steps).
 */
export const CONVERSIONS: Readonly<Record<string, OpRule>> = {
  'i32.wrap_i64': { operands: ['i64'], wgsl: (a) => `${a}.x` },
  'i64.extend_i32_s': call('i64_extend_i32_s', 'i32'),
  'i64.extend_i32_u': { operands: ['i32'], wgsl: (a) => `vec2<u32>(${a}, 0u)` },
  'i32.reinterpret_f32': { operands: ['f32'], wgsl: (a) => `bitcast<u32>(${a})` },
  'f32.reinterpret_i32': { operands: ['i32'], wgsl: (a) => `bitcast<f32>(${a})` },
  'i32.trunc_f32_s': call('i32_trunc_f32_s', 'f32', true),
  'i32.trunc_f32_u': call('i32_trunc_f32_u', 'f32', true),
  'i64.trunc_f32_s': call('i64_trunc_f32_s', 'f32', true),
  'i64.trunc_f32_u': call('i64_trunc_f32_u', 'f32', true),
  'i32.trunc_sat_f32_s': call('i32_trunc_sat_f32_s', 'f32'),
  'i32.trunc_sat_f32_u': call('i32_trunc_sat_f32_u', 'f32'),
  'i64.trunc_sat_f32_s': call('i64_trunc_sat_f32_s', 'f32'),
  'i64.trunc_sat_f32_u': call('i64_trunc_sat_f32_u', 'f32'),
  'f32.convert_i32_s': call('f32_convert_i32_s', 'i32'),
  'f32.convert_i32_u': call('f32_convert_i32_u', 'i32'),
  'f32.convert_i64_s': call('f32_convert_i64_s', 'i64'),
  'f32.convert_i64_u': call('f32_convert_i64_u', 'i64'),
};
