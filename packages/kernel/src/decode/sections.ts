/**
 * Walks the top level of a module (section id + size) — no instruction decoding — so the
 * front end can keep custom sections away from binaryen: binaryen rejects malformed name
 * sections that engines ignore, and other custom sections are of no use to a translator.
 * Only called on bytes `WebAssembly.validate` accepted.
 */
const CUSTOM_SECTION = 0;

interface Section {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly name: string | undefined;
}

function readU32(bytes: Uint8Array, offset: number): { value: number; next: number } {
  let value = 0;
  for (let shift = 0, at = offset; shift < 35 && at < bytes.length; shift += 7, at++) {
    const byte = bytes[at]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: at + 1 };
  }
  throw new RangeError('bad LEB128');
}

function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset]!;
    const size = readU32(bytes, offset + 1);
    const end = size.next + size.value;
    if (end > bytes.length) throw new RangeError('section runs past the end');
    let name: string | undefined;
    if (id === CUSTOM_SECTION) {
      const length = readU32(bytes, size.next);
      name = new TextDecoder().decode(bytes.subarray(length.next, Math.min(end, length.next + length.value)));
    }
    out.push({ id, start: offset, end, name });
    offset = end;
  }
  return out;
}

/** The module without custom sections, except those named in `keep`. */
export function withoutCustomSections(bytes: Uint8Array, keep: readonly string[] = []): Uint8Array {
  const kept = sections(bytes).filter((s) => s.id !== CUSTOM_SECTION || keep.includes(s.name ?? ''));
  const out = new Uint8Array(8 + kept.reduce((sum, s) => sum + s.end - s.start, 0));
  out.set(bytes.subarray(0, 8));
  let at = 8;
  for (const s of kept) {
    out.set(bytes.subarray(s.start, s.end), at);
    at += s.end - s.start;
  }
  return out;
}
