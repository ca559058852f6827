import { LIMITS } from '../limits.js';

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
