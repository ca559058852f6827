import {
  ENGINE_FEATURES,
  ErrorCode,
  WasiParallelError,
  buildFusedKernel,
  checkKernelModule,
  type KernelMemoryImport,
  type KernelShape,
  type KernelSource,
} from '@wasi-parallel/core';
import { analyseKernel, type KernelAnalysis } from './wasm/kernel-analysis.js';
import { rewriteKernel } from './wasm/kernel-rewrite.js';
import { findStrippedStackPointer } from './wasm/stripped-stack-pointer.js';

/** How a kernel's chunks run, for `lastCall`, `--verbose` and the docs' claims. */
export interface ChunkLoop {
  /** `inlined`: the body sits in the chunk loop; `called`: the loop calls it (see `fusedReason`). */
  readonly fused: 'inlined' | 'called';
  readonly fusedReason?: string;
  /** 4 when the loop runs four iterations per SIMD lane group, else 1 with `scalarReason`. */
  readonly lanes: 1 | 4;
  readonly scalarReason?: string;
}

/** A kernel compiled once for every worker and memory mode (see `rewriteKernel`). */
export interface PreparedKernel {
  readonly hash: string;
  readonly memory: KernelMemoryImport;
  readonly shape: KernelShape;
  readonly analysis: KernelAnalysis;
  /** The kernel fused with its chunk loop (`run`, `current`; `kernel` for the JS loop). */
  readonly module: WebAssembly.Module;
  readonly loop: ChunkLoop;
}

function unreadable(error: unknown): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_KERNEL, `cannot read the kernel's sections: ${(error as Error).message}`);
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
async function vectorised(source: KernelSource, wanted: boolean, analysis: KernelAnalysis): Promise<{ bytes: Uint8Array } | { reason: string }> {
  if (!wanted) return { reason: 'vectorise is off' };
  if (!ENGINE_FEATURES.simd) return { reason: 'the engine has no SIMD' };
  // Each worker points its own stack pointer at its own stack; a lane group would need four.
  if (analysis.stackPointer) return { reason: 'the kernel keeps a shadow stack' };
  try {
    const { loadKernel, vectoriseKernel } = await import('@wasi-parallel/kernel');
    const plan = vectoriseKernel(await loadKernel(source.bytes));
    return plan.vectorised ? { bytes: plan.bytes } : { reason: plan.reason };
  } catch (error) {
    return { reason: `the kernel front end cannot read it (${(error as Error).message})` };
  }
}

export async function prepareKernel(source: KernelSource, options: { readonly vectorise: boolean }): Promise<PreparedKernel> {
  const { memory, shape } = checkKernelModule(source.bytes);
  let analysis: KernelAnalysis;
  let bytes: Uint8Array;
  try {
    analysis = analyseKernel(source.bytes);
  } catch (error) {
    throw unreadable(error);
  }
  const stackPointer = await findStrippedStackPointer(source.bytes, analysis);
  analysis = { ...analysis, stackPointer };
  let fused;
  try {
    bytes = rewriteKernel(source.bytes, memory, analysis);
    fused = buildFusedKernel(bytes);
  } catch (error) {
    throw unreadable(error);
  }
  const fusedLoop = { fused: fused.inlined ? 'inlined' : 'called', ...(fused.reason ? { fusedReason: fused.reason } : {}) } as const;
  let vector = await vectorised(source, options.vectorise, analysis);
  if ('bytes' in vector) {
    try {
      const module = await WebAssembly.compile(vector.bytes as Uint8Array<ArrayBuffer>);
      return { hash: source.hash, memory, shape, analysis, module, loop: { ...fusedLoop, lanes: 4 } };
    } catch (error) {
      // A vectoriser bug costs speed, never the call.
      vector = { reason: `the vectorised module did not compile: ${(error as Error).message}` };
    }
  }
  const module = await compile(fused.bytes);
  return { hash: source.hash, memory, shape, analysis, module, loop: { ...fusedLoop, lanes: 1, scalarReason: vector.reason } };
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
