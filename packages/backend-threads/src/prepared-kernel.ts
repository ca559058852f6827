import {
  ENGINE_FEATURES,
  ErrorCode,
  WasiParallelError,
  buildFusedKernel,
  sharedMemoryKernel,
  type AdmittedKernel,
  type StackPointerGlobal,
} from '@wasi-parallel/core';
import { findStackPointer } from './wasm/stripped-stack-pointer.js';

/** How a kernel's chunks run, for `lastCall`, `--verbose` and the docs' claims. */
export interface ChunkLoop {
  /** `inlined`: the body sits in the chunk loop; `called`: the loop calls it (see `fusedReason`). */
  readonly fused: 'inlined' | 'called';
  readonly fusedReason?: string;
  /** 4 when the loop runs four iterations per SIMD lane group, else 1 with `scalarReason`. */
  readonly lanes: 1 | 4;
  readonly scalarReason?: string;
}

/** A kernel compiled once for every worker and memory mode (see core's `sharedMemoryKernel`). */
export interface PreparedKernel {
  readonly admitted: AdmittedKernel;
  /** The shadow-stack pointer each worker moves to a stack of its own, when the kernel has one. */
  readonly stackPointer: StackPointerGlobal | undefined;
  /** The kernel fused with its chunk loop (core's FUSED_EXPORTS, plus `kernel` for the JS loop). */
  readonly module: WebAssembly.Module;
  readonly loop: ChunkLoop;
}

async function compile(bytes: Uint8Array): Promise<WebAssembly.Module> {
  try {
    // Compiled off the main thread's critical path; the workers get this Module, never bytes.
    return await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the engine cannot compile the kernel: ${(error as Error).message}`);
  }
}

/**
 * The vectorised module, or why there is none. The front end (binaryen) loads only here;
 * a kernel it refuses (a feature it does not model) still runs, on the scalar loop.
 */
async function vectorised(admitted: AdmittedKernel, wanted: boolean): Promise<{ bytes: Uint8Array } | { reason: string }> {
  if (!wanted) return { reason: 'vectorise is off' };
  if (!ENGINE_FEATURES.simd) return { reason: 'the engine has no SIMD' };
  // A kernel that uses its shadow stack is refused by the vectoriser (a lane group would need
  // four stacks); clang declares `__stack_pointer` in kernels that never touch it.
  try {
    const { loadKernel, vectoriseKernel } = await import('@wasi-parallel/kernel');
    const plan = vectoriseKernel(await loadKernel(admitted.bytes));
    return plan.vectorised ? { bytes: plan.bytes } : { reason: plan.reason };
  } catch (error) {
    return { reason: `the kernel front end cannot read it (${(error as Error).message})` };
  }
}

export async function prepareKernel(admitted: AdmittedKernel, options: { readonly vectorise: boolean }): Promise<PreparedKernel> {
  const stackPointer = await findStackPointer(admitted);
  const fused = buildFusedKernel(sharedMemoryKernel(admitted, stackPointer));
  const fusedLoop = { fused: fused.inlined ? 'inlined' : 'called', ...(fused.reason ? { fusedReason: fused.reason } : {}) } as const;
  let vector = await vectorised(admitted, options.vectorise);
  if ('bytes' in vector) {
    try {
      const module = await WebAssembly.compile(vector.bytes as Uint8Array<ArrayBuffer>);
      return { admitted, stackPointer, module, loop: { ...fusedLoop, lanes: 4 } };
    } catch (error) {
      // A vectoriser bug costs speed, never the call.
      vector = { reason: `the vectorised module did not compile: ${(error as Error).message}` };
    }
  }
  return { admitted, stackPointer, module: await compile(fused.bytes), loop: { ...fusedLoop, lanes: 1, scalarReason: vector.reason } };
}
