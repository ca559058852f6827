import { walk, type KernelFunction, type KernelIR } from '@wasi-parallel/kernel';
import { unsynthesisable } from './unsupported.js';

/**
 * The functions the kernel runs: the start function (wasm-ld's `__wasm_init_memory`, which may
 * wait for another thread that is initialising the memory — never, on a fresh one) is not one.
 */
function reachableFromKernel(ir: KernelIR): KernelFunction[] {
  const byName = new Map(ir.functions.map((fn) => [fn.name, fn]));
  const seen = new Set<KernelFunction>([ir.kernel]);
  const stack = [ir.kernel];
  while (stack.length > 0) {
    walk(stack.pop()!.body, (expr) => {
      const callee = expr.kind === 'call' ? byName.get(expr.target) : undefined;
      if (callee && !seen.has(callee)) {
        seen.add(callee);
        stack.push(callee);
      }
    });
  }
  return [...seen];
}

/**
 * Constructs no hardware can be generated for, refused before anything is scheduled (the
 * capabilities record and docs/backends/fpga.md say so up front): the kernel names where.
 */
export function refuseUnsynthesisable(ir: KernelIR): void {
  const { features } = ir.analysis;
  const refusals = [
    [features.recursion, 'recursion: every call becomes a hardware instance, so the call graph must be a tree'],
    [features.indirectCalls, 'an indirect call (call_indirect): hardware has no function pointers'],
    [features.memoryGrow, "memory.grow: a synthesised kernel's memories have a fixed size"],
  ] as const;
  for (const [use, why] of refusals) if (use) throw unsynthesisable(`${use.what}: ${why}`, use);
  for (const fn of reachableFromKernel(ir)) {
    walk(fn.body, (expr) => {
      if (expr.kind === 'atomic.wait') throw unsynthesisable('memory.atomic.wait: a pipeline cannot block waiting for another thread', { function: fn.name, loc: expr.loc });
      if (expr.kind === 'tuple.make' || expr.kind === 'tuple.extract') throw unsynthesisable(`${expr.kind}: multi-value results are not synthesised`, { function: fn.name, loc: expr.loc });
    });
  }
}
