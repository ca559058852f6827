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

/**
 * The local a copy chain starts from: SSA form writes `$b = $a` for merges, so `$b` and `$a`
 * are one variable for counting purposes.
 */
function root(local: number, fn: KernelFunction, sets: Map<number, Expr[]>): number {
  for (let hops = 0; hops < 32; hops++) {
    const assigned = sets.get(local) ?? [];
    if (fn.locals[local]?.isParam || assigned.length !== 1 || assigned[0]!.kind !== 'local.get') return local;
    local = assigned[0]!.local;
  }
  return local;
}

/** The step of `x = x ± c`, where x is `local` up to copies. */
function stepFrom(value: Expr, local: number, fn: KernelFunction, sets: Map<number, Expr[]>): number | undefined {
  if (value.kind !== 'binary' || value.left.kind !== 'local.get') return undefined;
  if (value.right.kind !== 'const' || typeof value.right.value.value !== 'number') return undefined;
  if (root(value.left.local, fn, sets) !== local) return undefined;
  if (/\.add$/.test(value.op)) return value.right.value.value;
  if (/\.sub$/.test(value.op)) return -value.right.value.value;
  return undefined;
}

/**
 * A counter with a constant step: some assignment to `local` (or to a copy of it, or a value
 * copied into it) is `local ± c`. Returns the counter (its root local) and the step.
 */
function counterOf(local: number, fn: KernelFunction, sets: Map<number, Expr[]>): { local: number; step: number } | undefined {
  const candidates = new Set([local, root(local, fn, sets)]);
  for (const candidate of candidates) {
    // The phi of SSA form: assignments that copy the stepped value in.
    for (const assigned of sets.get(candidate) ?? []) {
      const direct = stepFrom(assigned, candidate, fn, sets);
      if (direct !== undefined) return { local: candidate, step: direct };
      if (assigned.kind === 'local.get') {
        for (const inner of sets.get(assigned.local) ?? []) {
          const step = stepFrom(inner, candidate, fn, sets);
          if (step !== undefined) return { local: candidate, step };
        }
      }
    }
    // The stepped value itself compared: `x' = x + c; br_if (x' < n)`.
    for (const assigned of sets.get(candidate) ?? []) {
      if (assigned.kind !== 'binary' || assigned.left.kind !== 'local.get') continue;
      const base = root(assigned.left.local, fn, sets);
      const step = stepFrom(assigned, base, fn, sets);
      if (step !== undefined && counterOf(base, fn, sets)) return { local: base, step };
    }
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
        const induction = counterOf(counter.local, fn, sets);
        if (induction === undefined) continue;
        const bound = paramExpression(other, fn, sets);
        info = { ...info, induction, bound, boundFromParams: bound !== undefined };
        break;
      }
      if (info.induction) break;
    }
    loops.push(info);
  });
  return loops;
}
