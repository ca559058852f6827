import type { ExprType, ValueType } from '../ir/types.js';
import { binaryen } from './binaryen.js';

const VALUE_TYPES = new Map<number, ValueType>([
  [binaryen.i32, 'i32'],
  [binaryen.i64, 'i64'],
  [binaryen.f32, 'f32'],
  [binaryen.f64, 'f64'],
  [binaryen.v128, 'v128'],
]);

/** A binaryen value type as the IR's; undefined for reference types (which no kernel may use). */
export function valueType(type: number): ValueType | undefined {
  return VALUE_TYPES.get(type);
}

/** Expands a binaryen (possibly tuple) type into value types; throws on reference types. */
export function valueTypes(type: number): ValueType[] {
  if (type === binaryen.none) return [];
  return binaryen.expandType(type).map((part) => {
    const mapped = valueType(part);
    if (!mapped) throw new TypeError(`type ${part} is not a value type`);
    return mapped;
  });
}

export function exprType(type: number): ExprType {
  if (type === binaryen.none) return 'none';
  if (type === binaryen.unreachable) return 'unreachable';
  const single = valueType(type);
  if (single) return single;
  return { tuple: valueTypes(type) };
}
