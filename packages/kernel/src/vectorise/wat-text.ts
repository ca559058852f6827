import type { ConstValue, LoadExpr, StoreExpr, ValueType } from '../ir/types.js';

/** Pieces of WebAssembly text the emitters share. The vectorised module is written as text and assembled by binaryen. */

const BITS: Readonly<Record<ValueType, number>> = { i32: 32, i64: 64, f32: 32, f64: 64, v128: 128 };

function floatText(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Object.is(value, -0)) return '-0';
  // The shortest text that reads back as this double; an f32 constant is exact in a double,
  // and the nearest f32 to that text is the constant itself.
  return String(value);
}

export function constText(value: ConstValue): string {
  switch (value.type) {
    case 'i32':
    case 'i64':
      return `(${value.type}.const ${value.value})`;
    case 'f32':
    case 'f64':
      return `(${value.type}.const ${floatText(value.value)})`;
    case 'v128':
      return `(v128.const i8x16 ${value.value.join(' ')})`;
  }
}

export function zeroText(type: ValueType): string {
  return type === 'v128' ? '(v128.const i32x4 0 0 0 0)' : `(${type}.const 0)`;
}

export function memarg(access: { readonly offset: number; readonly align: number }): string {
  return `offset=${access.offset} align=${access.align}`;
}

/** `i32.load8_s`, `f32.load`, …: the scalar load of an IR load. */
export function loadOp(expr: LoadExpr): string {
  const bits = expr.bytes * 8;
  return bits < BITS[expr.type as ValueType] ? `${expr.type}.load${bits}_${expr.signed ? 's' : 'u'}` : `${expr.type}.load`;
}

/** `i32.store8`, `f64.store`, …: the scalar store of an IR store. */
export function storeOp(expr: StoreExpr): string {
  const bits = expr.bytes * 8;
  return bits < BITS[expr.valueType] ? `${expr.valueType}.store${bits}` : `${expr.valueType}.store`;
}

export function i32(value: number): string {
  return `(i32.const ${value | 0})`;
}

/** A v128 constant of four i32 lanes. */
export function i32x4(lanes: readonly number[]): string {
  return `(v128.const i32x4 ${lanes.map((lane) => lane | 0).join(' ')})`;
}

/** A quoted text-format string (module and field names). */
export function quoted(text: string): string {
  return `"${Array.from(new TextEncoder().encode(text), (byte) => (byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${byte.toString(16).padStart(2, '0')}`)).join('')}"`;
}
