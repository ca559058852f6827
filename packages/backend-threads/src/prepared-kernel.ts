import { ErrorCode, WasiParallelError, sharedMemoryKernel, type AdmittedKernel, type StackPointerGlobal } from '@wasi-parallel/core';
import { findStackPointer } from './wasm/stripped-stack-pointer.js';

/** A kernel compiled once for every worker and memory mode (see core's `sharedMemoryKernel`). */
export interface PreparedKernel {
  readonly admitted: AdmittedKernel;
  /** The shadow-stack pointer each worker moves to a stack of its own, when the kernel has one. */
  readonly stackPointer: StackPointerGlobal | undefined;
  readonly module: WebAssembly.Module;
}

export async function prepareKernel(admitted: AdmittedKernel): Promise<PreparedKernel> {
  const stackPointer = await findStackPointer(admitted);
  const bytes = sharedMemoryKernel(admitted, stackPointer);
  try {
    // Compiled off the main thread's critical path; the workers get this Module, never bytes.
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    return { admitted, stackPointer, module };
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the engine cannot compile the kernel: ${(error as Error).message}`);
  }
}
