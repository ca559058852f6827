import { LIMITS } from '../limits.js';
import { SectionId, WasmReader, encodeU32, readLimits, readSections, writeModule } from '../kernel/wasm-reader.js';

/**
 * Rewrites a module's own (defined, not imported) memory to be shared, so the host thread
 * can read and write guest memory while the guest is blocked in an ABI call, and CPU kernels
 * can run on it directly. Debian's wasi-libc has no threads build, so C guests define an
 * unshared memory; no instruction of an unshared-memory program behaves differently on a
 * shared memory. A shared memory needs a maximum: the declared one, else 4 GiB.
 *
 * Returns undefined when the module defines no memory or defines more than one.
 */
export function upgradeMemoryToShared(bytes: Uint8Array): Uint8Array | undefined {
  const sections = readSections(bytes);
  const section = sections.find((entry) => entry.id === SectionId.MEMORY);
  if (!section) return undefined;
  const reader = new WasmReader(bytes, section.contentStart, section.end);
  if (reader.u32() !== 1) return undefined;
  const limits = readLimits(reader);
  if (limits.memory64) return undefined;
  if (limits.shared) return bytes;
  const max = limits.max ?? LIMITS.MAX_WASM_PAGES;
  const content = new Uint8Array([1, 0x03, ...encodeU32(limits.min), ...encodeU32(max)]);
  return writeModule(sections.map((entry) => (entry === section ? { id: entry.id, content } : entry)));
}
