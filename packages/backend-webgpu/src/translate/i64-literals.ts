/**
 * Whether a kernel binary may hold a non-zero i64 constant: any 0x42 (`i64.const`) byte in
 * the code or global section followed by a non-zero SLEB128. A byte scan, not a decoder: an
 * immediate that happens to be 0x42 can only make it answer "maybe", never miss a constant.
 * Used only while the front end decodes i64 constants as 0 (`front-end-probe.ts`): the passes
 * it runs create no i64 constants but zeros, so without such a literal every 0 it reports is right.
 */
export function mayHoldNonZeroI64Literal(bytes: Uint8Array): boolean {
  let at = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0 || at >= bytes.length) return result;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = leb();
    const end = Math.min(at + size, bytes.length);
    if (id === 6 || id === 10) {
      for (let k = at; k < end - 1; k++) {
        if (bytes[k] !== 0x42) continue;
        // SLEB128 zero is the single byte 0x00; anything else may be a non-zero value.
        if (bytes[k + 1] !== 0x00) return true;
      }
    }
    at = end;
  }
  return false;
}
