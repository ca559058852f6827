import type { GpujsRuntime } from './gpujs-runtime.js';

/**
 * How a mode's f32 arithmetic compares with wasm's, measured when the device opens:
 * `exact` — bit for bit, subnormals included; `flushes-subnormals` — exact on normal numbers,
 * subnormal results become zero; `inexact` — even normal results differ (contracted
 * multiply-adds, extra precision), so float kernels do not give wasm's bytes.
 */
export type FloatExactness = 'exact' | 'flushes-subnormals' | 'inexact';

const ORBITS = 256;
const STEPS = 64;

/** Points near the Mandelbrot set's boundary: bounded orbits whose last bits depend on every rounding. */
function orbitInputs(): Float32Array {
  const points = new Float32Array(ORBITS * 2);
  for (let i = 0; i < ORBITS; i++) {
    const angle = (2 * Math.PI * i) / ORBITS;
    points[2 * i] = Math.fround(0.25 + 0.5 * Math.cos(angle) - 0.25 * Math.cos(2 * angle));
    points[2 * i + 1] = Math.fround(0.5 * Math.sin(angle) - 0.25 * Math.sin(2 * angle));
  }
  return points;
}

function orbitSource(round: boolean): string {
  const r = (x: string) => (round ? `Math.fround(${x})` : x);
  return `function (points) {
  const cr = points[this.thread.x * 2];
  const ci = points[this.thread.x * 2 + 1];
  let zr = 0.5 - 0.5;
  let zi = 0.5 - 0.5;
  for (let k = 0; k < ${STEPS}; k++) {
    const t = ${r(`${r(`${r('zr * zr')} - ${r('zi * zi')}`)} + cr`)};
    zi = ${r(`${r(`${r('2 * zr')} * zi`)} + ci`)};
    zr = t;
  }
  return zr;
}`;
}

function orbitReference(points: Float32Array): Float32Array {
  const f = Math.fround;
  return Float32Array.from({ length: ORBITS }, (_, i) => {
    const [cr, ci] = [points[2 * i]!, points[2 * i + 1]!];
    let [zr, zi] = [0, 0];
    for (let k = 0; k < STEPS; k++) {
      const t = f(f(f(zr * zr) - f(zi * zi)) + cr);
      zi = f(f(f(2 * zr) * zi) + ci);
      zr = t;
    }
    return zr;
  });
}

/** Products whose exact results are subnormal (below 2^-126). */
const SUBNORMAL_OPERANDS = Float32Array.from([1e-30, 1e-10, 3e-20, 2e-19, 1.5e-38, 0.5, 1e-20, 1e-20]);

export function sameBits(a: Float32Array, b: Float32Array): boolean {
  const [x, y] = [new Uint32Array(a.buffer, a.byteOffset, a.length), new Uint32Array(b.buffer, b.byteOffset, b.length)];
  return x.every((bits, i) => bits === y[i]);
}

export async function probeFloats(runtime: GpujsRuntime): Promise<FloatExactness> {
  const round = runtime.spec.model.roundF32;
  const points = orbitInputs();
  const orbit = runtime.compile({ source: orbitSource(round), threads: ORBITS, loopMaxIterations: STEPS + 1 });
  const products = runtime.compile({
    source: `function (x) { return ${round ? 'Math.fround(x[this.thread.x * 2] * x[this.thread.x * 2 + 1])' : 'x[this.thread.x * 2] * x[this.thread.x * 2 + 1]'}; }`,
    threads: SUBNORMAL_OPERANDS.length / 2,
    loopMaxIterations: 1,
  });
  try {
    if (!sameBits(await orbit.run([points]), orbitReference(points))) return 'inexact';
    const expected = Float32Array.from({ length: SUBNORMAL_OPERANDS.length / 2 }, (_, i) => Math.fround(SUBNORMAL_OPERANDS[2 * i]! * SUBNORMAL_OPERANDS[2 * i + 1]!));
    const got = await products.run([SUBNORMAL_OPERANDS]);
    if (sameBits(got, expected)) return 'exact';
    // Only results that came back as zero are flushes; any other difference is inexactness.
    return got.every((value, i) => value === expected[i] || value === 0) ? 'flushes-subnormals' : 'inexact';
  } finally {
    orbit.destroy();
    products.destroy();
  }
}
