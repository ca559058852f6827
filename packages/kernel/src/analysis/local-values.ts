import type { KernelFunction } from '../ir/module.js';
import { walk } from '../ir/walk.js';
import { FRONT_END_LIMITS } from '../limits.js';
import { BOTTOM, constant, equal, join, scalar, unknown, type AbstractValue, type Lattice } from './abstract-value.js';
import { assignments, entryParamValue, evaluate, type EvalContext } from './evaluate.js';

/** Locals whose first appearance in the body is a read: their implicit zero is a real value. */
function readBeforeWritten(fn: KernelFunction): Set<number> {
  const seen = new Set<number>();
  const zeroRead = new Set<number>();
  walk(fn.body, (expr) => {
    if (expr.kind === 'local.get' && !seen.has(expr.local)) zeroRead.add(expr.local);
    if (expr.kind === 'local.get' || expr.kind === 'local.set' || expr.kind === 'local.tee') seen.add(expr.local);
  });
  return zeroRead;
}

/**
 * A flow-insensitive fixed point: each local's value is the join of everything ever assigned
 * to it (and of its initial value). Sound for any control flow; exact for the locals a
 * compiler assigns once, which are the ones addresses are built from.
 */
export function localValues(
  fn: KernelFunction,
  isEntry: boolean,
  stackPointerGlobal: string | undefined,
  globals?: ReadonlyMap<string, AbstractValue>,
): Map<number, Lattice> {
  const locals = new Map<number, Lattice>();
  const zeroRead = readBeforeWritten(fn);
  for (const local of fn.locals) {
    if (local.isParam) {
      locals.set(local.index, isEntry ? entryParamValue(local.index) : unknown(`it is a param of \`${fn.name}\``));
    } else {
      locals.set(local.index, zeroRead.has(local.index) ? constant(0) : BOTTOM);
    }
  }
  const sets = assignments(fn);
  const ctx: EvalContext = { locals, isEntry, stackPointerGlobal, ...(globals ? { globals } : {}) };
  for (let round = 0; ; round++) {
    let changed = false;
    for (const { local, value } of sets) {
      const before = locals.get(local) ?? BOTTOM;
      const after = join(before, evaluate(value, ctx));
      if (!equal(before, after)) {
        locals.set(local, after);
        changed = true;
      }
    }
    if (!changed) break;
    if (round >= FRONT_END_LIMITS.MAX_ANALYSIS_ROUNDS) {
      for (const { local } of sets) locals.set(local, unknown('the analysis did not converge'));
      break;
    }
  }
  for (const [index, value] of locals) if (value === BOTTOM) locals.set(index, scalar());
  return locals;
}
