import type { KernelLocal } from '../ir/module.js';
import type { Expr, LoadExpr, LoopExpr } from '../ir/types.js';
import { walk } from '../ir/walk.js';
import {
  add,
  bounds,
  constant,
  constantValue,
  fitsSigned,
  fitsUnsigned,
  isExact,
  lowBit,
  sub,
  symbol,
  ITERATION_SYMBOL,
  type AffineRange,
  type Sym,
  type SymbolRanges,
} from './affine-range.js';
import { entrySymbol, tripSymbol, type DispatchEnv } from './dispatch-env.js';
import { assignedLocals, exposedReads, mayLeave, StatementExec, substitute, type State } from './statement-exec.js';

/** Offsets in [lo, hi], each a multiple of align. */
export interface Slack {
  readonly lo: number;
  readonly hi: number;
  readonly align: number;
}

export type ComparisonOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** A top-level `br_if` of a loop body, as a comparison of two forms. */
export interface LoopCondition {
  /** The `br_if`'s loc. */
  readonly loc: number;
  /** Its position among the body's top-level statements. */
  readonly index: number;
  /** `exit` leaves the loop when the comparison holds; `continue` (the back edge) starts the next trip. */
  readonly role: 'exit' | 'continue';
  readonly op: ComparisonOp;
  /** Whether the comparison reads its operands as unsigned (`lt_u`); false for eq/ne. */
  readonly unsigned: boolean;
  /** Operands over `entry:<local>` symbols (locals' values when the loop is entered), the trip symbol and `it`. */
  readonly left: AffineRange;
  readonly right: AffineRange;
}

/** What one loop does per trip, for collapsing it and for bounding its counters. */
export interface LoopTrips {
  readonly loc: number;
  readonly label: string | undefined;
  /** The body's top-level statements (the children of the body block). */
  readonly statements: readonly Expr[];
  /** Locals a trip reads before assigning them and that the loop assigns: the state carried between trips. */
  readonly carried: ReadonlySet<number>;
  /** Every local the loop assigns. */
  readonly assigned: ReadonlySet<number>;
  /** Carried locals whose value steps by a constant each trip: local → step. */
  readonly inductions: ReadonlyMap<number, number>;
  /**
   * Carried locals that every trip sets to a load (a value rotated to the next trip, as compilers
   * keep a neighbour's element): at the start of trip j > 0 the local holds that load made at
   * trip j − 1. The address form is over entry symbols, `it` and the trip symbol.
   */
  readonly loadCarried: ReadonlyMap<number, { readonly load: LoadExpr; readonly address: AffineRange }>;
  /** The offsets from its trip-start value an induction local takes during a trip. */
  readonly slack: ReadonlyMap<number, Slack>;
  /** The back edge is the last top-level statement (but for a branch out after it) and nothing else restarts the loop. */
  readonly regular: boolean;
  /** How many top-level statements end the trip after the back edge (unconditional branches out). */
  readonly tail: number;
  /** Something other than a top-level `br_if` can leave the loop (a nested branch, a return, a trap). */
  readonly nestedExits: boolean;
  readonly conditions: readonly LoopCondition[];
  /** Address forms of the memory accesses inside (by loc), over entry symbols, the trip symbol and `it`. */
  readonly accesses: ReadonlyMap<number, Sym>;
  /** Each local's value when the loop is entered, over `it` and opaque symbols with known ranges. */
  readonly entry: (local: number) => Sym;
  /** Ranges of the opaque symbols in `entry` forms. */
  readonly symbols: SymbolRanges;
  /** The most trips a run of the loop can make (Infinity when nothing bounds it). */
  readonly maxTrips: number;
  /**
   * What bounds `maxTrips`: its conditions, or (with `DispatchEnv.storesChecked`) a top-level
   * store that would leave its buffer after that many trips, so the bound holds only in runs
   * whose stores are checked.
   */
  readonly boundBy: 'conditions' | 'stores' | 'none';
}

export interface LoopContext {
  readonly locals: readonly KernelLocal[];
  readonly env: DispatchEnv;
  /** Each local's flow-insensitive form (from `integerRanges`), over `it` and trip symbols. */
  readonly ranges: ReadonlyMap<number, Sym>;
  /** Ranges of `it` and of the trip symbols bounded so far. */
  readonly symbols: SymbolRanges;
  global(name: string): Sym;
  /**
   * When the statements before the loop run from the start of `kernel` (no loop around it):
   * the value a local has there, so one nothing assigns before the loop is known exactly.
   */
  initial?(local: number): Sym;
}

const NEGATE: Record<ComparisonOp, ComparisonOp> = { eq: 'ne', ne: 'eq', lt: 'ge', ge: 'lt', le: 'gt', gt: 'le' };
const COMPARE = /^i32\.(eq|ne|lt|le|gt|ge)(_([su]))?$/;

/** A condition as `left op right`; a bare value v is `v != 0`. */
function comparisonOf(expr: Expr, exec: StatementExec, state: State): { op: ComparisonOp; unsigned: boolean; left: Sym; right: Sym } {
  if (expr.kind === 'unary' && expr.op === 'i32.eqz') {
    const inner = comparisonOf(expr.value, exec, state);
    if (expr.value.kind === 'binary' && COMPARE.test(expr.value.op)) return { ...inner, op: NEGATE[inner.op] };
    return { op: 'eq', unsigned: false, left: exec.value(expr.value, state), right: constant(0) };
  }
  const match = expr.kind === 'binary' ? COMPARE.exec(expr.op) : null;
  if (match && expr.kind === 'binary') {
    return { op: match[1] as ComparisonOp, unsigned: match[3] === 'u', left: exec.value(expr.left, state), right: exec.value(expr.right, state) };
  }
  return { op: 'ne', unsigned: false, left: exec.value(expr, state), right: constant(0) };
}

/** The first trip at whose condition the loop surely stops, or Infinity. */
function stoppingTrip(op: ComparisonOp, unsigned: boolean, left: Sym, right: Sym, trip: string, symbols: Map<string, readonly [number, number]>): number {
  const difference = sub(left, right);
  if (!difference) return Infinity;
  const c = difference.terms[trip] ?? 0;
  const rest = bounds({ ...difference, terms: Object.fromEntries(Object.entries(difference.terms).filter(([name]) => name !== trip)) }, symbols);
  if (!rest || c === 0) return Infinity;
  const [lo, hi] = rest;
  let stop: number;
  switch (op) {
    case 'lt':
      stop = c > 0 ? Math.ceil(-lo / c) : Infinity;
      break;
    case 'le':
      stop = c > 0 ? Math.floor(-lo / c) + 1 : Infinity;
      break;
    case 'gt':
      stop = c < 0 ? Math.ceil(hi / -c) : Infinity;
      break;
    case 'ge':
      stop = c < 0 ? Math.floor(hi / -c) + 1 : Infinity;
      break;
    case 'eq':
      stop = 1;
      break;
    case 'ne': {
      // It stops only by hitting zero exactly: certain for a unit step towards zero from the right side.
      if (lo === hi && Number.isInteger(-lo / c) && -lo / c >= 0) stop = -lo / c;
      else if (c === 1 && hi <= 0) stop = -lo;
      else if (c === -1 && lo >= 0) stop = hi;
      else stop = Infinity;
      break;
    }
  }
  stop = Math.max(0, stop);
  if (!Number.isFinite(stop)) return Infinity;
  // The comparison must read its operands as the exact values over those trips (no wrapping).
  const within = new Map(symbols).set(trip, [0, stop] as const);
  const fits = op === 'eq' || op === 'ne' ? (v: Sym) => fitsSigned(v, within) || fitsUnsigned(v, within) : unsigned ? fitsUnsigned : fitsSigned;
  return fits(left, within) && fits(right, within) ? stop : Infinity;
}

/** Analyses one loop. `preceding` are the statements before it in its parent block. */
export function analyseLoop(loop: LoopExpr, preceding: readonly Expr[], ctx: LoopContext): LoopTrips {
  const statements = loop.body.kind === 'block' ? loop.body.body : [loop.body];
  const trip = tripSymbol(loop.loc);
  const symbols = new Map(ctx.symbols);
  let opaque = 0;
  const freshSymbol = (local: number): Sym => {
    const name = `opq:${loop.loc}:${opaque++}`;
    const range = bounds(ctx.ranges.get(local), ctx.symbols);
    if (range) symbols.set(name, range);
    return symbol(name);
  };
  // Before the loop: a local whose one value for the whole iteration is known is that value.
  const preSymbol = (local: number): Sym => {
    if (ctx.initial) return ctx.initial(local);
    const known = ctx.ranges.get(local);
    if (isExact(known) && Object.keys(known.terms).every((name) => name === ITERATION_SYMBOL)) return known;
    const name = `pre:${loop.loc}:${local}`;
    const range = bounds(known, ctx.symbols);
    if (range) symbols.set(name, range);
    return symbol(name);
  };
  const hooks = { env: ctx.env, symbols, fresh: freshSymbol, global: (name: string) => ctx.global(name) };
  const entryState: State = new Map();
  new StatementExec({ ...hooks, initial: preSymbol }).run(preceding, entryState);
  const entry = (local: number): Sym => (entryState.has(local) ? entryState.get(local) : preSymbol(local));
  const fromEntry = (form: Sym): Sym => substitute(form, (name) => (name.startsWith('entry:') ? entry(Number(name.slice('entry:'.length))) : null));

  const assigned = assignedLocals(loop.body);
  const carried = new Set([...exposedReads(statements)].filter((local) => assigned.has(local)));
  const tripExec = (start: (local: number) => Sym, access?: (expr: Expr, address: Sym) => void) =>
    new StatementExec({ ...hooks, initial: (local) => (carried.has(local) ? start(local) : symbol(entrySymbol(local))), ...(access ? { access } : {}) });

  // Pass 1 (trip 0) finds each carried local's step; pass 2 checks it holds on every trip.
  const inductions = new Map<number, number>();
  const firstTrip: State = new Map();
  tripExec((local) => symbol(entrySymbol(local))).run(statements, firstTrip);
  for (const local of carried) {
    const step = constantValue(fromEntry(sub(firstTrip.get(local), symbol(entrySymbol(local)))));
    if (step !== undefined) inductions.set(local, step);
  }
  const startOf = (local: number): Sym =>
    inductions.has(local) ? add(symbol(entrySymbol(local)), symbol(trip, inductions.get(local)!)) : freshSymbol(local);
  const accesses = new Map<number, Sym>();
  const conditions: LoopCondition[] = [];
  const slack = new Map<number, Slack>([...inductions].map(([local, step]) => [local, { lo: Math.min(0, step), hi: Math.max(0, step), align: lowBit(step) }]));
  const exec = tripExec(startOf, (expr, address) => accesses.set(expr.loc, address));
  const state: State = new Map();
  // Which locals hold a load made in this trip (through copies), for loop-carried loads.
  const loadDefs = new Map<number, LoadExpr>();
  const trackLoads = (statement: Expr) => {
    if (statement.kind === 'block' && !mayLeave(statement)) return statement.body.forEach(trackLoads);
    if (statement.kind !== 'local.set' && statement.kind !== 'local.tee') {
      for (const local of assignedLocals(statement)) loadDefs.delete(local);
      return;
    }
    const { value } = statement;
    if (value.kind === 'load' && !value.atomic) loadDefs.set(statement.local, value);
    else if (value.kind === 'local.get' && loadDefs.has(value.local)) loadDefs.set(statement.local, loadDefs.get(value.local)!);
    else loadDefs.delete(statement.local);
  };
  statements.forEach((statement, index) => {
    if (statement.kind === 'br_if') {
      const cond = comparisonOf(statement.condition, exec, state);
      if (cond.left && cond.right) {
        conditions.push({ loc: statement.loc, index, role: statement.label === loop.label ? 'continue' : 'exit', ...cond, left: cond.left, right: cond.right });
      }
    }
    exec.statement(statement, state);
    trackLoads(statement);
    for (const [local, range] of slack) {
      if (!state.has(local)) continue;
      const offset = constantValue(fromEntry(sub(state.get(local), startOf(local))));
      if (offset === undefined) inductions.delete(local);
      else slack.set(local, { lo: Math.min(range.lo, offset), hi: Math.max(range.hi, offset), align: Math.min(range.align, lowBit(offset)) });
    }
  });
  for (const [local, step] of [...inductions]) {
    const end = state.has(local) ? state.get(local) : startOf(local);
    const expected = add(symbol(entrySymbol(local)), add(symbol(trip, step), constant(step)));
    if (constantValue(fromEntry(sub(end, expected))) !== 0) inductions.delete(local);
  }
  for (const local of slack.keys()) if (!inductions.has(local)) slack.delete(local);
  const loadCarried = new Map<number, { load: LoadExpr; address: AffineRange }>();
  for (const local of carried) {
    const load = inductions.has(local) ? undefined : loadDefs.get(local);
    const address = load && accesses.get(load.loc);
    if (load && isExact(address)) loadCarried.set(local, { load, address });
  }

  let restarts = 0;
  let nestedExits = false;
  const inner = new Set<string>();
  walk(loop.body, (e) => {
    if ((e.kind === 'block' || e.kind === 'loop') && e.label) inner.add(e.label);
  });
  // After the back edge a loop may end with an unconditional branch out (`br_if $loop …; br $out`):
  // that branch is where the loop exits to, not an exit in the middle of a trip.
  let backEdge = statements.length - 1;
  while (backEdge >= 0 && statements[backEdge]!.kind === 'br' && (statements[backEdge] as { label: string }).label !== loop.label) backEdge--;
  const tail = new Set(statements.slice(backEdge + 1).map((s) => s.loc));
  const topLevel = new Set(statements.filter((s) => s.kind === 'br_if').map((s) => s.loc));
  walk(loop.body, (e) => {
    const targets = e.kind === 'br' || e.kind === 'br_if' ? [e.label] : e.kind === 'br_table' ? [...e.labels, e.defaultLabel] : [];
    restarts += targets.filter((label) => label === loop.label).length;
    const leaves = targets.some((label) => label !== loop.label && (!inner.has(label) || (loop.body.kind === 'block' && label === loop.body.label)));
    if ((leaves && !topLevel.has(e.loc) && !tail.has(e.loc)) || e.kind === 'return' || e.kind === 'unreachable') nestedExits = true;
  });
  const last = statements[backEdge];
  const regular = restarts === 1 && last !== undefined && (last.kind === 'br' || last.kind === 'br_if') && last.label === loop.label;

  let maxTrips = Infinity;
  for (const cond of conditions) {
    const op = cond.role === 'continue' ? cond.op : NEGATE[cond.op];
    const stop = stoppingTrip(op, cond.unsigned, fromEntry(cond.left), fromEntry(cond.right), trip, symbols);
    maxTrips = Math.min(maxTrips, stop + 1);
  }
  const storeTrips = ctx.env.storesChecked && regular ? tripsWithinBuffers(statements, accesses, fromEntry, trip, symbols, ctx.env) : Infinity;
  const boundBy = storeTrips < maxTrips ? 'stores' : Number.isFinite(maxTrips) ? 'conditions' : 'none';
  maxTrips = Math.min(maxTrips, storeTrips);
  return {
    loc: loop.loc,
    label: loop.label,
    statements,
    carried,
    assigned,
    inductions,
    loadCarried,
    slack,
    regular,
    tail: statements.length - 1 - backEdge,
    nestedExits,
    conditions,
    accesses,
    entry: (local) => fromEntry(symbol(entrySymbol(local))),
    symbols,
    maxTrips,
    boundBy,
  };
}

/**
 * Trips a loop can make before a store it makes on every trip (a top-level one) leaves the
 * buffer it starts in; the trip that would is counted (it starts, and its store is refused).
 */
function tripsWithinBuffers(
  statements: readonly Expr[],
  accesses: ReadonlyMap<number, Sym>,
  fromEntry: (form: Sym) => Sym,
  trip: string,
  symbols: SymbolRanges,
  env: DispatchEnv,
): number {
  let best = Infinity;
  // Stores a trip always makes: top-level ones, and those in blocks nothing leaves early.
  const always: Expr[] = [];
  const gather = (list: readonly Expr[]) => {
    for (const statement of list) {
      if (statement.kind === 'block' && !mayLeave(statement)) gather(statement.body);
      else always.push(statement);
    }
  };
  gather(statements);
  for (const statement of always) {
    if (statement.kind !== 'store') continue;
    const form = fromEntry(accesses.get(statement.loc));
    const k = form?.terms[trip] ?? 0;
    const first = form && bounds({ ...form, terms: Object.fromEntries(Object.entries(form.terms).filter(([name]) => name !== trip)) }, symbols);
    if (!first || k === 0) continue;
    const index = env.storesChecked?.get(statement.loc);
    const buffer = index === undefined ? undefined : env.buffers[index];
    if (!buffer) continue;
    const room = k > 0 ? buffer.pointer + buffer.length - statement.bytes - first[0] : first[1] - buffer.pointer;
    best = Math.min(best, Math.floor(room / Math.abs(k)) + 2);
  }
  return best;
}

/** The form of an induction local anywhere in or after its loop, for the range analysis. */
export function inductionForm(loop: LoopTrips, local: number): Sym {
  const step = loop.inductions.get(local);
  const slack = loop.slack.get(local);
  const start = loop.entry(local);
  if (step === undefined || !slack || !start) return undefined;
  return add(add(start, symbol(tripSymbol(loop.loc), step)), { terms: {}, lo: slack.lo, hi: slack.hi, align: slack.align });
}
