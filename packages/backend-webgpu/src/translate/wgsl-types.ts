import type { ValueType } from '@wasi-parallel/kernel';
import { unsupported, type SourceLocation } from './translate-error.js';

/**
 * How wasm values live in WGSL: i32 as `u32` (wasm integers are sign-agnostic; signed
 * operations bitcast), i64 as `vec2<u32>` (low word in x), f32 as `f32`. f64 and v128 have
 * no WGSL type.
 */
export type WgslType = 'u32' | 'vec2<u32>' | 'f32';

export function wgslType(type: ValueType, at: SourceLocation | undefined): WgslType {
  switch (type) {
    case 'i32':
      return 'u32';
    case 'i64':
      return 'vec2<u32>';
    case 'f32':
      return 'f32';
    case 'f64':
      throw unsupported('the kernel uses f64, which has no WGSL type', at);
    case 'v128':
      throw unsupported('the kernel uses SIMD (v128), which WGSL does not have', at);
  }
}

export function zeroOf(type: WgslType): string {
  return type === 'u32' ? '0u' : type === 'f32' ? '0.0f' : 'vec2<u32>(0u, 0u)';
}

export function u32Literal(value: number): string {
  return `0x${(value >>> 0).toString(16)}u`;
}

const f32Bits = new Float32Array(1);
const f32Word = new Uint32Array(f32Bits.buffer);

/**
 * An f32 by its bits, so every value (−0, subnormals, infinities, NaN) arrives exactly. A
 * non-finite constant expression is a WGSL compile error, so those go through `f32_bits`,
 * a function call the compiler evaluates at run time (or folds after validation).
 */
export function f32Literal(value: number): string {
  f32Bits[0] = value;
  const bits = u32Literal(f32Word[0]!);
  return Number.isFinite(value) ? `bitcast<f32>(${bits})` : `f32_bits(${bits})`;
}

export function i64Literal(value: bigint): string {
  const bits = BigInt.asUintN(64, value);
  return `vec2<u32>(${u32Literal(Number(bits & 0xffff_ffffn))}, ${u32Literal(Number(bits >> 32n))})`;
}
