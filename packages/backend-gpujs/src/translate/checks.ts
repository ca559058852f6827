import { affine, walk, type DispatchAnalysis, type Expr } from '@wasi-parallel/kernel';

/**
 * Which operations the status kernel must check because they may trap in some iteration:
 * an access the ranges do not prove inside the memory, an integer division, a trapping
 * float-to-int conversion, `unreachable`. Shared by the slicer (what to keep) and the emitter
 * (what to check), so the two agree.
 */
export function mayTrap(e: Expr, analysis: DispatchAnalysis): boolean {
  switch (e.kind) {
    case 'load':
    case 'store': {
      if (e.kind === 'load' && analysis.env.loadValues.has(e.loc)) return false;
      const range = affine.bounds(affine.add(analysis.rangeOf(e.ptr), affine.constant(e.offset)), analysis.symbols);
      return !range || range[0] < 0 || range[1] + e.bytes > analysis.env.memoryBytes;
    }
    case 'binary':
      return /^i(32|64)\.(div|rem)_/.test(e.op);
    case 'unary':
      return /^i(32|64)\.trunc_f/.test(e.op) && !e.op.includes('_sat_');
    case 'unreachable':
      return true;
    default:
      return false;
  }
}

/** Whether any operation inside `e` may trap. */
export function containsTrap(e: Expr, analysis: DispatchAnalysis): boolean {
  let found = false;
  walk(e, (inner) => (found ||= mayTrap(inner, analysis)));
  return found;
}
