import type { ValueType } from '@wasi-parallel/kernel';

/**
 * JS for memory accesses on the simulated memory: `dv` a DataView and `U8` a Uint8Array over
 * it, little-endian as wasm. f32 values travel as their bits, so an f32 access is an i32 one.
 */

export function readCode(address: string, bytes: number, type: ValueType, signed: boolean): string {
  if (type === 'f64') return `dv.getFloat64(${address}, true)`;
  const narrow =
    bytes === 1 ? (signed ? `dv.getInt8(${address})` : `U8[${address}]`)
    : bytes === 2 ? `dv.get${signed ? 'Int16' : 'Uint16'}(${address}, true)`
    : bytes === 4 ? `dv.get${signed || type !== 'i64' ? 'Int32' : 'Uint32'}(${address}, true)`
    : `dv.getBigInt64(${address}, true)`;
  return type === 'i64' && bytes < 8 ? `BigInt(${narrow})` : narrow;
}

export function writeCode(address: string, bytes: number, type: ValueType, value: string): string {
  if (type === 'f64') return `dv.setFloat64(${address}, ${value}, true)`;
  if (type === 'i64') {
    if (bytes === 8) return `dv.setBigInt64(${address}, ${value}, true)`;
    if (bytes === 1) return `U8[${address}] = Number(${value} & 255n)`;
    return `dv.setInt${bytes * 8}(${address}, Number(N(${bytes * 8}, ${value})), true)`;
  }
  if (bytes === 1) return `U8[${address}] = ${value}`;
  return `dv.setInt${bytes * 8}(${address}, ${value}, true)`;
}

/** `atomic.rmw.<op>` on the old value `o` and the operand `v`. */
export function rmwCode(op: string, type: ValueType, o: string, v: string): string {
  const wide = type === 'i64';
  const wrap = (expr: string): string => (wide ? `N(64, ${expr})` : `(${expr}) | 0`);
  switch (op) {
    case 'add':
      return wrap(`${o} + ${v}`);
    case 'sub':
      return wrap(`${o} - ${v}`);
    case 'and':
      return `${o} & ${v}`;
    case 'or':
      return `${o} | ${v}`;
    case 'xor':
      return `${o} ^ ${v}`;
    default:
      return v;
  }
}

/** `expected` cut to the access width, as cmpxchg compares it with the zero-extended old value. */
export function narrowCode(value: string, bytes: number, type: ValueType): string {
  if (type === 'i64') return bytes === 8 ? value : `(${value} & ${(1n << BigInt(bytes * 8)) - 1n}n)`;
  return bytes === 4 ? value : `(${value} & ${2 ** (bytes * 8) - 1})`;
}
