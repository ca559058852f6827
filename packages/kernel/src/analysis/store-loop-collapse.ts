import type { Expr } from '../ir/types.js';
import { children, walk } from '../ir/walk.js';
import { fitsSigned, fitsUnsigned, isExact, sub, ITERATION_SYMBOL, type AffineRange, type Sym, type SymbolRanges } from './affine-range.js';
import { tripSymbol } from './dispatch-env.js';
import type { LoopCondition, LoopTrips } from './loop-trips.js';
import { exposedReads, substitute } from './statement-exec.js';

/**
 * How to run only the trip of a store loop that writes a given byte: trip j's stores cover
 * [start + stride·j, start + stride·j + span), so the byte at T is written by trip
 * floor((T − start) / stride) if any, and that trip is reached when every condition in
 * `conditions` lets trips 0 … j−1 through. The induction locals then hold entry + step·j.
 */
export interface CollapsePlan {
  readonly loop: number;
  /** The counters the loop carries from trip to trip, with their steps. */
  readonly steps: ReadonlyMap<number, number>;
  /** The loads the loop carries: at trip j > 0, reload from the address at trip j − 1 (see LoopTrips.loadCarried). */
  readonly reloads: LoopTrips['loadCarried'];
  /** First byte the stores of trip 0 write, over `entry:<local>` symbols and `it`. */
  readonly start: AffineRange;
  /** Bytes the stores move per trip. */
  readonly stride: number;
  /** Bytes one trip's stores span from its start (at most `stride`). */
  readonly span: number;
  /** The top-level exits and the back edge, over entry symbols, `it` and the trip symbol. */
  readonly conditions: readonly LoopCondition[];
  /** Top-level statements after the back edge (branches out), run when the loop ends. */
  readonly tail: number;
}

const RUNTIME_SYMBOL = (name: string) => name === ITERATION_SYMBOL || name.startsWith('entry:');

function onlyRuntimeSymbols(form: AffineRange, trip: string): boolean {
  return Object.keys(form.terms).every((name) => name === trip || RUNTIME_SYMBOL(name));
}

/** The loc just past the end of an expression (pre-order locs are contiguous per subtree). */
function endLoc(expr: Expr): number {
  let last = expr.loc;
  walk(expr, (e) => (last = Math.max(last, e.loc)));
  return last + 1;
}

/**
 * Whether any of `locals` may be read after the loop ends with the value it left there: a read
 * later in the function, or one at the top of an enclosing loop's next trip.
 */
export function readAfterLoop(body: Expr, loop: Expr, locals: ReadonlySet<number>): boolean {
  const end = endLoc(loop);
  let read = false;
  walk(body, (e) => (read ||= e.kind === 'local.get' && e.loc >= end && locals.has(e.local)));
  if (read) return true;
  const enclosing: Expr[] = [];
  const find = (expr: Expr, around: Expr[]): boolean => {
    if (expr === loop) {
      enclosing.push(...around);
      return true;
    }
    return children(expr).some((child) => find(child, expr.kind === 'loop' ? [...around, expr] : around));
  };
  find(body, []);
  return enclosing.some((outer) => {
    if (outer.kind !== 'loop') return false;
    const statements = outer.body.kind === 'block' ? outer.body.body : [outer.body];
    return [...exposedReads(statements)].some((local) => locals.has(local));
  });
}

/**
 * The plan for collapsing `trips` (analysed on the code that computes one buffer) to the one
 * trip that writes a byte, or why it cannot be: the loop carries state other than counters,
 * has branches besides its top-level exits, its stores do not advance by a fixed stride that
 * separates trips, or what it assigns is read after it.
 */
export function collapseStoreLoop(
  trips: LoopTrips,
  stores: ReadonlyMap<number, number>,
  body: Expr,
  loop: Expr,
  symbols: SymbolRanges,
): CollapsePlan | string {
  const trip = tripSymbol(trips.loc);
  if (!trips.regular || trips.nestedExits) return 'it has branches besides its top-level exits and its back edge';
  const notCounter = [...trips.carried].find((local) => !trips.inductions.has(local) && !trips.loadCarried.has(local));
  if (notCounter !== undefined) return `local ${notCounter} carries a value from trip to trip that is neither a counter nor a load`;
  const reloadFrom = [...trips.loadCarried.values()].find(({ address }) => !onlyRuntimeSymbols(address, trip));
  if (reloadFrom) return `the load at instruction ${reloadFrom.load.loc} it carries to the next trip has an address computed in the trip`;
  const sites = [...stores].filter(([loc]) => trips.accesses.has(loc));
  if (sites.length === 0) return 'it stores nothing to the buffer';
  let stride: number | undefined;
  const forms: { form: AffineRange; bytes: number }[] = [];
  for (const [loc, bytes] of sites) {
    const form = trips.accesses.get(loc);
    if (!isExact(form) || !onlyRuntimeSymbols(form, trip)) return `the address of the store at instruction ${loc} is not affine in the trip`;
    const k = form.terms[trip] ?? 0;
    if (k <= 0 || (stride !== undefined && k !== stride)) return `the store at instruction ${loc} does not advance by one positive stride per trip`;
    stride = k;
    forms.push({ form, bytes });
  }
  const reference = forms[0]!.form;
  // Distances between the stores, with the locals' entry values put in (copies of one pointer are one pointer).
  const entry = (form: Sym) => substitute(form, (name) => (name.startsWith('entry:') ? trips.entry(Number(name.slice('entry:'.length))) : null));
  const offsets = forms.map(({ form, bytes }) => {
    const delta = sub(entry(form), entry(reference));
    return delta && Object.keys(delta.terms).length === 0 && delta.lo === delta.hi ? { at: delta.lo, bytes } : undefined;
  });
  if (offsets.some((offset) => offset === undefined)) return 'its stores are not at fixed distances from each other';
  const low = Math.min(...offsets.map((o) => o!.at));
  const span = Math.max(...offsets.map((o) => o!.at + o!.bytes)) - low;
  if (span > stride!) return `one trip's stores span ${span} bytes, more than the ${stride} they advance per trip`;
  for (const cond of trips.conditions) {
    if (!onlyRuntimeSymbols(cond.left, trip) || !onlyRuntimeSymbols(cond.right, trip)) return `the condition at instruction ${cond.loc} depends on values computed in the trip`;
    // Checked on exact values: the operands must not wrap over the trips the loop can make.
    const within = new Map(symbols);
    if (!Number.isFinite(trips.maxTrips)) return 'no bound on its trips is known';
    within.set(trip, [0, trips.maxTrips - 1]);
    const fits = cond.op === 'eq' || cond.op === 'ne' ? (v: Sym) => fitsSigned(v, within) || fitsUnsigned(v, within) : cond.unsigned ? fitsUnsigned : fitsSigned;
    if (!fits(entry(cond.left), within) || !fits(entry(cond.right), within)) return `the condition at instruction ${cond.loc} may wrap around`;
  }
  if (readAfterLoop(body, loop, trips.assigned)) return 'a value it computes is read after it';
  const start = { ...reference, terms: Object.fromEntries(Object.entries(reference.terms).filter(([name]) => name !== trip)), lo: reference.lo + low, hi: reference.hi + low };
  return { loop: trips.loc, steps: trips.inductions, reloads: trips.loadCarried, start, stride: stride!, span, conditions: trips.conditions, tail: trips.tail };
}
