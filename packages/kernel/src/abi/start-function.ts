import type { KernelFunction } from '../ir/module.js';
import { walk } from '../ir/walk.js';
import { invalidKernel } from '../errors.js';

const MEMORY_KINDS = new Set([
  'load', 'store', 'atomic.rmw', 'atomic.cmpxchg', 'atomic.wait', 'atomic.notify', 'memory.grow', 'memory.init',
  'memory.copy', 'memory.fill', 'simd.load', 'simd.load_lane', 'simd.store_lane',
]);

/**
 * A start function runs at every instantiation, before `kernel`, and devices instantiate per
 * iteration or per worker; one that touches memory would race with other iterations over the
 * buffers, so it is refused (with what it calls). A start function that only computes globals
 * is accepted; translators evaluate nothing before `kernel`, so they must refuse it themselves
 * when they care (`KernelIR.startFunction`).
 */
export function checkStartFunction(start: string | undefined, functions: readonly KernelFunction[]): void {
  if (start === undefined) return;
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const fn = byName.get(pending.pop()!);
    if (!fn || seen.has(fn.name)) continue;
    seen.add(fn.name);
    walk(fn.body, (expr) => {
      if (MEMORY_KINDS.has(expr.kind)) {
        throw invalidKernel(
          `the start function \`${start}\` touches memory (${expr.kind}); it would run at every instantiation ` +
            'and overwrite buffers. Kernels may not have a start function that uses memory',
          { function: fn.name, loc: expr.loc },
        );
      }
      if (expr.kind === 'call') pending.push(expr.target);
      if (expr.kind === 'call_indirect') {
        throw invalidKernel(`the start function \`${start}\` makes an indirect call`, { function: fn.name, loc: expr.loc });
      }
    });
  }
}
