/**
 * Just enough of the WebAssembly binary format for core and the WebAssembly-running backends:
 * LEB128, names, the section list, limits, and the encoders that rewrite a section or emit a
 * small module (the threads backend's driver, a guest's shared-memory upgrade). Core must load
 * in a browser, so it cannot lean on binaryen; the full front end that translating backends use
 * lives in @wasi-parallel/kernel. Every read is bounds-checked and throws `WasmFormatError`.
 */
export class WasmFormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
  }
}

export const SectionId = {
  CUSTOM: 0,
  TYPE: 1,
  IMPORT: 2,
  FUNCTION: 3,
  MEMORY: 5,
  GLOBAL: 6,
  EXPORT: 7,
  START: 8,
  CODE: 10,
  DATA: 11,
  DATA_COUNT: 12,
} as const;

export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export interface Section {
  readonly id: number;
  /** Offset of the section's id byte. */
  readonly start: number;
  /** Offset of the first byte of the section's contents. */
  readonly contentStart: number;
  readonly end: number;
  /** The contents, without id and size (a view, not a copy). */
  readonly content: Uint8Array;
}

export class WasmReader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
    readonly end = bytes.length,
  ) {}

  get done(): boolean {
    return this.offset >= this.end;
  }

  byte(): number {
    if (this.offset >= this.end) throw new WasmFormatError('unexpected end', this.offset);
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (result > 0xffff_ffff) throw new WasmFormatError('u32 out of range', this.offset);
        return result;
      }
    }
    throw new WasmFormatError('LEB128 too long', this.offset);
  }

  /** Signed LEB128 of an i32.const immediate. */
  s32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && shift < 35);
    if (shift < 32 && byte & 0x40) result |= -1 << shift;
    return result | 0;
  }

  /** Skips a signed LEB128 of any width (an i64.const immediate). */
  skipLeb(): void {
    while (this.byte() & 0x80);
  }

  name(): string {
    const length = this.u32();
    if (this.offset + length > this.end) throw new WasmFormatError('name runs past its section', this.offset);
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }

  skip(length: number): void {
    if (this.offset + length > this.end) throw new WasmFormatError('entry runs past its section', this.offset);
    this.offset += length;
  }
}

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || WASM_HEADER.some((b, i) => bytes[i] !== b)) {
    throw new WasmFormatError('not a WebAssembly module (bad magic or version)', 0);
  }
  const reader = new WasmReader(bytes, 8);
  const sections: Section[] = [];
  while (!reader.done) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    const contentStart = reader.offset;
    reader.skip(size);
    sections.push({ id, start, contentStart, end: contentStart + size, content: bytes.subarray(contentStart, contentStart + size) });
  }
  return sections;
}

export interface Limits {
  readonly min: number;
  readonly max: number | undefined;
  readonly shared: boolean;
  readonly memory64: boolean;
}

export function readLimits(reader: WasmReader): Limits {
  const flags = reader.byte();
  if (flags > 0x07) throw new WasmFormatError(`unknown limits flags 0x${flags.toString(16)}`, reader.offset - 1);
  const min = reader.u32();
  const max = flags & 0x01 ? reader.u32() : undefined;
  return { min, max, shared: (flags & 0x02) !== 0, memory64: (flags & 0x04) !== 0 };
}

export function encodeU32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function encodeS32(value: number): number[] {
  const out: number[] = [];
  value |= 0;
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export function encodeName(text: string): number[] {
  const utf8 = new TextEncoder().encode(text);
  return [...encodeU32(utf8.length), ...utf8];
}

/** A vector: its element count, then the elements' bytes. */
export function encodeVector(items: readonly (readonly number[])[]): number[] {
  return [...encodeU32(items.length), ...items.flat()];
}

export function encodeSection(id: number, content: ArrayLike<number>): number[] {
  return [id, ...encodeU32(content.length), ...Array.from(content)];
}

/** A module from sections in order; only `id` and `content` are read. */
export function writeModule(sections: readonly Pick<Section, 'id' | 'content'>[]): Uint8Array {
  const parts = sections.map((section) => [section.id, ...encodeU32(section.content.length)]);
  const length = sections.reduce((sum, section, i) => sum + parts[i]!.length + section.content.length, WASM_HEADER.length);
  const out = new Uint8Array(length);
  out.set(WASM_HEADER, 0);
  let offset = WASM_HEADER.length;
  sections.forEach((section, i) => {
    out.set(parts[i]!, offset);
    offset += parts[i]!.length;
    out.set(section.content, offset);
    offset += section.content.length;
  });
  return out;
}
