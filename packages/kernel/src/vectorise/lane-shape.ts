import type { Expr } from '../ir/types.js';

/**
 * How a value varies across the four lanes of a group (iterations i … i+3): a number `s`
 * says lane k holds `base + s·k` (i32 only; 0 is *uniform*, the same in every lane, kept as one
 * scalar), `varying` says anything (kept in a v128). A linear value stays a scalar too — the
 * iteration id is `i + k`, an element address `ptr + 4·(i + k)` — which is what lets the
 * emitter use one `v128.load` for four iterations' elements.
 */
export type LaneShape = number | 'varying';

export const UNIFORM: LaneShape = 0;
export const VARYING: LaneShape = 'varying';
/** A local nothing has been assigned to yet: below every shape. */
export const UNASSIGNED: LaneShape = Number.NaN;

/** The least shape covering both (a local assigned both). */
export function joinShapes(a: LaneShape, b: LaneShape): LaneShape {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a === b ? a : VARYING;
}

function constI32(expr: Expr): number | undefined {
  return expr.kind === 'const' && expr.value.type === 'i32' ? expr.value.value : undefined;
}

/**
 * The shape of a binary i32 operation on linear operands: sums and differences of linear
 * values are linear, and so is a linear value times (or shifted by) a constant. Arithmetic
 * is modulo 2^32 on both sides, so the step wraps like the values do.
 */
function linearBinary(op: string, left: Expr, right: Expr, a: number, b: number): LaneShape {
  switch (op) {
    case 'i32.add':
      return (a + b) | 0;
    case 'i32.sub':
      return (a - b) | 0;
    case 'i32.mul': {
      if (a === 0 && b === 0) return UNIFORM;
      const factor = b === 0 ? constI32(right) : a === 0 ? constI32(left) : undefined;
      return factor === undefined ? VARYING : Math.imul(b === 0 ? a : b, factor);
    }
    case 'i32.shl': {
      if (a === 0 && b === 0) return UNIFORM;
      const by = constI32(right);
      return b === 0 && by !== undefined ? (a << (by & 31)) | 0 : VARYING;
    }
    default:
      return a === 0 && b === 0 ? UNIFORM : VARYING;
  }
}

/**
 * The shape of a value expression given the shapes of the locals. A load from a uniform
 * address is uniform: the memory rules (memory-rules.ts) refuse kernels where one iteration
 * could read bytes another writes, so four lanes reading one address read one value.
 */
export function shapeOf(expr: Expr, locals: readonly LaneShape[]): LaneShape {
  switch (expr.kind) {
    case 'const':
    case 'global.get':
    case 'memory.size':
      return UNIFORM;
    case 'local.get': {
      const shape = locals[expr.local] ?? VARYING;
      return Number.isNaN(shape) ? UNIFORM : shape;
    }
    case 'load':
      return shapeOf(expr.ptr, locals) === UNIFORM ? UNIFORM : VARYING;
    case 'unary':
      return shapeOf(expr.value, locals) === UNIFORM ? UNIFORM : VARYING;
    case 'binary': {
      const a = shapeOf(expr.left, locals);
      const b = shapeOf(expr.right, locals);
      if (a === VARYING || b === VARYING) return VARYING;
      return linearBinary(expr.op, expr.left, expr.right, a as number, b as number);
    }
    case 'select':
      return [expr.ifTrue, expr.ifFalse, expr.condition].every((part) => shapeOf(part, locals) === UNIFORM) ? UNIFORM : VARYING;
    default:
      return VARYING;
  }
}
