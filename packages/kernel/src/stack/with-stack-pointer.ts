import { KernelCache, LIMITS } from '@wasi-parallel/core';
import { binaryen } from '../decode/binaryen.js';
import { readKernelModule } from '../decode/read-module.js';
import { invalidKernel } from '../errors.js';
import { loadKernelSync } from '../cache.js';

/** The shadow stack grows down from its top; clang keeps it 16-byte aligned (the wasm32 C ABI). */
export const STACK_ALIGNMENT = 16;

const rewritten = new KernelCache<Uint8Array>();

/**
 * Returns the kernel with its shadow-stack pointer (`KernelIR.stack.pointerGlobal`) starting
 * at `stackTop` instead of where the linker put it, so that instances running at the same
 * time over one shared memory each get their own stack region: give instance k the top of
 * its own region (the stack grows down from `stackTop`; the region must lie outside every
 * buffer and outside the kernel's static data). Cached by kernel hash and `stackTop`.
 * Throws INVALID_KERNEL when the kernel has no stack pointer or `stackTop` is not aligned.
 */
export function withStackPointer(bytes: Uint8Array, stackTop: number): Uint8Array {
  if (!Number.isInteger(stackTop) || stackTop <= 0 || stackTop > LIMITS.MAX_WASM_PAGES * LIMITS.WASM_PAGE_SIZE || stackTop % STACK_ALIGNMENT !== 0) {
    throw invalidKernel(`stack top ${stackTop} must be a positive multiple of ${STACK_ALIGNMENT} within 4 GiB`);
  }
  const ir = loadKernelSync(bytes);
  const stack = ir.stack;
  if (!stack) throw invalidKernel('the kernel has no shadow-stack pointer (`__stack_pointer`) to move');
  return rewritten.getOrCreate(`${ir.hash}@${stackTop}`, () => {
    const { module } = readKernelModule(bytes);
    try {
      // binaryen.js cannot set a global's init in place: replace the global under the same name
      // (references are by name; the binary writer renumbers).
      module.removeGlobal(stack.pointerGlobal);
      module.addGlobal(stack.pointerGlobal, binaryen.i32, true, module.i32.const(stackTop | 0));
      return module.emitBinary();
    } finally {
      module.dispose();
    }
  });
}

/** Forgets rewritten kernels (with `clearKernelCache`, for cold-path measurements). */
export function clearStackPointerCache(): void {
  rewritten.clear();
}
