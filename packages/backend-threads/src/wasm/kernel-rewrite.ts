import type { KernelMemoryImport } from '@wasi-parallel/core';
import { LIMITS } from '@wasi-parallel/core';
import type { KernelAnalysis } from './kernel-analysis.js';
import { WasmReader, SectionId, encodeName, encodeU32, readSections, writeModule, type Section } from '@wasi-parallel/core';

/** The export through which each worker points its instance's stack pointer at its own stack. */
export const STACK_POINTER_EXPORT = '__wasi_parallel_stack_pointer';

/**
 * The kernel as this backend instantiates it, one module for every memory mode:
 * - the memory import becomes `shared`, minimum 0, maximum 4 GiB, keeping its module and field
 *   names. A shared import links any shared memory, so one compiled module serves both the
 *   guest's memory and the backend's own; a kernel declared with an unshared memory is
 *   upgraded so all workers can run it (its code is the same on a shared memory).
 * - the stack pointer, when there is one, is exported so each worker can move it.
 * Adding an export shifts no index, so the code section is left untouched.
 */
export function rewriteKernel(bytes: Uint8Array, memory: KernelMemoryImport, analysis: KernelAnalysis): Uint8Array {
  const importEntry = [
    ...encodeName(memory.module),
    ...encodeName(memory.field),
    0x02, // memory
    0x03, // limits flags: has maximum, shared
    ...encodeU32(0),
    ...encodeU32(LIMITS.MAX_WASM_PAGES),
  ];
  const sections: Pick<Section, 'id' | 'content'>[] = readSections(bytes).map((section) => {
    if (section.id === SectionId.IMPORT) return { id: section.id, content: Uint8Array.from([...encodeU32(1), ...importEntry]) };
    if (section.id === SectionId.EXPORT && analysis.stackPointer) {
      const reader = new WasmReader(section.content);
      const count = reader.u32();
      const entries = section.content.subarray(reader.offset);
      const added = [...encodeName(STACK_POINTER_EXPORT), 0x03 /* global */, ...encodeU32(analysis.stackPointer.index)];
      return { id: section.id, content: Uint8Array.from([...encodeU32(count + 1), ...entries, ...added]) };
    }
    return section;
  });
  return writeModule(sections);
}
