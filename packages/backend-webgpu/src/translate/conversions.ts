import type { OpRule } from './numeric-ops.js';

type From = OpRule['operands'][number];

const call = (name: string, from: From, traps = false): OpRule => ({ operands: [from], wgsl: (a) => `${name}(${a})`, traps });
/** Floats are their bits already: a reinterpretation is the value itself. */
const same = (from: From): OpRule => ({ operands: [from], wgsl: (a) => a });

/**
 * Conversions between i32, i64, f32 and f64, all on bits (prelude/float-convert-wgsl.ts):
 * trapping truncations trap like wasm (NaN: invalid conversion; out of range: integer
 * overflow), saturating ones clamp and map NaN to 0, int → float and demotion round to
 * nearest-even, promotion is exact. The same in both float modes.
 */
export const CONVERSIONS: Readonly<Record<string, OpRule>> = {
  'i32.wrap_i64': { operands: ['i64'], wgsl: (a) => `${a}.x` },
  'i64.extend_i32_s': call('i64_extend_i32_s', 'i32'),
  'i64.extend_i32_u': { operands: ['i32'], wgsl: (a) => `vec2<u32>(${a}, 0u)` },
  'i32.reinterpret_f32': same('f32'),
  'f32.reinterpret_i32': same('i32'),
  'i64.reinterpret_f64': same('f64'),
  'f64.reinterpret_i64': same('i64'),
  'f64.promote_f32': call('f64_promote_f32', 'f32'),
  'f32.demote_f64': call('f32_demote_f64', 'f64'),
  ...Object.fromEntries(
    (['f32', 'f64'] as const).flatMap((from) =>
      ['i32', 'i64'].flatMap((to) =>
        ['s', 'u'].flatMap((sign) => [
          [`${to}.trunc_${from}_${sign}`, call(`${to}_trunc_${from}_${sign}`, from, true)],
          [`${to}.trunc_sat_${from}_${sign}`, call(`${to}_trunc_sat_${from}_${sign}`, from)],
          [`${from}.convert_${to}_${sign}`, call(`${from}_convert_${to}_${sign}`, to as From)],
        ]),
      ),
    ),
  ),
};
