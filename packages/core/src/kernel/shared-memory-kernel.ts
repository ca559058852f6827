import type { AdmittedKernel, StackPointerGlobal } from '../contracts/kernel.js';
import { LIMITS } from '../limits.js';
import { SectionId, WasmReader, encodeName, encodeU32, readSections, writeModule, type Section } from './wasm-reader.js';

/** The export through which a device points an instance's stack pointer at a stack of its own. */
export const STACK_POINTER_EXPORT = '__wasi_parallel_stack_pointer';

/**
 * The kernel as devices instantiate it over a memory they share with others (the guest's, or
 * one their workers share):
 * - the memory import becomes `shared`, minimum 0, maximum 4 GiB, keeping its module and field
 *   names. A shared import links any shared memory, so one compiled module serves the guest's
 *   memory and the device's own; a kernel declared with an unshared memory is upgraded, its
 *   code being the same on a shared memory.
 * - the stack pointer, when there is one, is exported so each instance can be given its own
 *   stack (`stackPointer`: the caller's choice, see `resolveStackPointer`).
 * Adding an export shifts no index, so the code section is left untouched.
 */
export function sharedMemoryKernel(kernel: AdmittedKernel, stackPointer: StackPointerGlobal | undefined): Uint8Array {
  const importEntry = [
    ...encodeName(kernel.memory.module),
    ...encodeName(kernel.memory.field),
    0x02, // memory
    0x03, // limits flags: has maximum, shared
    ...encodeU32(0),
    ...encodeU32(LIMITS.MAX_WASM_PAGES),
  ];
  const sections: Pick<Section, 'id' | 'content'>[] = readSections(kernel.bytes).map((section) => {
    if (section.id === SectionId.IMPORT) return { id: section.id, content: Uint8Array.from([...encodeU32(1), ...importEntry]) };
    if (section.id === SectionId.EXPORT && stackPointer) {
      const reader = new WasmReader(section.content);
      const count = reader.u32();
      const entries = section.content.subarray(reader.offset);
      const added = [...encodeName(STACK_POINTER_EXPORT), 0x03 /* global */, ...encodeU32(stackPointer.index)];
      return { id: section.id, content: Uint8Array.from([...encodeU32(count + 1), ...entries, ...added]) };
    }
    return section;
  });
  return writeModule(sections);
}

/** The ABI's stack alignment: a stack top is a multiple of it. */
export const STACK_ALIGNMENT = 16;

/** A global that starts at a positive, 16-aligned value: what a stack top looks like. */
export function looksLikeStackTop(candidate: StackPointerGlobal): boolean {
  return candidate.initial > 0 && candidate.initial % STACK_ALIGNMENT === 0;
}

/**
 * The kernel's stack pointer as far as core can tell without decoding code: the global the
 * name section calls `__stack_pointer`; in a module whose names are stripped, a lone global
 * shaped like one. A hand-written kernel's counter starting at 0 or -1 is never taken.
 */
export function resolveStackPointer(kernel: AdmittedKernel): StackPointerGlobal | undefined {
  const { facts } = kernel;
  if (facts.stackPointer || facts.globalsNamed) return facts.stackPointer;
  const [only, ...others] = facts.stackPointerCandidates;
  return only && others.length === 0 && looksLikeStackTop(only) ? only : undefined;
}

/**
 * Why a kernel cannot run in place over a guest memory, or undefined when it can. Both
 * reasons are about bytes instantiation would write: the guest's own data lives at the same
 * low addresses the kernel's data segments (and wasm-ld's `__wasm_init_memory`) target.
 */
export function guestZeroCopyBlocker(kernel: AdmittedKernel, memory: WebAssembly.Memory): string | undefined {
  if (!(memory.buffer instanceof SharedArrayBuffer)) return 'the guest memory is not shared';
  if (kernel.facts.hasDataSegments) return 'the kernel has data segments, which would overwrite the guest’s own data';
  if (kernel.facts.hasStart) return 'the kernel has a start function, which may write the guest’s memory';
  return undefined;
}
