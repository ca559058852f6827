import { SectionId, WasmReader, readSections, writeModule } from '@wasi-parallel/core';

/**
 * The module without custom sections, except those named in `keep`. Keeps them away from
 * binaryen: it rejects malformed name sections that engines ignore, and other custom sections
 * are of no use to a translator. Only called on bytes `WebAssembly.validate` accepted.
 */
export function withoutCustomSections(bytes: Uint8Array, keep: readonly string[] = []): Uint8Array {
  const kept = readSections(bytes).filter(
    (section) => section.id !== SectionId.CUSTOM || keep.includes(new WasmReader(section.content).name()),
  );
  return writeModule(kept);
}
