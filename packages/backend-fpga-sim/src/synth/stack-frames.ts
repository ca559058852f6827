import { walk, type Expr, type KernelFunction, type KernelIR } from '@wasi-parallel/kernel';
import { unsynthesisable } from './unsupported.js';

/**
 * The shadow stack a C kernel keeps (`__stack_pointer`): in hardware each function's frame
 * becomes an on-chip memory of fixed size, so the stack pointer may only move by constants
 * (clang's prologue `sp - N`, its epilogue restoring `sp`, an alignment mask). A frame sized at
 * run time (alloca, a variable-length array: `sp - n` for an n computed by the kernel) is
 * unbounded dynamic memory and is refused, naming the instruction. Returns the bytes of all frames.
 */
export function stackFrameBytes(ir: KernelIR): number {
  const pointer = ir.stack?.pointerGlobal;
  if (pointer === undefined) return 0;
  let total = 0;
  for (const fn of ir.functions) total += frameOf(fn, pointer);
  return total;
}

function frameOf(fn: KernelFunction, pointer: string): number {
  const assignments = new Map<number, Expr[]>();
  walk(fn.body, (expr) => {
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') assignments.set(expr.local, [...(assignments.get(expr.local) ?? []), expr.value]);
  });
  let frame = 0;
  const visiting = new Set<number>();
  const isStatic = (expr: Expr): boolean => {
    switch (expr.kind) {
      case 'global.get':
        return expr.global === pointer;
      case 'const':
        return expr.value.type === 'i32';
      case 'local.get': {
        if (visiting.has(expr.local)) return true;
        const values = assignments.get(expr.local);
        if (!values) return false;
        visiting.add(expr.local);
        const result = values.every(isStatic);
        visiting.delete(expr.local);
        return result;
      }
      case 'binary':
        if (expr.op === 'i32.sub' && expr.right.kind === 'const' && expr.right.value.type === 'i32') {
          frame = Math.max(frame, expr.right.value.value);
          return isStatic(expr.left);
        }
        if (expr.op === 'i32.add' || expr.op === 'i32.and') {
          return (expr.right.kind === 'const' && isStatic(expr.left)) || (expr.left.kind === 'const' && isStatic(expr.right));
        }
        return false;
      default:
        return false;
    }
  };
  const dynamic = (loc: number): Error =>
    unsynthesisable('a stack frame sized at run time (alloca or a variable-length array) is unbounded dynamic memory; a synthesised kernel needs fixed-size memories', { function: fn.name, loc });
  walk(fn.body, (expr) => {
    if (expr.kind === 'global.set' && expr.global === pointer && !isStatic(expr.value)) throw dynamic(expr.loc);
    // A leaf function moves no global: its frame is `sp - size`, used as an address directly.
    if (expr.kind === 'binary' && expr.op === 'i32.sub' && expr.right.kind !== 'const' && isStatic(expr.left)) throw dynamic(expr.loc);
  });
  return frame;
}
