function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

function wordAt(bytes: Uint8Array, index: number): string {
  const start = index - (index % 4);
  if (start + 4 > bytes.length) return '';
  const word = (bytes[start]! | (bytes[start + 1]! << 8) | (bytes[start + 2]! << 16) | (bytes[start + 3]! << 24)) >>> 0;
  return hex(word, 8);
}

/**
 * Asserts two byte arrays are identical. On a mismatch the message names the first differing
 * byte, both byte values, the little-endian 32-bit words around it (most buffers hold i32 or
 * f32 elements), what the case says that byte holds (`explain`), and how many bytes differ.
 */
export function expectBytes(what: string, actual: Uint8Array, expected: Uint8Array, explain?: (byte: number) => string): void {
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
  const element = first >> 2;
  const words = wordAt(actual, first) ? ` (32-bit element ${element}: got ${wordAt(actual, first)}, expected ${wordAt(expected, first)})` : '';
  const context = explain ? ` [${explain(first)}]` : '';
  throw new Error(
    `${what}: first difference at byte ${first}${context}: got ${hex(actual[first]!, 2)}, expected ${hex(expected[first]!, 2)}${words}; ` +
      `${count} of ${actual.length} bytes differ`,
  );
}
