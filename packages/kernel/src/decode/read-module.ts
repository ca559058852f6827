import type { AdmittedKernel, KernelMemoryImport } from '@wasi-parallel/core';
import { invalidKernel } from '../errors.js';
import { FRONT_END_LIMITS } from '../limits.js';
import { binaryen, KERNEL_FEATURES, type BinaryenModule } from './binaryen.js';
import { captureOutput, firstComplaint } from './capture-output.js';
import { checkNesting } from './nesting.js';
import { withoutCustomSections } from './sections.js';

export interface ReadModule {
  readonly module: BinaryenModule;
  readonly memory: KernelMemoryImport;
  readonly bufferCount: number;
}

function binaryenMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  // binaryen throws a C++ exception object (a pointer); its text goes to stderr.
  return 'binaryen cannot read it';
}

function tryRead(bytes: Uint8Array): BinaryenModule | Error {
  const { value } = captureOutput(() => {
    try {
      return binaryen.readBinary(bytes);
    } catch (error) {
      return new Error(binaryenMessage(error));
    }
  });
  return value;
}

/** The section walk cannot fail on bytes the engine validated; if it ever does, the kernel is refused, typed. */
function stripped(bytes: Uint8Array, keep: readonly string[]): Uint8Array {
  try {
    return withoutCustomSections(bytes, keep);
  } catch (error) {
    throw invalidKernel(`the kernel's sections cannot be walked: ${(error as Error).message}`, undefined, error);
  }
}

/**
 * Decodes an admitted kernel (core's `admitKernel` already ran the engine's validation and the
 * module-level ABI check) into a binaryen module: size bound, then binaryen with the kernel
 * feature set, then binaryen's validator. The caller owns the module and must `dispose()` it.
 */
export function readKernelModule(kernel: AdmittedKernel): ReadModule {
  const bytes = kernel.bytes;
  if (bytes.length > FRONT_END_LIMITS.MAX_KERNEL_BYTES) {
    throw invalidKernel(`the kernel is ${bytes.length} bytes; the front end accepts at most ${FRONT_END_LIMITS.MAX_KERNEL_BYTES}`);
  }
  // Names make IR and messages readable; a name section binaryen cannot read is dropped.
  let module = tryRead(stripped(bytes, ['name']));
  if (module instanceof Error) module = tryRead(stripped(bytes, []));
  if (module instanceof Error) throw invalidKernel(`binaryen cannot decode the kernel: ${module.message}`);
  module.setFeatures(KERNEL_FEATURES);
  const validation = captureOutput(() => module.validate());
  if (!validation.value) {
    module.dispose();
    const reason = firstComplaint(validation.output);
    throw invalidKernel(
      `the kernel uses a WebAssembly feature outside the kernel feature set${reason ? ` (binaryen: ${reason})` : ''}; ` +
        'kernels may use threads, bulk memory, SIMD, sign-extension, saturating float-to-int, mutable globals and ' +
        'multi-value, not exceptions, reference types, tail calls, GC or memory64',
    );
  }
  try {
    if (module.getNumFunctions() > FRONT_END_LIMITS.MAX_FUNCTIONS) {
      throw invalidKernel(`the kernel has ${module.getNumFunctions()} functions; the front end accepts at most ${FRONT_END_LIMITS.MAX_FUNCTIONS}`);
    }
    checkNesting(module);
  } catch (error) {
    module.dispose();
    throw error;
  }
  return { module, memory: kernel.memory, bufferCount: kernel.bufferCount };
}
