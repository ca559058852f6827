import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { checkKernelModule, type KernelMemoryImport } from './kernel-abi.js';
import type { KernelShape } from './kernel-shape.js';

/** A kernel that passed the module-level ABI check, compiled by the engine. */
export interface CompiledKernel {
  readonly module: WebAssembly.Module;
  readonly memory: KernelMemoryImport;
  readonly shape: KernelShape;
}

export function compileKernel(bytes: Uint8Array): CompiledKernel {
  const { memory, shape } = checkKernelModule(bytes);
  try {
    return { module: new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), memory, shape };
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the engine cannot compile the kernel: ${(error as Error).message}`);
  }
}

/** The import object that links a kernel's one memory import, whatever its names. */
export function kernelImports(memory: KernelMemoryImport, instanceMemory: WebAssembly.Memory): WebAssembly.Imports {
  return { [memory.module]: { [memory.field]: instanceMemory } };
}
