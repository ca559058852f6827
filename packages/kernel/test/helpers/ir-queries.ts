import { walk, type Expr, type KernelFunction, type KernelIR, type MemoryAccessInfo } from '@wasi-parallel/kernel';

/** Every expression of a function, in `loc` order. */
export function expressions(fn: KernelFunction): Expr[] {
  const out: Expr[] = [];
  walk(fn.body, (expr) => out.push(expr));
  return out;
}

export function kinds(fn: KernelFunction): Set<string> {
  return new Set(expressions(fn).map((e) => e.kind));
}

export function accessesTo(ir: KernelIR, buffer: number, access?: 'load' | 'store' | 'rmw'): MemoryAccessInfo[] {
  return ir.analysis.accesses.filter(
    (a) => a.provenance.kind === 'buffer' && a.provenance.buffer === buffer && (access === undefined || a.access === access),
  );
}
