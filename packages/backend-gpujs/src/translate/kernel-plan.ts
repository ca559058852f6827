import { affine, walk, type BlockShape, type DispatchAnalysis, type Expr, type KernelIR } from '@wasi-parallel/kernel';
import { FORM_UNIT, PLANE_EXACT_INTEGER, type PlaneForm, type PlanePlan } from './plan-types.js';
import { unsupported } from './translate-error.js';

/** Every store of `kernel`, with the buffer it writes; refuses stores no buffer owns. */
export function storeSites(ir: KernelIR): { loc: number; buffer: number; bytes: number; expr: Expr }[] {
  const fn = ir.kernel;
  const exprs = new Map<number, Expr>();
  walk(fn.body, (e) => {
    if (e.kind === 'store' || e.kind.startsWith('atomic.') || e.kind === 'simd.store_lane' || e.kind.startsWith('memory.')) exprs.set(e.loc, e);
  });
  const sites: { loc: number; buffer: number; bytes: number; expr: Expr }[] = [];
  for (const access of ir.analysis.accesses) {
    if (access.function !== fn.name || access.access === 'load') continue;
    const expr = exprs.get(access.loc)!;
    if (expr.kind !== 'store') throw unsupported(`\`${access.exprKind}\` writes memory in a way GPU.js cannot (only plain stores map to output elements)`, fn.name, access.loc);
    const { provenance } = access;
    if (provenance.kind === 'stack') throw unsupported('the store writes the shadow stack (a C local whose address is taken); GPU.js threads have no memory of their own', fn.name, access.loc);
    if (provenance.kind === 'static') throw unsupported('the store writes a fixed address (static data) that every iteration shares', fn.name, access.loc);
    if (provenance.kind === 'unknown') throw unsupported(`the store's address is data-dependent or unknown: ${provenance.reason}`, fn.name, access.loc);
    sites.push({ loc: access.loc, buffer: provenance.buffer, bytes: access.bytes, expr });
  }
  return sites;
}

/** Whether a value's bits are known without decoding a float: loaded, or sign operations on loaded bits. */
function bitsKnown(e: Expr, loadOnly: (local: number) => boolean): boolean {
  switch (e.kind) {
    case 'load':
      return e.bytes === 4;
    case 'local.get':
      return loadOnly(e.local);
    case 'unary':
      return e.op === 'f32.neg' || e.op === 'f32.abs' ? bitsKnown(e.value, loadOnly) : e.op === 'f32.reinterpret_i32';
    case 'binary':
      return e.op === 'f32.copysign' && bitsKnown(e.left, loadOnly) && bitsKnown(e.right, loadOnly);
    default:
      return false;
  }
}

/**
 * Picks how a written buffer comes back: as floats when an f32 stored there is computed and
 * every store is an f32 (or a 4-byte copy of loaded bits) at a 4-aligned address; else 16-bit
 * pieces when every store is 2 or 4 bytes at an even address; else bytes. Pieces carry each
 * f32 as its bits: loaded bits are exact, computed floats are encoded (float-bits.ts).
 */
export function planPlane(ir: KernelIR, shape: BlockShape, stores: readonly { loc: number; bytes: number; expr: Expr }[], analysis: DispatchAnalysis): PlanePlan {
  const fn = ir.kernel;
  const loadOnly = new Map<number, boolean>();
  walk(fn.body, (e) => {
    if (e.kind === 'local.set' || e.kind === 'local.tee') loadOnly.set(e.local, (loadOnly.get(e.local) ?? true) && e.value.kind === 'load' && e.value.bytes === 4);
  });
  const isLoadOnly = (local: number) => loadOnly.get(local) === true;
  const placement = analysis.env.buffers[shape.buffer]!;
  const align = (loc: number) => {
    const form = shape.forms.get(loc);
    return form ? Math.min(affine.alignOf(form), affine.lowBit(placement.pointer)) : 1;
  };
  const valueOf = (e: Expr) => (e.kind === 'store' ? e : undefined)!;
  // Floats when some f32 is computed (GPU.js returns it only as a float) and everything else is a
  // 4-byte copy of loaded bits; pieces keep bits exact (NaN payloads) when no f32 is computed.
  const computed = stores.some(({ expr }) => valueOf(expr).valueType === 'f32' && !bitsKnown(valueOf(expr).value, isLoadOnly));
  const asFloats = computed && stores.every(({ loc, bytes, expr }) => bytes === 4 && align(loc) >= 4 && (valueOf(expr).valueType === 'f32' || bitsKnown(valueOf(expr).value, isLoadOnly)));
  const pieces = stores.every(({ loc, bytes }) => bytes >= 2 && align(loc) >= 2);
  const smallInts = stores.every(({ loc, bytes, expr }) => {
    const range = affine.bounds(analysis.rangeOf(valueOf(expr).value), analysis.symbols);
    return bytes === 4 && align(loc) >= 4 && valueOf(expr).valueType === 'i32' && range !== undefined && range[0] >= -PLANE_EXACT_INTEGER && range[1] <= PLANE_EXACT_INTEGER;
  });
  let form: PlaneForm = asFloats ? 'f32' : smallInts ? 'i32' : pieces ? 'u16' : 'u8';
  // A buffer whose length is not a whole number of elements comes back as bytes.
  if (placement.length % FORM_UNIT[form] !== 0) form = 'u8';
  return { buffer: shape.buffer, form, shape, stores: new Map(stores.map(({ loc, bytes }) => [loc, bytes])) };
}
