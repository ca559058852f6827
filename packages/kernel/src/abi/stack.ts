import type { KernelFunction, KernelGlobal, KernelMemory, KernelStack } from '../ir/module.js';
import { walk } from '../ir/walk.js';
import { LIMITS, STACK_POINTER_NAME } from '@wasi-parallel/core';
import { invalidKernel } from '../errors.js';

/** Mutable i32 globals the code both reads and writes: the shapes a stack pointer takes. */
function readAndWrittenGlobals(functions: readonly KernelFunction[]): Set<string> {
  const read = new Set<string>();
  const written = new Set<string>();
  for (const fn of functions) {
    walk(fn.body, (expr) => {
      if (expr.kind === 'global.get') read.add(expr.global);
      if (expr.kind === 'global.set') written.add(expr.global);
    });
  }
  return new Set([...read].filter((name) => written.has(name)));
}

function exportedNumber(globals: readonly KernelGlobal[], exported: ReadonlyMap<string, string>, name: string): number | undefined {
  const internal = exported.get(name);
  const init = globals.find((g) => g.name === internal)?.init;
  return typeof init === 'number' ? init >>> 0 : undefined;
}

/**
 * Finds the shadow stack of a kernel compiled from C: the global named `__stack_pointer`, or
 * else the one mutable i32 global with a constant init that the code reads and writes (a
 * stripped name section) when that init looks like a stack top. Checks that the stack and static data fit in the memory the kernel
 * declares, because buffers are placed above that (core's `layoutBuffers`).
 */
export function detectStack(
  functions: readonly KernelFunction[],
  globals: readonly KernelGlobal[],
  exportedGlobals: ReadonlyMap<string, string>,
  memory: KernelMemory,
): KernelStack | undefined {
  const ownRegion = memory.minPages * LIMITS.WASM_PAGE_SIZE;
  let pointer = globals.find((g) => g.name === STACK_POINTER_NAME);
  if (!pointer) {
    // Unnamed: only a global that looks like a stack top (positive, 16-aligned, inside the
    // kernel's own region), so a hand-written kernel's counter is never taken for a stack.
    const used = readAndWrittenGlobals(functions);
    const candidates = globals.filter((g) => g.mutable && g.type === 'i32' && typeof g.init === 'number' && used.has(g.name));
    const only = candidates.length === 1 ? candidates[0]! : undefined;
    const init = typeof only?.init === 'number' ? only.init : 0;
    if (only && init > 0 && init % 16 === 0 && init <= ownRegion) pointer = only;
  }
  if (!pointer) return undefined;
  if (!pointer.mutable || pointer.type !== 'i32' || typeof pointer.init !== 'number') {
    throw invalidKernel(`the stack pointer \`${pointer.name}\` must be a mutable i32 global with a constant initial value`);
  }
  const initialValue = pointer.init >>> 0;
  const heapBase = exportedNumber(globals, exportedGlobals, '__heap_base');
  const dataEnd = exportedNumber(globals, exportedGlobals, '__data_end');
  const top = Math.max(initialValue, heapBase ?? 0);
  if (top > ownRegion) {
    throw invalidKernel(
      `the shadow stack (\`${pointer.name}\` = ${initialValue}${heapBase === undefined ? '' : `, __heap_base = ${heapBase}`}) ` +
        `reaches above the kernel's declared minimum memory (${memory.minPages} pages = ${ownRegion} bytes), where buffers ` +
        'are placed; link the kernel with a larger --initial-memory',
    );
  }
  return {
    pointerGlobal: pointer.name,
    initialValue,
    ...(heapBase === undefined ? {} : { heapBase }),
    ...(dataEnd === undefined ? {} : { dataEnd }),
  };
}
