import { LIMITS } from '@wasi-parallel/core';
import type { KernelFunction, KernelMemory } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { walk } from '../ir/walk.js';
import { BOTTOM, constantOf } from '../analysis/abstract-value.js';
import { evaluate, type EvalContext } from '../analysis/evaluate.js';
import { localValues } from '../analysis/local-values.js';
import { accessAddress } from '../analysis/statement-exec.js';
import { invalidKernel } from '../errors.js';

/** The address operand and, when the instruction has one, the byte-count operand. */
function addressOf(expr: Expr): { ptr: Expr; offset: number; size: Expr | number } | undefined {
  const access = accessAddress(expr);
  if (access) return { ...access, size: (expr as Expr & { bytes: number }).bytes };
  switch (expr.kind) {
    case 'atomic.wait':
    case 'atomic.notify':
      return { ptr: expr.ptr, offset: 0, size: 8 };
    case 'memory.init':
    case 'memory.fill':
    case 'memory.copy':
      return { ptr: expr.dest, offset: 0, size: expr.size };
    default:
      return undefined;
  }
}

/**
 * A start function runs at every instantiation, before `kernel`, and devices instantiate per
 * iteration or per worker. wasm-ld emits one for kernels with static data and a shared memory
 * (`__wasm_init_memory`: an atomic flag, then `memory.init` of passive segments), which
 * touches only constant addresses in the kernel's own low memory; that is accepted. A start
 * function that touches anything else (buffers are above the declared minimum), grows memory
 * or calls indirectly is refused. Returns where it copies each passive segment it copies
 * whole, so translators can place static data without running it.
 */
export function checkStartFunction(
  start: string | undefined,
  functions: readonly KernelFunction[],
  memory: KernelMemory,
): Map<number, number> {
  // Passive segment → the constant address the start function copies it to (whole segment).
  const placements = new Map<number, number>();
  if (start === undefined) return placements;
  const ownRegion = memory.minPages * LIMITS.WASM_PAGE_SIZE;
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const fn = byName.get(pending.pop()!);
    if (!fn || seen.has(fn.name)) continue;
    seen.add(fn.name);
    const ctx: EvalContext = { locals: localValues(fn, false, undefined), isEntry: false, stackPointerGlobal: undefined };
    const constant = (expr: Expr | number): number | undefined => {
      if (typeof expr === 'number') return expr;
      const value = evaluate(expr, ctx);
      return value === BOTTOM ? undefined : constantOf(value);
    };
    walk(fn.body, (expr) => {
      const refuse = (what: string) =>
        invalidKernel(
          `the start function \`${start}\` ${what}; it runs at every instantiation. A start function may touch only ` +
            `constant addresses below the kernel's declared minimum memory (${ownRegion} bytes)`,
          { function: fn.name, loc: expr.loc },
        );
      if (expr.kind === 'memory.grow') throw refuse('grows memory');
      if (expr.kind === 'call_indirect') throw refuse('makes an indirect call');
      if (expr.kind === 'call') pending.push(expr.target);
      const address = addressOf(expr);
      if (!address) return;
      const ptr = constant(address.ptr);
      const size = constant(address.size);
      if (ptr === undefined || size === undefined) throw refuse(`touches memory at an address it computes (${expr.kind})`);
      const end = (ptr >>> 0) + address.offset + (size >>> 0);
      if (end > ownRegion) throw refuse(`touches bytes up to ${end} (${expr.kind}), where buffers are placed`);
      if (expr.kind === 'memory.init' && constant(expr.offset) === 0) placements.set(expr.segment, ptr >>> 0);
    });
  }
  return placements;
}
