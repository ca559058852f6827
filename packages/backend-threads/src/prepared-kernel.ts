import { ErrorCode, WasiParallelError, checkKernelModule, type KernelMemoryImport, type KernelShape, type KernelSource } from '@wasi-parallel/core';
import { analyseKernel, type KernelAnalysis } from './wasm/kernel-analysis.js';
import { rewriteKernel } from './wasm/kernel-rewrite.js';
import { findStrippedStackPointer } from './wasm/stripped-stack-pointer.js';

/** A kernel compiled once for every worker and memory mode (see `rewriteKernel`). */
export interface PreparedKernel {
  readonly hash: string;
  readonly memory: KernelMemoryImport;
  readonly shape: KernelShape;
  readonly analysis: KernelAnalysis;
  readonly module: WebAssembly.Module;
}

export async function prepareKernel(source: KernelSource): Promise<PreparedKernel> {
  const { memory, shape } = checkKernelModule(source.bytes);
  let analysis: KernelAnalysis;
  let bytes: Uint8Array;
  try {
    analysis = analyseKernel(source.bytes);
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `cannot read the kernel's sections: ${(error as Error).message}`);
  }
  const stackPointer = await findStrippedStackPointer(source.bytes, analysis);
  analysis = { ...analysis, stackPointer };
  try {
    bytes = rewriteKernel(source.bytes, memory, analysis);
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `cannot read the kernel's sections: ${(error as Error).message}`);
  }
  try {
    // Compiled off the main thread's critical path; the workers get this Module, never bytes.
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    return { hash: source.hash, memory, shape, analysis, module };
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the engine cannot compile the kernel: ${(error as Error).message}`);
  }
}

/**
 * Why a kernel cannot run in place over a guest memory, or undefined when it can. Both
 * reasons are about bytes instantiation would write: the guest's own data lives at the same
 * low addresses the kernel's data segments (and wasm-ld's `__wasm_init_memory`) target.
 */
export function guestZeroCopyBlocker(kernel: PreparedKernel, memory: WebAssembly.Memory): string | undefined {
  if (!(memory.buffer instanceof SharedArrayBuffer)) return 'the guest memory is not shared';
  if (kernel.analysis.hasDataSegments) return 'the kernel has data segments, which would overwrite the guest’s own data';
  if (kernel.analysis.hasStart) return 'the kernel has a start function, which may write the guest’s memory';
  return undefined;
}
