import { children, type Expr } from '@wasi-parallel/kernel';

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
