import type { MemoryAccessInfo } from '../ir/analysis-types.js';
import type { KernelIR } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { walk } from '../ir/walk.js';
import { NotVectorisable } from './not-vectorisable.js';

/** What each refused expression kind is, for the reason line. */
const REFUSED_KINDS: Readonly<Partial<Record<Expr['kind'], string>>> = {
  call: 'a call that was not inlined',
  call_indirect: 'an indirect call',
  'local.tee': 'a local.tee',
  'global.set': 'a write to a global',
  'atomic.rmw': 'atomics',
  'atomic.cmpxchg': 'atomics',
  'atomic.wait': 'atomics',
  'atomic.notify': 'atomics',
  'atomic.fence': 'atomics',
  'memory.grow': 'memory.grow',
  'memory.init': 'bulk memory',
  'data.drop': 'bulk memory',
  'memory.copy': 'bulk memory',
  'memory.fill': 'bulk memory',
  'simd.extract': 'SIMD of its own',
  'simd.replace': 'SIMD of its own',
  'simd.shuffle': 'SIMD of its own',
  'simd.ternary': 'SIMD of its own',
  'simd.shift': 'SIMD of its own',
  'simd.load': 'SIMD of its own',
  'simd.load_lane': 'SIMD of its own',
  'simd.store_lane': 'SIMD of its own',
  'tuple.make': 'multiple values',
  'tuple.extract': 'multiple values',
};

function refusedExpression(expr: Expr, stackPointer: string | undefined): string | undefined {
  // Four lanes would need four shadow stacks.
  if ((expr.kind === 'global.set' || expr.kind === 'global.get') && expr.global === stackPointer) return 'its shadow stack';
  const refused = REFUSED_KINDS[expr.kind];
  if (refused) return refused;
  if ((expr.kind === 'load' || expr.kind === 'store') && expr.atomic) return 'atomics';
  if (expr.type === 'v128' || ((expr.kind === 'unary' || expr.kind === 'binary') && /x\d+\.|^v128\./.test(expr.op))) return 'SIMD of its own';
  if (expr.kind === 'const' && (expr.value.type === 'f32' || expr.value.type === 'f64') && Number.isNaN(expr.value.value)) {
    return 'a NaN constant (the IR does not keep its payload)';
  }
  return undefined;
}

/**
 * Four lanes run one statement after another, not one iteration after another, so a kernel
 * is vectorised only where no lane can see what another lane of its group writes:
 * - nothing is written outside the buffers (static data, the shadow stack, unknown places);
 * - a buffer that is both read and written is only touched, by each iteration, inside its own
 *   window: every access affine in the iteration id with one stride, all within |stride|
 *   bytes (`y[i] = y[i] + x[i]`), so no iteration reads bytes another writes.
 * A buffer that is only written may be written anywhere: lanes store in iteration order per
 * store, and two iterations writing the same bytes race on every parallel device anyway.
 */
function checkMemory(accesses: readonly MemoryAccessInfo[]): void {
  const writes = accesses.filter((access) => access.access !== 'load');
  for (const access of accesses) {
    if (access.provenance.kind === 'stack') throw new NotVectorisable('it uses its shadow stack', access.loc);
    if (access.access !== 'load' && access.provenance.kind !== 'buffer') {
      throw new NotVectorisable(`it writes memory no buffer owns (${access.provenance.kind})`, access.loc);
    }
    if (access.access === 'load' && access.provenance.kind === 'unknown' && writes.length > 0) {
      throw new NotVectorisable('it reads memory of unknown provenance while writing buffers', access.loc);
    }
  }
  const written = new Set(writes.map((access) => (access.provenance.kind === 'buffer' ? access.provenance.buffer : -1)));
  for (const buffer of written) {
    const touching = accesses.filter((access) => access.provenance.kind === 'buffer' && access.provenance.buffer === buffer);
    if (touching.every((access) => access.access !== 'load')) continue;
    const stride = touching[0]!.affine?.stride;
    const ownWindow =
      stride !== undefined &&
      stride !== 0 &&
      touching.every((access) => access.affine?.stride === stride) &&
      Math.max(...touching.map((access) => access.affine!.base + access.affine!.width)) - Math.min(...touching.map((access) => access.affine!.base)) <=
        Math.abs(stride);
    if (!ownWindow) {
      throw new NotVectorisable(`buffer ${buffer} is read and written where one iteration may touch another's bytes`, touching[0]!.loc);
    }
  }
}

/** Throws `NotVectorisable` naming the first thing in the kernel a lane group cannot run. */
export function checkVectorisable(ir: KernelIR): void {
  const fn = ir.kernel;
  if (ir.dataSegments.length > 0 || ir.startFunction) throw new NotVectorisable('it has static data (data segments or a start function)', 0);
  const wide = fn.locals.find((local) => local.type === 'v128');
  if (wide) throw new NotVectorisable('SIMD of its own', 0);
  let refused: { what: string; loc: number } | undefined;
  walk(fn.body, (expr) => {
    const what = refused ? undefined : refusedExpression(expr, ir.stack?.pointerGlobal);
    if (what) refused = { what, loc: expr.loc };
  });
  if (refused) throw new NotVectorisable(`it uses ${refused.what}`, refused.loc);
  checkMemory(ir.analysis.accesses.filter((access) => access.function === fn.name));
}
