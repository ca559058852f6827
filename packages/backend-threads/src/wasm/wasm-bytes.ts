/**
 * The few pieces of the WebAssembly binary format this backend reads and writes: LEB128,
 * names and the section list. Core keeps its own reader private (it only checks the ABI);
 * here we also re-encode sections to prepare kernels and to emit the driver module.
 */
export const SectionId = {
  CUSTOM: 0,
  TYPE: 1,
  IMPORT: 2,
  FUNCTION: 3,
  GLOBAL: 6,
  EXPORT: 7,
  START: 8,
  CODE: 10,
  DATA: 11,
  DATA_COUNT: 12,
} as const;

export const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] as const;

export interface Section {
  readonly id: number;
  /** The section's contents, without its id and size. */
  readonly content: Uint8Array;
}

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError(`unexpected end of wasm bytes at ${this.offset}`);
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new RangeError(`LEB128 too long at ${this.offset}`);
  }

  /** Signed LEB128 for i32.const immediates. */
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

  /** Skips a signed LEB128 of any width (i64.const). */
  skipLeb(): void {
    while (this.byte() & 0x80);
  }

  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }

  skip(length: number): void {
    this.offset += length;
  }
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

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || WASM_HEADER.some((b, i) => bytes[i] !== b)) throw new RangeError('not a WebAssembly module');
  const reader = new ByteReader(bytes, 8);
  const sections: Section[] = [];
  while (!reader.done) {
    const id = reader.byte();
    const size = reader.u32();
    sections.push({ id, content: bytes.subarray(reader.offset, reader.offset + size) });
    reader.skip(size);
  }
  return sections;
}

export function writeModule(sections: readonly Section[]): Uint8Array {
  let length = WASM_HEADER.length;
  const headers = sections.map((section) => {
    const header = [section.id, ...encodeU32(section.content.length)];
    length += header.length + section.content.length;
    return header;
  });
  const out = new Uint8Array(length);
  out.set(WASM_HEADER, 0);
  let offset = WASM_HEADER.length;
  sections.forEach((section, i) => {
    out.set(headers[i]!, offset);
    offset += headers[i]!.length;
    out.set(section.content, offset);
    offset += section.content.length;
  });
  return out;
}
