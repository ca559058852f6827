import type { KernelGlobal, KernelLocal } from '../ir/module.js';
import type { Expr, LoopExpr } from '../ir/types.js';
import { children } from '../ir/walk.js';
import { bounds, constant, equalForms, foldExcept, join, symbol, ITERATION_SYMBOL, type Sym } from './affine-range.js';
import { entryParam, tripSymbol, type DispatchEnv } from './dispatch-env.js';
import { analyseLoop, inductionForm, type LoopTrips } from './loop-trips.js';
import { evaluateRange, UNSET, type Lookup } from './range-eval.js';
import { exposedReads, StatementExec } from './statement-exec.js';

/** The code the dispatch analyses read: `kernel` after inlining (or a slice of it). */
export interface AnalysedFunction {
  readonly locals: readonly KernelLocal[];
  readonly body: Expr;
}

/**
 * What the dispatch analyses know about one kernel for one call's facts: each i32 local's
 * form (flow-insensitive: it covers every value the local takes), each loop's trips, and the
 * ranges of the symbols the forms use. Read by translators that specialise per call.
 */
export interface DispatchAnalysis {
  readonly env: DispatchEnv;
  readonly locals: ReadonlyMap<number, Sym>;
  readonly loops: ReadonlyMap<number, LoopTrips>;
  /** Ranges of `it`, of every bounded trip symbol, and of the loops' opaque symbols. */
  readonly symbols: ReadonlyMap<string, readonly [number, number]>;
  /**
   * Address forms of the memory accesses outside loops, from a walk of the straight-line code
   * (so a local keeps the value assigned before the access, not every value it ever takes).
   */
  readonly accessForms: ReadonlyMap<number, Sym>;
  /** The form of an i32 expression of the function, read with the locals' forms. */
  rangeOf(expr: Expr): Sym;
  global(name: string): Sym;
}

/** Rounds of the local fixed point before a local still changing is given up as any i32. */
const LOCAL_ROUNDS = 8;
/** Rounds of ranges ↔ loop bounds refinement. */
const LOOP_ROUNDS = 3;

interface Site {
  readonly loc: number;
  readonly local: number;
  readonly value: Expr;
  /** Loops around the assignment, innermost first. */
  readonly loops: readonly LoopExpr[];
}

/**
 * Every assignment with the loops around it, and every loop with the straight-line code that
 * leads to it: the statements before it in its block and in each enclosing block, up to the
 * nearest enclosing loop (whose earlier trips leave locals unknown).
 */
function collect(body: Expr): { sites: Site[]; loops: { loop: LoopExpr; preceding: Expr[]; fromStart: boolean }[] } {
  const sites: Site[] = [];
  const loops: { loop: LoopExpr; preceding: Expr[]; fromStart: boolean }[] = [];
  const visit = (expr: Expr, around: LoopExpr[], preceding: Expr[]) => {
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') sites.push({ loc: expr.loc, local: expr.local, value: expr.value, loops: around });
    if (expr.kind === 'loop') {
      loops.push({ loop: expr, preceding, fromStart: around.length === 0 });
      visit(expr.body, [expr, ...around], []);
      return;
    }
    const kids = children(expr);
    if (expr.kind === 'block') kids.forEach((child, index) => visit(child, around, [...preceding, ...kids.slice(0, index)]));
    else if (expr.kind === 'if') kids.forEach((child) => visit(child, around, preceding));
    else kids.forEach((child) => visit(child, around, []));
  };
  visit(body, [], []);
  return { sites, loops };
}

function globalForms(globals: readonly KernelGlobal[], body: Expr): (name: string) => Sym {
  const written = new Set<string>();
  const pending = [body];
  while (pending.length > 0) {
    const expr = pending.pop()!;
    if (expr.kind === 'global.set') written.add(expr.global);
    pending.push(...children(expr));
  }
  const known = new Map<string, Sym>();
  for (const global of globals) {
    // Globals start at their initial value in every iteration (each may run in its own instance).
    if (global.type === 'i32' && typeof global.init === 'number' && !written.has(global.name)) known.set(global.name, constant(global.init | 0));
  }
  return (name) => known.get(name);
}

/** A local's value when `kernel` starts: the call's value for a param, zero for the rest. */
function functionStart(local: KernelLocal, env: DispatchEnv): Sym {
  if (local.type !== 'i32') return undefined;
  if (!local.isParam) return constant(0);
  const value = entryParam(local.index, env);
  return value === ITERATION_SYMBOL ? symbol(ITERATION_SYMBOL) : constant(value);
}

/** Symbols every covering form may use: the iteration id and loop trips. */
function baseSymbol(name: string): boolean {
  return name === ITERATION_SYMBOL || name.startsWith('trip:');
}

/**
 * The form of each assignment outside loops, from a walk of the straight-line code: locals
 * start at zero (params at the call's values); what a loop assigns is opaque afterwards, with
 * the range `known` gives it. Forms keep the iteration id and trip symbols only.
 */
function pathForms(
  fn: AnalysedFunction,
  env: DispatchEnv,
  symbols: Map<string, readonly [number, number]>,
  global: (name: string) => Sym,
  known: (local: number) => Sym,
  initialValue: (local: KernelLocal) => Lookup,
): Map<number, Sym> {
  const out = new Map<number, Sym>();
  const local = new Map<string, readonly [number, number]>(symbols);
  let opaque = 0;
  new StatementExec({
    env,
    symbols: local,
    global,
    initial: (index) => {
      const value = fn.locals[index] ? initialValue(fn.locals[index]!) : undefined;
      return value === UNSET ? constant(0) : value;
    },
    fresh: (index) => {
      const name = `along:${opaque++}`;
      const range = bounds(known(index), symbols);
      if (range) local.set(name, range);
      return symbol(name);
    },
    assigned: (expr, value) => out.set(expr.loc, foldExcept(value, local, baseSymbol)),
  }).statement(fn.body, new Map());
  return out;
}

/**
 * The dispatch analysis of the `kernel` function for one call: integer ranges (with the
 * iteration id, loop trip indices and constant loads folded in), loop trips and induction
 * variables, refined against each other a few rounds.
 */
export function analyseDispatch(fn: AnalysedFunction, env: DispatchEnv, globals: readonly KernelGlobal[]): DispatchAnalysis {
  const global = globalForms(globals, fn.body);
  const { sites, loops: loopSites } = collect(fn.body);
  const assignedLocals = new Set(sites.map((site) => site.local));
  const zeroRead = exposedReads([fn.body]);
  const symbols = new Map<string, readonly [number, number]>([[ITERATION_SYMBOL, [0, Math.max(0, env.numIterations - 1)]]]);
  let loops = new Map<number, LoopTrips>();
  let locals = new Map<number, Sym>();

  const initialValue = (local: KernelLocal): Lookup => {
    if (local.type !== 'i32') return undefined;
    if (local.isParam) {
      const value = entryParam(local.index, env);
      return value === ITERATION_SYMBOL ? symbol(ITERATION_SYMBOL) : constant(value);
    }
    return zeroRead.has(local.index) ? constant(0) : UNSET;
  };

  const startValue = (local: number): Sym => {
    const value = fn.locals[local] ? initialValue(fn.locals[local]!) : undefined;
    return value === UNSET ? constant(0) : value;
  };

  for (let round = 0; round < LOOP_ROUNDS; round++) {
    // Outside loops an assignment's value is read along the path to it, so two assignments to
    // one local (a merge, in SSA form) do not feed each other the way a flow-insensitive join would.
    const along = pathForms(fn, env, symbols, global, (local) => locals.get(local), initialValue);
    const values = new Map<number, Lookup>(fn.locals.map((local) => [local.index, initialValue(local)]));
    const ctx = { env, symbols, local: (index: number) => (values.has(index) ? values.get(index)! : undefined), global };
    const inductionOf = (site: Site): Sym | null => {
      for (const loop of site.loops) {
        const trips = loops.get(loop.loc);
        if (trips?.inductions.has(site.local)) return inductionForm(trips, site.local) ?? undefined;
      }
      return null;
    };
    const changing = new Set<number>();
    // A local still changing after LOCAL_ROUNDS passes is widened to any i32, which join keeps:
    // each later pass widens another or ends, so this terminates.
    for (let pass = 0; ; pass++) {
      changing.clear();
      for (const site of sites) {
        if (fn.locals[site.local]?.type !== 'i32') continue;
        const induction = inductionOf(site);
        const value = induction !== null ? induction : site.loops.length === 0 && along.has(site.loc) ? along.get(site.loc) : evaluateRange(site.value, ctx);
        if (value === UNSET) continue;
        const before = values.has(site.local) ? values.get(site.local)! : UNSET;
        const after = before === UNSET ? value : join(before, value, symbols);
        if (before === UNSET || !equalForms(before, after)) {
          values.set(site.local, after);
          changing.add(site.local);
        }
      }
      if (changing.size === 0) break;
      if (pass >= LOCAL_ROUNDS) for (const local of changing) values.set(local, undefined);
    }
    locals = new Map([...values].map(([local, value]) => [local, value === UNSET ? (assignedLocals.has(local) ? undefined : constant(0)) : value]));

    const ranges = locals;
    const next = new Map<number, LoopTrips>();
    for (const { loop, preceding, fromStart } of loopSites) {
      next.set(loop.loc, analyseLoop(loop, preceding, { locals: fn.locals, env, ranges, symbols, global, ...(fromStart ? { initial: startValue } : {}) }));
    }
    let stable = round > 0;
    for (const [loc, trips] of next) {
      const name = tripSymbol(loc);
      const range = Number.isFinite(trips.maxTrips) ? ([0, Math.max(0, trips.maxTrips - 1)] as const) : undefined;
      const previous = symbols.get(name);
      if (range) symbols.set(name, range);
      else symbols.delete(name);
      if (previous?.[1] !== range?.[1] || loops.get(loc)?.inductions.size !== trips.inductions.size) stable = false;
      for (const [symbolName, symbolRange] of trips.symbols) if (!symbolName.startsWith('trip:')) symbols.set(symbolName, symbolRange);
    }
    loops = next;
    if (stable) break;
  }
  const finalCtx = { env, symbols, local: (index: number) => locals.get(index), global };
  const accessForms = new Map<number, Sym>();
  let opaque = 0;
  const walkHooks = {
    env,
    symbols,
    global,
    // Locals start at zero in every call of `kernel`; params hold the call's values.
    initial: (local: number): Sym => {
      const value = fn.locals[local] ? initialValue(fn.locals[local]!) : undefined;
      return value === UNSET ? constant(0) : value;
    },
    fresh: (local: number): Sym => {
      const name = `path:${opaque++}`;
      const range = bounds(locals.get(local), symbols);
      if (range) symbols.set(name, range);
      return symbol(name);
    },
    access: (expr: Expr, address: Sym) => accessForms.set(expr.loc, address),
  };
  new StatementExec(walkHooks).statement(fn.body, new Map());
  return {
    env,
    locals,
    loops,
    symbols,
    accessForms,
    rangeOf: (expr) => {
      const value = evaluateRange(expr, finalCtx);
      return value === UNSET ? undefined : value;
    },
    global,
  };
}

/**
 * The trips of every loop of `fn`, a slice of the function `analysis` describes (a slice keeps
 * the values of what it keeps, so the analysis' ranges hold for it).
 */
export function analyseLoopsOf(fn: AnalysedFunction, analysis: DispatchAnalysis): Map<number, LoopTrips> {
  const out = new Map<number, LoopTrips>();
  for (const { loop, preceding, fromStart } of collect(fn.body).loops) {
    const start = (local: number): Sym => {
      const value = fn.locals[local] ? functionStart(fn.locals[local]!, analysis.env) : undefined;
      return value ?? undefined;
    };
    out.set(loop.loc, analyseLoop(loop, preceding, { locals: fn.locals, env: analysis.env, ranges: analysis.locals, symbols: analysis.symbols, global: analysis.global, ...(fromStart ? { initial: start } : {}) }));
  }
  return out;
}
