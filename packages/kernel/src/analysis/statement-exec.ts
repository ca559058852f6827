import type { Expr } from '../ir/types.js';
import { children, walk } from '../ir/walk.js';
import { add, constant, equalForms, scale, symbol, type Sym, type SymbolRanges } from './affine-range.js';
import type { DispatchEnv } from './dispatch-env.js';
import { evaluateRange, UNSET } from './range-eval.js';

/** Locals' forms at a point of a straight-line walk; a missing local reads as `initial(local)`. */
export type State = Map<number, Sym>;

const STRUCTURAL = new Set(['block', 'loop', 'if']);

/** Whether `expr` contains a branch, return or trap that may leave it. */
export function mayLeave(expr: Expr): boolean {
  const inner = new Set<string>();
  walk(expr, (e) => {
    if ((e.kind === 'block' || e.kind === 'loop') && e.label) inner.add(e.label);
  });
  let leaves = false;
  walk(expr, (e) => {
    if (e.kind === 'br' || e.kind === 'br_if') leaves ||= !inner.has(e.label);
    else if (e.kind === 'br_table') leaves ||= [...e.labels, e.defaultLabel].some((label) => !inner.has(label));
    else if (e.kind === 'return' || e.kind === 'unreachable') leaves = true;
  });
  return leaves;
}

/** Every local assigned anywhere inside `expr`. */
export function assignedLocals(expr: Expr): Set<number> {
  const out = new Set<number>();
  walk(expr, (e) => {
    if (e.kind === 'local.set' || e.kind === 'local.tee') out.add(e.local);
  });
  return out;
}

/** A memory access's address operand and static offset, for the expressions that have one. */
export function accessAddress(expr: Expr): { ptr: Expr; offset: number } | undefined {
  switch (expr.kind) {
    case 'load':
    case 'store':
    case 'atomic.rmw':
    case 'atomic.cmpxchg':
    case 'simd.load':
    case 'simd.load_lane':
    case 'simd.store_lane':
      return { ptr: expr.ptr, offset: expr.offset };
    default:
      return undefined;
  }
}

export interface ExecHooks {
  readonly env: DispatchEnv;
  readonly symbols: SymbolRanges;
  /** The form of a local nothing in the walk has assigned yet. */
  initial(local: number): Sym;
  /** A fresh opaque form for a local whose value the walk cannot follow. */
  fresh(local: number): Sym;
  global(name: string): Sym;
  /** Called with the address form of every memory access the walk passes. */
  access?(expr: Expr, address: Sym): void;
  /** Called with the form of every value assigned to a local, where it is assigned. */
  assigned?(expr: Expr, value: Sym): void;
}

/**
 * Symbolic execution of straight-line code: local.set updates the state; a nested block, if
 * or loop is walked (so accesses inside are seen with the best state known there) and leaves
 * every local it may or may not have assigned opaque.
 */
export class StatementExec {
  constructor(readonly hooks: ExecHooks) {}

  value(expr: Expr, state: State): Sym {
    const result = evaluateRange(expr, {
      env: this.hooks.env,
      symbols: this.hooks.symbols,
      local: (index) => (state.has(index) ? state.get(index) : this.hooks.initial(index)),
      global: (name) => this.hooks.global(name),
    });
    return result === UNSET ? undefined : result;
  }

  run(statements: readonly Expr[], state: State): void {
    for (const statement of statements) this.statement(statement, state);
  }

  statement(expr: Expr, state: State): void {
    switch (expr.kind) {
      case 'block': {
        this.run(expr.body, state);
        if (mayLeave(expr)) this.forget(assignedLocals(expr), state);
        return;
      }
      case 'if': {
        this.accesses(expr.condition, state);
        const whenTrue = new Map(state);
        const whenFalse = new Map(state);
        this.statement(expr.then, whenTrue);
        if (expr.else) this.statement(expr.else, whenFalse);
        for (const local of new Set([...assignedLocals(expr.then), ...(expr.else ? assignedLocals(expr.else) : [])])) {
          const [a, b] = [whenTrue.get(local), whenFalse.has(local) ? whenFalse.get(local) : this.hooks.initial(local)];
          state.set(local, equalForms(a, b) ? a : this.hooks.fresh(local));
        }
        return;
      }
      case 'loop': {
        // Each trip may see any value the loop assigns: unknown inside and after.
        const assigned = assignedLocals(expr);
        this.forget(assigned, state);
        this.statement(expr.body, new Map(state));
        this.forget(assigned, state);
        return;
      }
      case 'local.set':
      case 'local.tee': {
        this.accesses(expr.value, state);
        const value = this.value(expr.value, state);
        this.hooks.assigned?.(expr, value);
        state.set(expr.local, value ?? this.hooks.fresh(expr.local));
        return;
      }
      default:
        this.accesses(expr, state);
    }
  }

  /** Reports the addresses of the accesses inside a non-structural expression. */
  accesses(expr: Expr, state: State): void {
    if (!this.hooks.access) return;
    const pending = [expr];
    while (pending.length > 0) {
      const e = pending.pop()!;
      if (STRUCTURAL.has(e.kind)) continue;
      const address = accessAddress(e);
      if (address) this.hooks.access(e, add(this.value(address.ptr, state), constant(address.offset)));
      pending.push(...children(e));
    }
  }

  forget(locals: Iterable<number>, state: State): void {
    for (const local of locals) state.set(local, this.hooks.fresh(local));
  }
}

/**
 * Locals a statement list reads before it has surely assigned them: in a loop body, the values
 * a trip takes over from the previous trip (or from before the loop).
 */
export function exposedReads(statements: readonly Expr[]): Set<number> {
  const exposed = new Set<number>();
  const visit = (expr: Expr, assigned: Set<number>): Set<number> => {
    switch (expr.kind) {
      case 'local.get':
        if (!assigned.has(expr.local)) exposed.add(expr.local);
        return assigned;
      case 'local.set':
      case 'local.tee': {
        const after = visit(expr.value, assigned);
        return new Set([...after, expr.local]);
      }
      case 'if': {
        const afterCondition = visit(expr.condition, assigned);
        const whenTrue = visit(expr.then, new Set(afterCondition));
        const whenFalse = expr.else ? visit(expr.else, new Set(afterCondition)) : afterCondition;
        return new Set([...whenTrue].filter((local) => whenFalse.has(local)));
      }
      case 'block':
      case 'loop': {
        // After the construct only what was assigned before anything could branch out is sure.
        let inside = new Set(assigned);
        let sure: Set<number> | undefined;
        for (const child of expr.kind === 'block' ? expr.body : [expr.body]) {
          if (sure === undefined && mayLeave(child)) sure = new Set(inside);
          inside = visit(child, inside);
        }
        return sure ?? inside;
      }
      default: {
        let current = assigned;
        for (const child of children(expr)) current = visit(child, current);
        return current;
      }
    }
  };
  let assigned = new Set<number>();
  for (const statement of statements) assigned = visit(statement, assigned);
  return exposed;
}

/** Replaces symbols by forms: `map(symbol)` returns the form, or null to keep the symbol. */
export function substitute(form: Sym, map: (name: string) => Sym | null): Sym {
  if (!form) return undefined;
  let result: Sym = { terms: {}, lo: form.lo, hi: form.hi, align: form.align };
  for (const [name, coeff] of Object.entries(form.terms)) {
    const replacement = map(name);
    const term: Sym = replacement === null ? symbol(name, coeff) : scale(replacement, coeff);
    result = add(result, term);
    if (!result) return undefined;
  }
  return result;
}
