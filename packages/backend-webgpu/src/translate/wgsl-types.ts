import type { ValueType } from '@wasi-parallel/kernel';
import { unsupported, type SourceLocation } from './translate-error.js';

/**
 * How wasm values live in WGSL: i32 as `u32` (wasm integers are sign-agnostic; signed
 * operations bitcast), i64 as `vec2<u32>` (low word in x), f32 as its bits in a `u32` and f64
 * as its bits in a `vec2<u32>`. Floats stay bits everywhere a wasm value only moves (locals,
 * select, loads and stores, reinterpretations), so a signalling NaN or a subnormal passes
 * through untouched; only arithmetic looks at them (soft-float, or the GPU's f32 in native mode).
 * v128 has no WGSL type.
 */
export type WgslType = 'u32' | 'vec2<u32>';

export function wgslType(type: ValueType, at: SourceLocation | undefined): WgslType {
  switch (type) {
    case 'i32':
    case 'f32':
      return 'u32';
    case 'i64':
    case 'f64':
      return 'vec2<u32>';
    case 'v128':
      throw unsupported('the kernel uses SIMD (v128), which WGSL does not have', at);
  }
}

export function zeroOf(type: WgslType): string {
  return type === 'u32' ? '0u' : 'vec2<u32>(0u, 0u)';
}

export function u32Literal(value: number): string {
  return `0x${(value >>> 0).toString(16)}u`;
}

export function i64Literal(value: bigint): string {
  const bits = BigInt.asUintN(64, value);
  return `vec2<u32>(${u32Literal(Number(bits & 0xffff_ffffn))}, ${u32Literal(Number(bits >> 32n))})`;
}

/**
 * An f32 constant by its bits. In native mode a constant the shader compiler can see invites
 * rewrites wasm forbids (x·1 → x, x/3 → x·0.333…), so `opaque_zero` is added to it.
 */
export function f32Literal(bits: number, opaque: boolean): string {
  return opaque ? `(${u32Literal(bits)} + opaque_zero)` : u32Literal(bits);
}
