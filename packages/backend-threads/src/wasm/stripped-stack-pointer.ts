import type { KernelAnalysis, StackPointer } from './kernel-analysis.js';

/** The ABI's stack alignment: a stack top is a multiple of it. */
const STACK_ALIGNMENT = 16;

/**
 * Finds the stack pointer of a kernel whose name section is gone (clang runs wasm-opt when it
 * is on PATH, and wasm-opt strips names). The kernel front end (@wasi-parallel/kernel) knows:
 * the one mutable i32 global the code both reads and writes. It loads binaryen, so it is
 * imported only here, on this rare path. Without it, a lone candidate is taken. Either way the
 * start value must look like a stack top (positive, 16-aligned): a hand-written kernel's own
 * counter starting at 0 or -1 is never mistaken for a stack and moved.
 */
export async function findStrippedStackPointer(bytes: Uint8Array, analysis: KernelAnalysis): Promise<StackPointer | undefined> {
  if (analysis.stackPointer || analysis.globalsNamed || analysis.stackPointerCandidates.length === 0) return analysis.stackPointer;
  try {
    const { loadKernel } = await import('@wasi-parallel/kernel');
    const ir = await loadKernel(bytes);
    if (!ir.stack) return undefined;
    const index = ir.globals.findIndex((global) => global.name === ir.stack!.pointerGlobal);
    const found = analysis.stackPointerCandidates.find((candidate) => candidate.index === index);
    if (found) return looksLikeStackTop(found) ? found : undefined;
  } catch {
    // The front end is missing or refused the kernel: fall through to the shape rule.
  }
  const [only, ...others] = analysis.stackPointerCandidates;
  return only && others.length === 0 && looksLikeStackTop(only) ? only : undefined;
}

function looksLikeStackTop(candidate: StackPointer): boolean {
  return candidate.initial > 0 && candidate.initial % STACK_ALIGNMENT === 0;
}
