import { looksLikeStackTop, resolveStackPointer, type AdmittedKernel, type StackPointerGlobal } from '@wasi-parallel/core';

/**
 * The kernel's stack pointer. Admission finds it by name, or as a lone stack-shaped global in
 * a stripped module (`resolveStackPointer`). A stripped module with several candidates (clang
 * runs wasm-opt when it is on PATH, and wasm-opt strips names) needs the code read: the kernel
 * front end (@wasi-parallel/kernel) knows the one mutable i32 global the code both reads and
 * writes. It loads binaryen, so it is imported only here, on this rare path.
 */
export async function findStackPointer(kernel: AdmittedKernel): Promise<StackPointerGlobal | undefined> {
  const { facts } = kernel;
  if (facts.stackPointer || facts.globalsNamed || facts.stackPointerCandidates.length < 2) return resolveStackPointer(kernel);
  try {
    const { loadKernel } = await import('@wasi-parallel/kernel');
    const ir = await loadKernel(kernel.bytes);
    if (!ir.stack) return undefined;
    const index = ir.globals.findIndex((global) => global.name === ir.stack!.pointerGlobal);
    const found = facts.stackPointerCandidates.find((candidate) => candidate.index === index);
    return found && looksLikeStackTop(found) ? found : undefined;
  } catch {
    // The front end is missing or refused the kernel: no stack pointer can be told apart.
    return undefined;
  }
}
