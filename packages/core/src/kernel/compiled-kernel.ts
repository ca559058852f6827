import type { AdmittedKernel, KernelMemoryImport } from '../contracts/kernel.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';

/** Compiles an admitted kernel with the engine. Throws INVALID_KERNEL when the engine refuses it. */
export function compileKernel(kernel: AdmittedKernel): WebAssembly.Module {
  try {
    return new WebAssembly.Module(kernel.bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the engine cannot compile the kernel: ${(error as Error).message}`);
  }
}

/** The import object that links a kernel's one memory import, whatever its names. */
export function kernelImports(memory: KernelMemoryImport, instanceMemory: WebAssembly.Memory): WebAssembly.Imports {
  return { [memory.module]: { [memory.field]: instanceMemory } };
}
