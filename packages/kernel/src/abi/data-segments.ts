import { LIMITS } from '@wasi-parallel/core';
import type { KernelMemory } from '../ir/module.js';
import { invalidKernel } from '../errors.js';
import type { DataSegmentFacts } from './module-facts.js';

/**
 * Active data segments are written at every instantiation, and devices instantiate a kernel
 * per iteration or per worker. One that reached into the buffer region (at and above the
 * kernel's declared minimum memory, where core's `layoutBuffers` places buffers) would
 * overwrite buffers mid-call, so it is refused. Segments inside the kernel's own low region
 * (clang's `.rodata`/`.data`) are accepted: they rewrite the same constants each time.
 */
export function checkDataSegments(segments: readonly DataSegmentFacts[], memory: KernelMemory): void {
  const ownRegion = memory.minPages * LIMITS.WASM_PAGE_SIZE;
  segments.forEach((segment, index) => {
    if (segment.offset === undefined || segment.size === 0) return;
    const end = segment.offset + segment.size;
    if (end > ownRegion) {
      throw invalidKernel(
        `active data segment ${index} covers bytes ${segment.offset}..${end}, above the kernel's declared minimum ` +
          `memory (${memory.minPages} pages = ${ownRegion} bytes) where buffers are placed; it would overwrite buffers ` +
          'at every instantiation. Keep static data below the minimum, or make the segment passive',
      );
    }
  });
}
