import { LIMITS } from '../limits.js';
import type { StackPointerGlobal } from '../contracts/kernel.js';
import { STACK_ALIGNMENT } from './shared-memory-kernel.js';

const PAGE = LIMITS.WASM_PAGE_SIZE;
/** wasm-ld's default `-z stack-size`. */
export const DEFAULT_STACK_BYTES = 64 * 1024;

/**
 * Bytes of stack each instance gets: `option` when given, else at least wasm-ld's default and
 * at least the kernel's own initial stack pointer (an upper bound on the stack it was linked
 * with), so a kernel never has less stack than in a single instance of its own.
 */
export function stackBytesPerInstance(stackPointer: StackPointerGlobal | undefined, option?: number): number {
  if (!stackPointer) return 0;
  const bytes = option ?? Math.max(DEFAULT_STACK_BYTES, stackPointer.initial);
  return Math.ceil(bytes / STACK_ALIGNMENT) * STACK_ALIGNMENT;
}

/** Instance i's stack runs down from the top of the i-th region above `base`. */
export function stackTops(base: number, bytesPerInstance: number, instances: number): number[] {
  return Array.from({ length: instances }, (_, i) => base + (i + 1) * bytesPerInstance);
}

/** Stack regions carved out of guest memories, so later calls reuse them instead of growing again. */
const guestStacks = new WeakMap<WebAssembly.Memory, { base: number; bytesPerInstance: number; instances: number }>();

/**
 * Grows the guest's memory by one stack per instance (once per memory and stack size) and
 * returns each instance's stack top, or undefined when the memory cannot grow that far. The
 * guest never learns of the region: its allocator only uses memory it grew itself, and a later
 * `memory.grow` by the guest starts above ours. Every device shares this one record, so the
 * CPU device and the sequential device reuse one region.
 */
export function reserveGuestStacks(memory: WebAssembly.Memory, bytesPerInstance: number, instances: number): number[] | undefined {
  const known = guestStacks.get(memory);
  if (known && known.bytesPerInstance >= bytesPerInstance && known.instances >= instances) {
    return stackTops(known.base, known.bytesPerInstance, instances);
  }
  let base: number;
  try {
    base = memory.grow(Math.ceil((bytesPerInstance * instances) / PAGE)) * PAGE;
  } catch {
    return undefined;
  }
  guestStacks.set(memory, { base, bytesPerInstance, instances });
  return stackTops(base, bytesPerInstance, instances);
}
