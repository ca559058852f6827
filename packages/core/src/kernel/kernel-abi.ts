import type { KernelMemoryImport } from '../contracts/kernel.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { readKernelShape, type FunctionSignature, type KernelShape } from './kernel-shape.js';
import { WasmFormatError } from './wasm-reader.js';

/** Number of i32 params `kernel` takes for k buffers: iteration id, count, block size, then (ptr, len) per buffer. */
export function kernelParamCount(bufferCount: number): number {
  return 3 + 2 * bufferCount;
}

function describe(signature: FunctionSignature): string {
  return `(${signature.params.join(', ')}) -> (${signature.results.join(', ')})`;
}

function invalid(message: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_KERNEL, message);
}

/**
 * Checks the parts of the kernel ABI (docs/kernel-abi.md) that do not depend on the call:
 * a valid module, one memory import and nothing else, an exported function `kernel` taking
 * only i32s and returning nothing. Returns the memory import. Throws INVALID_KERNEL.
 */
export function checkKernelModule(bytes: Uint8Array): { memory: KernelMemoryImport; shape: KernelShape } {
  let shape: KernelShape;
  try {
    shape = readKernelShape(bytes);
  } catch (error) {
    if (error instanceof WasmFormatError) throw invalid(`the kernel is not a WebAssembly module: ${error.message}`);
    throw error;
  }
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
    // Compile only to get the engine's reason; validate() says no more than false.
    let reason = 'it does not validate';
    try {
      new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    } catch (error) {
      reason = (error as Error).message;
    }
    throw invalid(`the kernel is not a valid WebAssembly module: ${reason}`);
  }
  const foreign = shape.imports.find((entry) => entry.kind !== 'memory');
  if (foreign) {
    throw invalid(
      `the kernel imports ${foreign.kind} \`${foreign.module}.${foreign.field}\`; a kernel may import only one memory`,
    );
  }
  if (shape.imports.length !== 1) {
    throw invalid(
      shape.imports.length === 0
        ? 'the kernel imports no memory; it must import exactly one (shared) memory that holds the buffers'
        : `the kernel imports ${shape.imports.length} memories; it must import exactly one`,
    );
  }
  const memoryImport = shape.imports[0]!;
  const limits = memoryImport.limits!;
  if (limits.memory64) throw invalid('the kernel imports a 64-bit memory; kernels use 32-bit memories');
  if (limits.min > LIMITS.MAX_WASM_PAGES) throw invalid(`the kernel's memory minimum of ${limits.min} pages exceeds 4 GiB`);
  if (!shape.kernel) {
    throw invalid(
      shape.kernelExportKind
        ? `the export \`kernel\` is a ${shape.kernelExportKind}; it must be a function`
        : 'the kernel exports no function named `kernel`',
    );
  }
  const nonI32 = shape.kernel.params.some((type) => type !== 'i32');
  if (nonI32 || shape.kernel.results.length > 0 || (shape.kernel.params.length - 3) % 2 !== 0 || shape.kernel.params.length < 3) {
    throw invalid(
      `\`kernel\` has signature ${describe(shape.kernel)}; it must take 3 + 2·k i32 params ` +
        '(iteration id, iteration count, block size, then a pointer and a length per buffer) and return nothing',
    );
  }
  return {
    shape,
    memory: {
      module: memoryImport.module,
      field: memoryImport.field,
      minPages: limits.min,
      maxPages: limits.max,
      shared: limits.shared,
    },
  };
}

/** Checks that an admitted kernel takes exactly this many buffers. Throws INVALID_KERNEL. */
export function checkKernelArity(kernel: { readonly bufferCount: number }, bufferCount: number): void {
  if (kernel.bufferCount !== bufferCount) {
    throw invalid(
      `\`kernel\` takes ${kernelParamCount(kernel.bufferCount)} params, which fits ${kernel.bufferCount} buffers, but the call passes ${bufferCount} ` +
        `buffers (expected ${kernelParamCount(bufferCount)} i32 params)`,
    );
  }
}
