import type { Expr } from '@wasi-parallel/kernel';

/** The direct sub-expressions of an expression, in evaluation order. */
export function children(expr: Expr): readonly Expr[] {
  const list: (Expr | undefined)[] = [];
  switch (expr.kind) {
    case 'block':
      return expr.body;
    case 'loop':
      return [expr.body];
    case 'if':
      list.push(expr.condition, expr.then, expr.else);
      break;
    case 'br':
    case 'return':
      list.push(expr.value);
      break;
    case 'br_if':
      list.push(expr.value, expr.condition);
      break;
    case 'br_table':
      list.push(expr.value, expr.index);
      break;
    case 'call':
      return expr.operands;
    case 'call_indirect':
      list.push(...expr.operands, expr.target);
      break;
    case 'drop':
    case 'local.set':
    case 'local.tee':
    case 'global.set':
    case 'unary':
      list.push(expr.value);
      break;
    case 'select':
      list.push(expr.ifTrue, expr.ifFalse, expr.condition);
      break;
    case 'binary':
      list.push(expr.left, expr.right);
      break;
    case 'load':
    case 'simd.load':
      list.push(expr.ptr);
      break;
    case 'store':
    case 'atomic.rmw':
      list.push(expr.ptr, expr.value);
      break;
    case 'memory.grow':
      list.push(expr.delta);
      break;
    case 'memory.copy':
      list.push(expr.dest, expr.source, expr.size);
      break;
    case 'memory.fill':
      list.push(expr.dest, expr.value, expr.size);
      break;
    default:
      // The remaining kinds (atomics, SIMD, bulk init, tuples) are refused before anyone asks.
      break;
  }
  return list.filter((child): child is Expr => child !== undefined);
}

const cache = new WeakMap<Expr, ReadonlySet<string>>();

/** Labels that branches inside `expr` target but that `expr` does not define: where it may jump out to. */
export function escapingTargets(expr: Expr): ReadonlySet<string> {
  const hit = cache.get(expr);
  if (hit) return hit;
  const targets = new Set<string>();
  if (expr.kind === 'br' || expr.kind === 'br_if') targets.add(expr.label);
  if (expr.kind === 'br_table') [...expr.labels, expr.defaultLabel].forEach((label) => targets.add(label));
  for (const child of children(expr)) escapingTargets(child).forEach((label) => targets.add(label));
  if ((expr.kind === 'block' || expr.kind === 'loop') && expr.label !== undefined) targets.delete(expr.label);
  cache.set(expr, targets);
  return targets;
}

/** Whether anything inside `body` branches to `label`. */
export function isTargeted(label: string | undefined, body: readonly Expr[]): boolean {
  return label !== undefined && body.some((expr) => escapingTargets(expr).has(label));
}
