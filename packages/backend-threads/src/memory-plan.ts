import { ErrorCode, LIMITS, WasiParallelError, layoutBuffers } from '@wasi-parallel/core';
import type { KernelAnalysis } from './wasm/kernel-analysis.js';

const PAGE = LIMITS.WASM_PAGE_SIZE;
/** wasm-ld's default `-z stack-size`. */
export const DEFAULT_STACK_BYTES = 64 * 1024;
/** The stack pointer must stay 16-byte aligned (the wasm32 C ABI). */
const STACK_ALIGNMENT = 16;

function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE);
}

/**
 * Bytes of stack each worker gets: the option when given, else at least wasm-ld's default and
 * at least the kernel's own initial stack pointer (an upper bound on the stack it was linked
 * with), so a kernel never has less stack here than in a single instance.
 */
export function stackBytesPerWorker(analysis: KernelAnalysis, option: number | undefined): number {
  if (!analysis.stackPointer) return 0;
  const bytes = option ?? Math.max(DEFAULT_STACK_BYTES, analysis.stackPointer.initial);
  return Math.ceil(bytes / STACK_ALIGNMENT) * STACK_ALIGNMENT;
}

/** Worker w's stack runs down from the top of the w-th region above `base`. */
export function stackTops(base: number, bytesPerWorker: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, w) => base + (w + 1) * bytesPerWorker);
}

/**
 * The shared memory the backend owns for one kernel on the copy path:
 *
 *   [0, min)                 the kernel's own region (data, its linked stack, bss)
 *   [min, min + stacks)      one stack per worker, when the kernel has a stack pointer
 *   [.., ..)                 the call's buffers, laid out by core's `layoutBuffers`
 *
 * The stacks sit below the buffers so they never move when a later call's buffers differ;
 * the memory only grows.
 */
export class CopyMemory {
  readonly memory: WebAssembly.Memory;
  readonly stackTops: readonly number[] | undefined;
  readonly #ownPages: number;
  readonly #declaredMax: number;
  readonly #maxPages: number;

  constructor(minPages: number, declaredMax: number | undefined, stackBytes: number, workers: number) {
    const ownPages = Math.max(minPages, 1);
    const stackPages = pagesFor(stackBytes * workers);
    this.#ownPages = ownPages + stackPages;
    this.#declaredMax = declaredMax ?? LIMITS.MAX_WASM_PAGES;
    // The stacks are ours, not the kernel's: they may go past the maximum it declares.
    this.#maxPages = Math.min(LIMITS.MAX_WASM_PAGES, this.#declaredMax + stackPages);
    this.stackTops = stackBytes > 0 ? stackTops(ownPages * PAGE, stackBytes, workers) : undefined;
    try {
      this.memory = new WebAssembly.Memory({ initial: this.#ownPages, maximum: this.#maxPages, shared: true } as WebAssembly.MemoryDescriptor);
    } catch (error) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `cannot allocate the kernel's memory: ${(error as Error).message}`);
    }
  }

  /** Places the call's buffers, growing the memory when they need more room; returns their offsets. */
  place(minPages: number, sizes: readonly number[]): readonly number[] {
    // The same rule as the sequential device, so both refuse the same calls.
    const declared = layoutBuffers(minPages, sizes);
    if (declared.pages > this.#declaredMax) {
      throw new WasiParallelError(
        ErrorCode.OUT_OF_MEMORY,
        `the kernel's memory is limited to ${this.#declaredMax} pages but its region and buffers need ${declared.pages}; ` +
          'raise the maximum the kernel declares (e.g. -Wl,--max-memory=…)',
      );
    }
    const layout = layoutBuffers(this.#ownPages, sizes);
    const current = this.memory.buffer.byteLength / PAGE;
    if (layout.pages > current) {
      try {
        this.memory.grow(layout.pages - current);
      } catch (error) {
        throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `cannot grow the kernel's memory to ${layout.pages} pages: ${(error as Error).message}`);
      }
    }
    return layout.offsets;
  }
}

/** Stack regions carved out of guest memories, so later calls reuse them instead of growing again. */
const guestStacks = new WeakMap<WebAssembly.Memory, { base: number; bytesPerWorker: number; workers: number }>();

/**
 * Grows the guest's memory by one stack per worker (once per memory and stack size) and
 * returns each worker's stack top, or undefined when the memory cannot grow that far. The
 * guest never learns of the region: its allocator only uses memory it grew itself, and a
 * later `memory.grow` by the guest starts above ours.
 */
export function reserveGuestStacks(memory: WebAssembly.Memory, bytesPerWorker: number, workers: number): number[] | undefined {
  const known = guestStacks.get(memory);
  if (known && known.bytesPerWorker >= bytesPerWorker && known.workers >= workers) {
    return stackTops(known.base, known.bytesPerWorker, workers);
  }
  let base: number;
  try {
    base = memory.grow(pagesFor(bytesPerWorker * workers)) * PAGE;
  } catch {
    return undefined;
  }
  guestStacks.set(memory, { base, bytesPerWorker, workers });
  return stackTops(base, bytesPerWorker, workers);
}
