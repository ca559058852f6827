import { children, walk, type Expr, type KernelFunction } from '@wasi-parallel/kernel';

/** What one kernel keeps: the statements it exists for, and which parts of a statement it reads. */
export interface SliceCriteria {
  /** A statement the kernel needs for itself (a store to its buffer, a check). */
  isRoot(statement: Expr): boolean;
  /** The operands of a kept statement whose values the kernel needs (default: all of them). */
  uses?(statement: Expr): readonly Expr[];
}

const STRUCTURAL = new Set(['block', 'loop', 'if']);

/** The statement lists of structured code: children that are statements, not operands. */
function statementChildren(s: Expr): Expr[] {
  switch (s.kind) {
    case 'block':
      return [...s.body];
    case 'loop':
      return [s.body];
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    default:
      return [];
  }
}

function reads(e: Expr, locals: Set<number>, globals: Set<string>): void {
  walk(e, (inner) => {
    if (inner.kind === 'local.get') locals.add(inner.local);
    if (inner.kind === 'global.get') globals.add(inner.global);
  });
}

/**
 * A copy of `fn` with only the statements a kernel needs: its roots, the assignments their
 * values come from, the control flow around them and every branch that decides whether they
 * run, and `return`/`unreachable` (they end the iteration). Iterated to a fixed point.
 */
export function sliceFunction(fn: KernelFunction, criteria: SliceCriteria): KernelFunction {
  const parent = new Map<Expr, Expr>();
  const labelled = new Map<string, Expr>();
  const all: Expr[] = [];
  const visit = (s: Expr) => {
    all.push(s);
    if ((s.kind === 'block' || s.kind === 'loop') && s.label) labelled.set(s.label, s);
    for (const child of statementChildren(s)) {
      parent.set(child, s);
      visit(child);
    }
  };
  visit(fn.body);
  const kept = new Set<Expr>();
  const locals = new Set<number>();
  const globals = new Set<string>();
  const keep = (s: Expr): boolean => {
    if (kept.has(s)) return false;
    for (let at: Expr | undefined = s; at && !kept.has(at); at = parent.get(at)) {
      kept.add(at);
      if (at.kind === 'if') reads(at.condition, locals, globals);
    }
    if (!STRUCTURAL.has(s.kind)) for (const use of criteria.uses?.(s) ?? children(s)) reads(use, locals, globals);
    return true;
  };
  for (const s of all) {
    if (!STRUCTURAL.has(s.kind) && (criteria.isRoot(s) || s.kind === 'return' || s.kind === 'unreachable')) keep(s);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of all) {
      if (kept.has(s) || STRUCTURAL.has(s.kind)) continue;
      const assigns = (s.kind === 'local.set' || s.kind === 'local.tee') && locals.has(s.local);
      const setsGlobal = s.kind === 'global.set' && globals.has(s.global);
      const targets = s.kind === 'br' || s.kind === 'br_if' ? [s.label] : s.kind === 'br_table' ? [...s.labels, s.defaultLabel] : [];
      const decides = targets.some((label) => {
        const target = labelled.get(label);
        return target !== undefined && kept.has(target);
      });
      if (assigns || setsGlobal || decides) changed = keep(s) || changed;
    }
  }
  const rebuild = (s: Expr): Expr => {
    switch (s.kind) {
      case 'block':
        return { ...s, body: s.body.filter((child) => kept.has(child)).map(rebuild) };
      case 'loop':
        return { ...s, body: kept.has(s.body) ? rebuild(s.body) : { kind: 'nop', type: 'none', loc: s.body.loc } };
      case 'if': {
        const then = kept.has(s.then) ? rebuild(s.then) : ({ kind: 'nop', type: 'none', loc: s.then.loc } as Expr);
        return { ...s, then, else: s.else && kept.has(s.else) ? rebuild(s.else) : undefined };
      }
      default:
        return s;
    }
  };
  return { ...fn, body: kept.has(fn.body) ? rebuild(fn.body) : { kind: 'nop', type: 'none', loc: fn.body.loc } };
}
