/** How to describe a buffer's bytes in a failure message. */
export interface ByteLayout {
  /** Bytes per element, for showing the whole element around a difference; default 4 (i32/f32). */
  readonly elementSize?: 1 | 2 | 4 | 8;
  /** What the byte at an offset holds, e.g. "i64.rotl of x = …, y = … (iteration 7)". */
  readonly explain?: (byte: number) => string;
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** The little-endian element of `size` bytes holding byte `index`, in hex; empty past the end. */
function elementAt(bytes: Uint8Array, index: number, size: number): string {
  const start = index - (index % size);
  if (start + size > bytes.length) return '';
  let text = '';
  for (let k = start + size - 1; k >= start; k--) text += bytes[k]!.toString(16).padStart(2, '0');
  return `0x${text}`;
}

/**
 * Asserts two byte arrays are identical. On a mismatch the message names the first differing
 * byte, both byte values, the whole element around it, what the case says that byte holds,
 * and how many bytes differ.
 */
export function expectBytes(what: string, actual: Uint8Array, expected: Uint8Array, layout: ByteLayout = {}): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: got ${actual.length} bytes, expected ${expected.length}`);
  }
  let first = -1;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return;
  const size = layout.elementSize ?? 4;
  const element =
    size > 1 && elementAt(actual, first, size)
      ? ` (${size * 8}-bit element ${Math.floor(first / size)}: got ${elementAt(actual, first, size)}, expected ${elementAt(expected, first, size)})`
      : '';
  const context = layout.explain ? ` [${layout.explain(first)}]` : '';
  throw new Error(
    `${what}: first difference at byte ${first}${context}: got ${hex(actual[first]!, 2)}, expected ${hex(expected[first]!, 2)}${element}; ` +
      `${count} of ${actual.length} bytes differ`,
  );
}
