import { SectionId, WasmReader, type Section } from './wasm-reader.js';

/** Function and global names from the `name` custom section, by index. */
export interface ModuleNames {
  readonly functions: ReadonlyMap<number, string>;
  readonly globals: ReadonlyMap<number, string>;
}

/** Subsection ids of the name section (the extended-name-section proposal adds globals as 7). */
const FUNCTION_NAMES = 1;
const GLOBAL_NAMES = 7;

function readNameMap(reader: WasmReader, into: Map<number, string>): void {
  for (let count = reader.u32(), i = 0; i < count; i++) {
    const index = reader.u32();
    into.set(index, reader.name());
  }
}

/**
 * Reads the names a module gives its functions and globals. The name section is debug
 * information the engine ignores when it is malformed, so a corrupt one costs the names it
 * failed to give, never the kernel.
 */
export function readNameSection(sections: readonly Section[]): ModuleNames {
  const functions = new Map<number, string>();
  const globals = new Map<number, string>();
  for (const section of sections) {
    if (section.id !== SectionId.CUSTOM) continue;
    try {
      const reader = new WasmReader(section.content);
      if (reader.name() !== 'name') continue;
      while (!reader.done) {
        const id = reader.byte();
        const size = reader.u32();
        const end = Math.min(reader.offset + size, section.content.length);
        if (id === FUNCTION_NAMES) readNameMap(new WasmReader(section.content, reader.offset, end), functions);
        else if (id === GLOBAL_NAMES) readNameMap(new WasmReader(section.content, reader.offset, end), globals);
        reader.offset = end;
      }
    } catch {
      // Keep what was read before the damage.
    }
  }
  return { functions, globals };
}
