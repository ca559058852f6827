import type { Expr } from '../ir/types.js';
import { children } from '../ir/walk.js';
import { add, bounds, constant, sub, symbol, ITERATION_SYMBOL, type Sym } from './affine-range.js';
import type { DispatchAnalysis } from './integer-ranges.js';
import { accessAddress, substitute } from './statement-exec.js';

/** A store the block shape covers: where it is and which buffer it writes. */
export interface StoreSite {
  readonly loc: number;
  readonly buffer: number;
  readonly bytes: number;
}

/**
 * How iterations share a written buffer: iteration `it` writes only inside its block, bytes
 * [base + stride·it, base + stride·(it + 1)) of the buffer. Then the iteration that may write
 * a byte is known before anything runs, which is what a gather-style device needs.
 */
export interface BlockShape {
  readonly buffer: number;
  /** Bytes between consecutive iterations' blocks: the iteration id's coefficient in every store address. 0 when one iteration runs (it owns the buffer). */
  readonly stride: number;
  /** Offset of iteration 0's block from the buffer start. */
  readonly base: number;
  /** Stores proven (from the ranges) to stay inside their block and the buffer on every iteration; the others need a check where they run. */
  readonly proven: ReadonlySet<number>;
  /** Each store's address form relative to the buffer start, when known. */
  readonly forms: ReadonlyMap<number, Sym>;
  /** No store's address showed the stride: it is the buffer's length split evenly, to be checked. */
  readonly guessed: boolean;
}

/** Why a buffer has no block shape: a store and the reason. */
export interface BlockShapeRefusal {
  readonly buffer: number;
  readonly loc: number;
  readonly reason: string;
}

/** Store loc → the loops around it, innermost first. */
function enclosingLoops(body: Expr): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const visit = (expr: Expr, loops: number[]) => {
    if (expr.kind === 'store') out.set(expr.loc, loops);
    const inner = expr.kind === 'loop' ? [expr.loc, ...loops] : loops;
    for (const child of children(expr)) visit(child, inner);
  };
  visit(body, []);
  return out;
}

/** The address form of a store: from its loop's trip analysis when it is in one, else from the ranges. */
function addressForm(store: Expr, loops: Map<number, number[]>, analysis: DispatchAnalysis): Sym {
  const address = accessAddress(store);
  if (!address) return undefined;
  const loopLoc = loops.get(store.loc)?.[0];
  const trips = loopLoc === undefined ? undefined : analysis.loops.get(loopLoc);
  const inLoop = trips?.accesses.get(store.loc);
  if (trips && inLoop) {
    const form = substitute(inLoop, (name) => (name.startsWith('entry:') ? trips.entry(Number(name.slice('entry:'.length))) : null));
    if (form) return form;
  }
  if (loopLoc === undefined && analysis.accessForms.has(store.loc)) return analysis.accessForms.get(store.loc);
  return add(analysis.rangeOf(address.ptr), constant(address.offset));
}

/**
 * The block shape of each written buffer from its stores. A store whose address does not show
 * the shape is left unproven (checked where it runs); a buffer is refused only when no shape
 * can be found at all. With one iteration, that iteration owns everything.
 */
export function blockShapes(body: Expr, stores: readonly (StoreSite & { readonly expr: Expr })[], analysis: DispatchAnalysis): (BlockShape | BlockShapeRefusal)[] {
  const loops = enclosingLoops(body);
  // A loop bounded by its stores is bounded only if they are checked: they cannot be proven with that bound.
  const storeBounded = (loc: number) => (loops.get(loc) ?? []).some((loop) => analysis.loops.get(loop)?.boundBy === 'stores');
  const { env, symbols } = analysis;
  const buffers = [...new Set(stores.map((store) => store.buffer))].sort((a, b) => a - b);
  return buffers.map((buffer): BlockShape | BlockShapeRefusal => {
    const placement = env.buffers[buffer]!;
    const mine = stores.filter((store) => store.buffer === buffer);
    const forms = new Map<number, Sym>();
    for (const store of mine) forms.set(store.loc, sub(addressForm(store.expr, loops, analysis), constant(placement.pointer)));
    if (env.numIterations <= 1) return { buffer, stride: 0, base: 0, proven: new Set(), forms, guessed: false };
    // The stride: the iteration id's coefficient the stores agree on (the most common one); a
    // store without it, or with another, is checked where it runs. With none, one block per
    // iteration of length / numIterations bytes, when that is a whole number of stores.
    const counts = new Map<number, number>();
    for (const store of mine) {
      const coefficient = forms.get(store.loc)?.terms[ITERATION_SYMBOL] ?? 0;
      if (coefficient > 0) counts.set(coefficient, (counts.get(coefficient) ?? 0) + 1);
    }
    const widest = Math.max(...mine.map((store) => store.bytes));
    const even = placement.length / env.numIterations;
    const guess = Number.isInteger(even) && even >= widest ? even : undefined;
    const stride = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? guess;
    if (stride === undefined) {
      const first = mine[0]!;
      return { buffer, loc: first.loc, reason: 'no store address moves with the iteration id, and the buffer does not split evenly between iterations' };
    }
    const s = stride;
    const agrees = (loc: number) => (forms.get(loc)?.terms[ITERATION_SYMBOL] ?? 0) === s;
    const offsets = new Map(mine.map((store) => [store.loc, agrees(store.loc) ? bounds(sub(forms.get(store.loc), symbol(ITERATION_SYMBOL, s)), symbols) : undefined]));
    const lows = [...offsets.values()].map((range) => range?.[0]).filter((low): low is number => low !== undefined);
    const base = lows.length > 0 ? Math.max(0, Math.min(...lows)) : 0;
    const proven = new Set<number>();
    for (const store of mine) {
      const offset = offsets.get(store.loc);
      const whole = bounds(forms.get(store.loc), symbols);
      const inBlock = agrees(store.loc) && offset && offset[0] >= base && offset[1] + store.bytes <= base + s;
      const inBuffer = whole && whole[0] >= 0 && whole[1] + store.bytes <= placement.length;
      if (inBlock && inBuffer && !storeBounded(store.loc)) proven.add(store.loc);
    }
    return { buffer, stride: s, base, proven, forms, guessed: counts.size === 0 };
  });
}
