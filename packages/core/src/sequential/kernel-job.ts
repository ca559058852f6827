import type { KernelMemoryImport } from '../contracts/kernel.js';
import { fusedExports, runFusedChunk } from '../kernel/fused-kernel.js';
import { STACK_POINTER_EXPORT } from '../kernel/shared-memory-kernel.js';

/**
 * A memory the job's thread makes: the copy path of a kernel whose memory import is not
 * shared (a shared one is made by the device and passed as a `WebAssembly.Memory`).
 */
export interface OwnMemorySpec {
  readonly pages: number;
  readonly maxPages: number | undefined;
  /** The buffers' bytes and where they go. */
  readonly placements: readonly { readonly offset: number; readonly bytes: Uint8Array }[];
  /** The regions to send back after the run: the writable buffers. */
  readonly readBack: readonly { readonly offset: number; readonly size: number }[];
}

/** One call of the sequential device, as a message its kernel thread can take. */
export interface KernelJob {
  readonly module: WebAssembly.Module;
  readonly memoryImport: KernelMemoryImport;
  /** The guest's shared memory (zero copy), or how to make one of its own (copy path). */
  readonly memory: WebAssembly.Memory | OwnMemorySpec;
  /** Where the instance's stack starts, when the device gave it a stack of its own. */
  readonly stackTop?: number;
  readonly numIterations: number;
  readonly blockSize: number;
  /** (pointer, length) per buffer, in call order. */
  readonly bufferArgs: readonly number[];
}

export type KernelOutcome =
  | { readonly status: 'done'; readonly regions: readonly Uint8Array[] }
  /** An iteration trapped; `iteration` is undefined when instantiation (a start function) did. */
  | { readonly status: 'trapped'; readonly iteration: number | undefined; readonly message: string }
  /** The module did not link or instantiate for a reason other than a trap. */
  | { readonly status: 'unlinkable'; readonly message: string }
  | { readonly status: 'timed-out' }
  /** The memory the job needs cannot be had. */
  | { readonly status: 'out-of-memory'; readonly message: string }
  /** The kernel's thread died (out of memory, terminated). */
  | { readonly status: 'lost'; readonly message: string };

function isTrap(error: unknown): boolean {
  // A wasm stack overflow surfaces as RangeError; for the caller it is a trap like any other.
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

function makeMemory(spec: OwnMemorySpec): WebAssembly.Memory {
  const memory = new WebAssembly.Memory({ initial: spec.pages, maximum: spec.maxPages });
  const view = new Uint8Array(memory.buffer);
  for (const placement of spec.placements) view.set(placement.bytes, placement.offset);
  return memory;
}

/**
 * Runs a job where it is: one instance, iterations 0…N-1 in order, as the reference device
 * defines. Whoever calls it decides the thread (the kernel worker, or inline where there is no
 * worker); the outcome is plain data either way.
 */
export function runKernelJob(job: KernelJob): KernelOutcome {
  let memory: WebAssembly.Memory;
  try {
    memory = job.memory instanceof WebAssembly.Memory ? job.memory : makeMemory(job.memory);
  } catch (error) {
    return { status: 'out-of-memory', message: `cannot allocate the kernel's memory: ${(error as Error).message}` };
  }
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(job.module, { [job.memoryImport.module]: { [job.memoryImport.field]: memory } });
  } catch (error) {
    if (isTrap(error)) return { status: 'trapped', iteration: undefined, message: (error as Error).message };
    return { status: 'unlinkable', message: (error as Error).message };
  }
  if (job.stackTop !== undefined) (instance.exports[STACK_POINTER_EXPORT] as WebAssembly.Global).value = job.stackTop;
  // The module is the kernel fused with its loop: `run(0, N, N, blockSize, ptr0, len0, …)`.
  const failure = runFusedChunk(fusedExports(instance), [0, job.numIterations, job.numIterations, job.blockSize, ...job.bufferArgs]);
  if (failure) {
    const { iteration, error } = failure;
    if (isTrap(error)) return { status: 'trapped', iteration, message: (error as Error).message };
    return { status: 'lost', message: `iteration ${iteration} failed: ${(error as Error).message}` };
  }
  // The memory's current buffer: the kernel may have grown it.
  const after = new Uint8Array(memory.buffer);
  const regions = job.memory instanceof WebAssembly.Memory ? [] : job.memory.readBack.map(({ offset, size }) => after.slice(offset, offset + size));
  return { status: 'done', regions };
}
