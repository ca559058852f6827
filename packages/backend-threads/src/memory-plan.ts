import { ErrorCode, LIMITS, WasiParallelError, layoutBuffers, layoutForKernel, stackTops, type AdmittedKernel } from '@wasi-parallel/core';

const PAGE = LIMITS.WASM_PAGE_SIZE;

function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE);
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
  place(kernel: AdmittedKernel, sizes: readonly number[]): readonly number[] {
    // Core's one rule, so every device refuses the same calls.
    layoutForKernel(kernel, sizes);
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
