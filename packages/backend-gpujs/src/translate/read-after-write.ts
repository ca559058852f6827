import { affine, children, walk, type DispatchAnalysis, type Expr, type KernelIR } from '@wasi-parallel/kernel';
import { unsupported } from './translate-error.js';

/** Loop locs around each expression, outermost first. */
function loopsAround(body: Expr): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const visit = (e: Expr, loops: number[]) => {
    out.set(e.loc, loops);
    const inner = e.kind === 'loop' ? [...loops, e.loc] : loops;
    for (const child of children(e)) visit(child, inner);
  };
  visit(body, []);
  return out;
}

/**
 * GPU.js kernels read every buffer as it was before the call, so a load must not see a store
 * the same iteration made before it. Refuses a load of a written buffer that may follow a
 * store to it: later in the code, or in a loop around both — except a load and a store of the
 * same address in each trip, load first (an in-place update such as y[i] = a·x[i] + y[i]).
 */
export function refuseReadAfterWrite(ir: KernelIR, analysis: DispatchAnalysis): void {
  const fn = ir.kernel;
  const accesses = ir.analysis.accesses.filter((a) => a.function === fn.name);
  const stores = accesses.filter((a) => a.access !== 'load');
  if (stores.length === 0) return;
  const written = new Set(stores.flatMap((s) => (s.provenance.kind === 'buffer' ? [s.provenance.buffer] : [])));
  const loops = loopsAround(fn.body);
  // A store happens after its operands (pre-order numbers it before them): when its subtree ends.
  const done = new Map<number, number>();
  walk(fn.body, (e) => {
    if (e.kind !== 'store') return;
    let last = e.loc;
    walk(e, (inner) => (last = Math.max(last, inner.loc)));
    done.set(e.loc, last);
  });
  const sameAddressEachTrip = (loadLoc: number, storeLoc: number, loop: number): boolean => {
    const trips = analysis.loops.get(loop);
    const [a, b] = [trips?.accesses.get(loadLoc), trips?.accesses.get(storeLoc)];
    return a !== undefined && b !== undefined && affine.equalForms(a, b) && (a.terms[`trip:${loop}`] ?? 0) !== 0;
  };
  for (const load of accesses) {
    if (load.access !== 'load') continue;
    const buffer = load.provenance.kind === 'buffer' ? load.provenance.buffer : undefined;
    if (buffer !== undefined && !written.has(buffer)) continue;
    if (load.provenance.kind === 'static' || load.provenance.kind === 'stack') continue;
    for (const store of stores) {
      if (buffer !== undefined && store.provenance.kind === 'buffer' && store.provenance.buffer !== buffer) continue;
      const shared = (loops.get(load.loc) ?? []).filter((loop) => (loops.get(store.loc) ?? []).includes(loop));
      const storeDone = done.get(store.loc) ?? store.loc;
      const later = storeDone < load.loc;
      const inLoop = shared.length > 0 && !(load.loc < storeDone && sameAddressEachTrip(load.loc, store.loc, shared[shared.length - 1]!));
      if (later || inLoop) {
        throw unsupported(
          `the load reads buffer ${buffer ?? '(unknown)'} after the store at instruction ${store.loc} may have written it in the same iteration; GPU.js reads every buffer as it was before the call`,
          fn.name,
          load.loc,
        );
      }
    }
  }
}
