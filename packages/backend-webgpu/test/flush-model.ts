import type { OpDifference } from './compare-ops.js';

const word = new Uint32Array(1);
const float = new Float32Array(word.buffer);

function fromHex(hex: string): number {
  word[0] = parseInt(hex, 16);
  return float[0]!;
}

function toWord(value: number): number {
  float[0] = value;
  return word[0]!;
}

function isSubnormalHex(hex: string): boolean {
  const bits = parseInt(hex, 16) & 0x7fffffff;
  return bits !== 0 && bits < 0x00800000;
}

/** Flush-to-zero: a subnormal becomes a zero of its sign. */
function ftz(value: number): number {
  return isSubnormalHex(toWord(value).toString(16)) ? (toWord(value) >>> 31 ? -0 : 0) : value;
}

const OPS: Record<string, (a: number, b: number) => number> = {
  'f32.add': (a, b) => a + b,
  'f32.sub': (a, b) => a - b,
  'f32.mul': (a, b) => a * b,
  'f32.div': (a, b) => a / b,
  'f32.sqrt': (a) => Math.sqrt(a),
};

/**
 * Whether a difference is exactly what a device that flushes subnormal operands and results
 * to zero (DAZ + FTZ) computes: the exact result on flushed operands, flushed when tiny,
 * else rounded as wasm rounds.
 */
export function explainedByFlushToZero(difference: OpDifference): boolean {
  const op = OPS[difference.op];
  if (!op) return false;
  const [a = 0, b = 0] = difference.operands.split(' ').map(fromHex);
  // Tininess is judged before rounding: an exact result below 2^-126 flushes even when it
  // would round up to the smallest normal (measured on SwiftShader).
  const exact = op(ftz(a), ftz(b));
  const model = toWord(Math.abs(exact) < 2 ** -126 ? (exact < 0 || Object.is(exact, -0) ? -0 : 0) : Math.fround(exact));
  const got = parseInt(difference.got, 16);
  const isNaN = (bits: number) => (bits & 0x7fffffff) > 0x7f800000;
  return model === got || (isNaN(model) && isNaN(got));
}
