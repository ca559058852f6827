import { Random } from './data.js';

/**
 * Operands whose correctly rounded division or square root lies closest to a rounding
 * midpoint: where an implementation that is almost right (a reciprocal and a multiply, a fused
 * step, 2.5 ulp of slack) returns the neighbour. Sampled from a seeded generator, the `count`
 * hardest of `samples` tries; computed exactly with BigInt, so the JS reference is not trusted
 * for the choice, only for the expected value (JS `/` and `Math.sqrt` round correctly).
 */
export interface HardCases {
  readonly xs: bigint[];
  readonly ys: bigint[];
}

const FORMAT = {
  f32: { fraction: 23n, bias: 127n, width: 32n },
  f64: { fraction: 52n, bias: 1023n, width: 64n },
} as const;

type Format = keyof typeof FORMAT;

/** Distance of the exact value n / 2^shift (n ≥ 2^(p+1)) from the nearest midpoint, in units of its last kept bit, scaled by 2^-guard. */
function midpointDistance(n: bigint, remainderNonZero: boolean, precision: bigint): bigint {
  const length = BigInt(n.toString(2).length);
  const dropped = length - precision;
  const rest = n & ((1n << dropped) - 1n);
  const half = 1n << (dropped - 1n);
  const distance = rest >= half ? rest - half : half - rest;
  // An inexact tail below the dropped bits moves the value off an exact midpoint by less than one unit.
  return distance * 2n + (remainderNonZero ? 1n : 0n);
}

function bitsOf(format: Format, mantissa: bigint, exponent: bigint): bigint {
  const { fraction, bias } = FORMAT[format];
  return ((exponent + bias) << fraction) | (mantissa & ((1n << fraction) - 1n));
}

function randomMantissa(random: Random, format: Format): bigint {
  const { fraction } = FORMAT[format];
  const raw = format === 'f32' ? BigInt(random.u32()) : (BigInt(random.u32()) << 32n) | BigInt(random.u32());
  return (1n << fraction) | (raw & ((1n << fraction) - 1n));
}

function hardest(samples: { distance: bigint; x: bigint; y: bigint }[], count: number): HardCases {
  samples.sort((a, b) => (a.distance < b.distance ? -1 : a.distance > b.distance ? 1 : 0));
  const kept = samples.slice(0, count);
  return { xs: kept.map((sample) => sample.x), ys: kept.map((sample) => sample.y) };
}

/** x / y with x, y normal, the quotient's rounding as close to a tie as the sample allows. */
export function hardDivisions(format: Format, count: number, samples: number, seed: number): HardCases {
  const random = new Random(seed);
  const { fraction } = FORMAT[format];
  const precision = fraction + 1n;
  const tries = [];
  for (let i = 0; i < samples; i++) {
    const mx = randomMantissa(random, format);
    const my = randomMantissa(random, format);
    const scaled = mx << (precision + 8n);
    const quotient = scaled / my;
    const distance = midpointDistance(quotient, scaled % my !== 0n, precision);
    const ex = BigInt(random.below(20)) - 10n;
    const ey = BigInt(random.below(20)) - 10n;
    const sign = BigInt(random.below(2)) << (FORMAT[format].width - 1n);
    tries.push({ distance, x: bitsOf(format, mx, ex) | sign, y: bitsOf(format, my, ey) });
  }
  return hardest(tries, count);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << (BigInt(n.toString(2).length) / 2n + 1n);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

/** √x with x normal, the root's rounding as close to a tie as the sample allows (ys are 0). */
export function hardSquareRoots(format: Format, count: number, samples: number, seed: number): HardCases {
  const random = new Random(seed);
  const { fraction } = FORMAT[format];
  const precision = fraction + 1n;
  const tries = [];
  for (let i = 0; i < samples; i++) {
    const m = randomMantissa(random, format);
    const exponent = BigInt(random.below(80)) - 40n;
    // x = m · 2^(exponent − fraction): √x's digits are those of √(m · 2^parity) for the odd power left over.
    const parity = (((exponent - fraction) % 2n) + 2n) % 2n;
    const scaled = (m << parity) << (2n * precision + 16n);
    const root = isqrt(scaled);
    const distance = midpointDistance(root, root * root !== scaled, precision);
    tries.push({ distance, x: bitsOf(format, m, exponent), y: 0n });
  }
  return hardest(tries, count);
}
