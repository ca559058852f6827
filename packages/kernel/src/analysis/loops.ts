import type { LoopInfo } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { walk } from '../ir/walk.js';

const COMPARE = /^i(32|64)\.(lt|le|gt|ge|ne|eq)(_[su])?$/;

/** Assignments per local, to tell loop counters and values computed once from params. */
function assignmentsByLocal(fn: KernelFunction): Map<number, Expr[]> {
  const map = new Map<number, Expr[]>();
  walk(fn.body, (expr) => {
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') map.set(expr.local, [...(map.get(expr.local) ?? []), expr.value]);
  });
  return map;
}

/**
 * Renders an expression made only of constants, unwritten params and locals assigned once
 * from such, e.g. `i32.mul(p0, p2)`; undefined when anything else is involved.
 */
function paramExpression(expr: Expr, fn: KernelFunction, sets: Map<number, Expr[]>, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  switch (expr.kind) {
    case 'const':
      return typeof expr.value.value === 'object' ? undefined : String(expr.value.value);
    case 'local.get': {
      const assigned = sets.get(expr.local) ?? [];
      if (fn.locals[expr.local]?.isParam && assigned.length === 0) return `p${expr.local}`;
      if (assigned.length === 1) return paramExpression(assigned[0]!, fn, sets, depth + 1);
      return undefined;
    }
    case 'unary': {
      const value = paramExpression(expr.value, fn, sets, depth + 1);
      return value === undefined ? undefined : `${expr.op}(${value})`;
    }
    case 'binary': {
      const left = paramExpression(expr.left, fn, sets, depth + 1);
      const right = paramExpression(expr.right, fn, sets, depth + 1);
      return left === undefined || right === undefined ? undefined : `${expr.op}(${left}, ${right})`;
    }
    default:
      return undefined;
  }
}

/** `local += c` or `local -= c` among the local's assignments: a counter with a constant step. */
function stepOf(local: number, sets: Map<number, Expr[]>): number | undefined {
  for (const value of sets.get(local) ?? []) {
    if (value.kind !== 'binary' || value.left.kind !== 'local.get' || value.left.local !== local) continue;
    if (value.right.kind !== 'const' || typeof value.right.value.value !== 'number') continue;
    if (/\.add$/.test(value.op)) return value.right.value.value;
    if (/\.sub$/.test(value.op)) return -value.right.value.value;
  }
  return undefined;
}

/** Conditions under which control goes back to the loop's start. */
function backEdgeConditions(label: string, body: Expr): Expr[] {
  const conditions: Expr[] = [];
  walk(body, (expr) => {
    if (expr.kind === 'br_if' && expr.label === label) conditions.push(expr.condition);
    if (expr.kind === 'if' && expr.then.kind === 'br' && expr.then.label === label) conditions.push(expr.condition);
  });
  return conditions;
}

function unwrapEqz(expr: Expr): Expr {
  return expr.kind === 'unary' && /\.eqz$/.test(expr.op) ? unwrapEqz(expr.value) : expr;
}

export function findLoops(fn: KernelFunction): LoopInfo[] {
  const sets = assignmentsByLocal(fn);
  const loops: LoopInfo[] = [];
  walk(fn.body, (expr) => {
    if (expr.kind !== 'loop') return;
    let info: LoopInfo = { function: fn.name, loc: expr.loc, label: expr.label, induction: undefined, bound: undefined, boundFromParams: false };
    for (const raw of expr.label ? backEdgeConditions(expr.label, expr.body) : []) {
      const condition = unwrapEqz(raw);
      if (condition.kind !== 'binary' || !COMPARE.test(condition.op)) continue;
      for (const [counter, other] of [
        [condition.left, condition.right],
        [condition.right, condition.left],
      ] as const) {
        if (counter.kind !== 'local.get') continue;
        const step = stepOf(counter.local, sets);
        if (step === undefined) continue;
        const bound = paramExpression(other, fn, sets);
        info = { ...info, induction: { local: counter.local, step }, bound, boundFromParams: bound !== undefined };
        break;
      }
      if (info.induction) break;
    }
    loops.push(info);
  });
  return loops;
}
