import type { Expr } from '@wasi-parallel/kernel';
import type { Emitter } from './emitter.js';
import { binaryF32, floatToI32, unaryF32 } from './float-ops.js';
import { binaryI32, unaryI32 } from './int-ops.js';
import type { Val } from './values.js';

/** Numeric operations by family: i32 (int-ops.ts), f32 and the conversions between them (float-ops.ts). */
export function binaryOp(em: Emitter, e: Extract<Expr, { kind: 'binary' }>, a: Val, b: Val): Val {
  if (e.op.startsWith('i32.')) return binaryI32(em, e, a, b);
  if (e.op.startsWith('f32.')) return binaryF32(em, e, a, b);
  return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
}

export function unaryOp(em: Emitter, e: Extract<Expr, { kind: 'unary' }>, value: Val): Val {
  if (/^i32\.(trunc_|reinterpret_f32)/.test(e.op) && e.op.includes('f32')) return floatToI32(em, e, value);
  if (e.op.startsWith('i32.')) return unaryI32(em, e, value);
  if (e.op.startsWith('f32.')) return unaryF32(em, e, value);
  return em.fail(`\`${e.op}\` is not supported by the GPU.js translator`, e.loc);
}
