import type { AdmittedKernel } from '../contracts/kernel.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { resolveStackPointer } from './shared-memory-kernel.js';

export interface BufferLayout {
  /** Offset of each buffer in the kernel's memory, in call order. */
  readonly offsets: readonly number[];
  /** Pages the memory needs to hold the kernel's own region and every buffer. */
  readonly pages: number;
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/**
 * Places buffers in a memory the device owns. The region below the kernel's declared minimum
 * is the kernel's own: clang puts static data and the shadow stack there (below
 * `__heap_base`), so buffers start above it, each aligned for any wasm access.
 */
export function layoutBuffers(minPages: number, sizes: readonly number[]): BufferLayout {
  let cursor = Math.max(minPages, 1) * LIMITS.WASM_PAGE_SIZE;
  const offsets = sizes.map((size) => {
    const offset = alignUp(cursor, LIMITS.BUFFER_ALIGNMENT);
    cursor = offset + size;
    return offset;
  });
  return { offsets, pages: Math.max(minPages, Math.ceil(cursor / LIMITS.WASM_PAGE_SIZE)) };
}

/**
 * Where buffers go in a memory of the device's own, and the one OUT_OF_MEMORY rule for devices
 * that place them there: everything must fit below the maximum the kernel declares. Every such
 * device calls this, so they all refuse the same calls with the same message.
 *
 * Buffers go above the kernel's declared region. When that does not fit and the call comes
 * from a guest whose buffers alias its memory (`guestPointers`), the guest's layout is
 * mirrored instead — each buffer at its guest offset — which is what the prototype's kernels
 * assume: they import a fixed memory as large as the guest's and run over it. Mirroring needs
 * a kernel that writes nothing of its own into memory at instantiation (data segments, a
 * start function) and keeps its stack below every buffer.
 */
export function layoutForKernel(kernel: AdmittedKernel, sizes: readonly number[], guestPointers?: readonly number[]): BufferLayout {
  const { memory } = kernel;
  const maxPages = memory.maxPages ?? LIMITS.MAX_WASM_PAGES;
  const layout = layoutBuffers(memory.minPages, sizes);
  if (layout.pages <= maxPages) return layout;
  const mirrored = guestPointers && mirrorsGuest(kernel, guestPointers) ? mirrorGuest(memory.minPages, sizes, guestPointers) : undefined;
  if (mirrored && mirrored.pages <= maxPages) return mirrored;
  throw new WasiParallelError(
    ErrorCode.OUT_OF_MEMORY,
    `the kernel's memory is limited to ${maxPages} pages but its region and buffers need ${layout.pages}; ` +
      'raise the maximum the kernel declares (e.g. -Wl,--max-memory=…)',
  );
}

function mirrorsGuest(kernel: AdmittedKernel, guestPointers: readonly number[]): boolean {
  if (kernel.facts.hasDataSegments || kernel.facts.hasStart) return false;
  const stack = resolveStackPointer(kernel);
  return !stack || guestPointers.every((pointer) => pointer >= stack.initial);
}

function mirrorGuest(minPages: number, sizes: readonly number[], guestPointers: readonly number[]): BufferLayout {
  const end = sizes.reduce((top, size, i) => Math.max(top, guestPointers[i]! + size), 0);
  return { offsets: guestPointers, pages: Math.max(minPages, Math.ceil(end / LIMITS.WASM_PAGE_SIZE)) };
}
