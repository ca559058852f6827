/**
 * Just enough of the WebAssembly binary format for core to check the kernel ABI without a
 * toolkit: walking sections and reading the import, type, function and export entries. Core
 * must load in a browser, so it cannot lean on binaryen; the full front end that translating
 * backends use lives in @wasi-parallel/kernel. Every read is bounds-checked and throws
 * `WasmFormatError`; callers map it to an invalid-kernel error.
 */
export class WasmFormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
  }
}

export const SectionId = { CUSTOM: 0, TYPE: 1, IMPORT: 2, FUNCTION: 3, MEMORY: 5, EXPORT: 7 } as const;

export interface Section {
  readonly id: number;
  /** Offset of the section's id byte. */
  readonly start: number;
  /** Offset of the first byte of the section's contents. */
  readonly contentStart: number;
  readonly end: number;
}

export class WasmReader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
    readonly end = bytes.length,
  ) {}

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

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || MAGIC_AND_VERSION.some((b, i) => bytes[i] !== b)) {
    throw new WasmFormatError('not a WebAssembly module (bad magic or version)', 0);
  }
  const reader = new WasmReader(bytes, 8);
  const sections: Section[] = [];
  while (reader.offset < bytes.length) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    const contentStart = reader.offset;
    reader.skip(size);
    sections.push({ id, start, contentStart, end: contentStart + size });
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
