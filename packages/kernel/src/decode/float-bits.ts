import { binaryen } from './binaryen.js';

const view = new DataView(new ArrayBuffer(8));

/** The payload binaryen prints as a bare `nan` (the quiet bit alone). */
const CANONICAL_PAYLOAD = { f32: 0x40_0000n, f64: 0x8_0000_0000_0000n } as const;
const EXPONENT = { f32: 0x7f80_0000n, f64: 0x7ff0_0000_0000_0000n } as const;
const SIGN = { f32: 0x8000_0000n, f64: 0x8000_0000_0000_0000n } as const;

/**
 * The exact bits of a float constant. binaryen.js hands a constant's value over as a JS number,
 * which quiets a signalling NaN and may drop its payload (0x7fa00000 arrives as 0x7fe00000);
 * binaryen itself keeps the bits and prints them (`-nan:0x200001`), so a NaN is read back from
 * its text. Other values convert exactly.
 */
export function floatConstBits(type: 'f32' | 'f64', value: number, expr: number): bigint {
  if (!Number.isNaN(value)) {
    if (type === 'f32') {
      view.setFloat32(0, value, true);
      return BigInt(view.getUint32(0, true));
    }
    view.setFloat64(0, value, true);
    return view.getBigUint64(0, true);
  }
  const text = binaryen.emitText(expr);
  const match = /(-?)nan(?::0x([0-9a-f]+))?/.exec(text);
  if (!match) throw new TypeError(`binaryen printed the NaN constant as ${text.trim()}`);
  const payload = match[2] === undefined ? CANONICAL_PAYLOAD[type] : BigInt(`0x${match[2]}`);
  return (match[1] ? SIGN[type] : 0n) | EXPONENT[type] | payload;
}
