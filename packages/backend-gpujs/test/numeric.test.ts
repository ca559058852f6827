import { afterAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { gpujsHost, referenceHost, runKernel } from './support/host.js';

// i32 arithmetic on 16-bit limbs (limb-ops.ts, limb-bits.ts) against the sequential device,
// over edge values and random full-range pairs: exact in every mode, or the bytes differ.
const BINARY = ['add', 'sub', 'mul', 'div_u', 'div_s', 'rem_u', 'rem_s', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl', 'rotr', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'ge_u', 'le_s'];
const UNARY = ['clz', 'ctz', 'popcnt', 'eqz', 'extend8_s', 'extend16_s'];
const OPS = [...BINARY.map((op) => `(i32.${op} (local.get $x) (local.get $y))`), ...UNARY.map((op) => `(i32.${op} (local.get $x))`)];

const KERNEL = `(module (import "" "memory" (memory 1 64 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $b i32) (param $a i32) (param $al i32) (param $c i32) (param $cl i32) (param $out i32) (param $ol i32)
    (local $x i32) (local $y i32) (local $p i32)
    (local.set $x (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $y (i32.load (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const ${OPS.length * 4}))))
    ${OPS.map((op, k) => `(i32.store offset=${k * 4} (local.get $p) ${op})`).join('\n    ')}))`;

const EDGES = [0, 1, -1, 2, 7, 31, 32, 33, 255, 256, 65535, 65536, 0x7fff, 0x8000, 0x7fffffff, -0x80000000, -0x7fffffff, 0x12345678, -0x12345678];

/** Pairs of edge values and seeded random ones; divisors are never 0, and never -1 under INT_MIN (those trap). */
function operands(): { x: Int32Array; y: Int32Array } {
  let seed = 1;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return seed ^ (seed >>> 13);
  };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const x of EDGES) for (const y of EDGES) xs.push(x), ys.push(y);
  for (let k = 0; k < 2000; k++) xs.push(random()), ys.push(random());
  for (let k = 0; k < ys.length; k++) {
    if (ys[k] === 0 || (ys[k] === -1 && xs[k] === -0x80000000)) ys[k] = 3;
  }
  return { x: Int32Array.from(xs), y: Int32Array.from(ys) };
}

const wabt = await wabtInit();
const module = wabt.parseWat('numeric.wat', KERNEL, { threads: true, sign_extension: true });
const kernel = new Uint8Array(module.toBinary({}).buffer);
module.destroy();

describe.each(['cpu', 'webasm', 'webgpu'])('i32 operations on GPU.js %s', (mode) => {
  const host = gpujsHost(mode);
  const reference = referenceHost();
  afterAll(async () => {
    await host.close();
    await reference.close();
  });
  it(`${OPS.length} operations over ${EDGES.length ** 2} edge pairs and 2000 random pairs match the sequential device`, async () => {
    const { x, y } = operands();
    const inputs = [new Uint8Array(x.buffer), new Uint8Array(y.buffer), new Uint8Array(x.length * OPS.length * 4)];
    const expected = await runKernel(reference, kernel, x.length, 1, inputs);
    const got = await runKernel(host, kernel, x.length, 1, inputs);
    const [want, have] = [new Int32Array(expected[2]!.buffer), new Int32Array(got[2]!.buffer)];
    const wrong = [...have.keys()].filter((k) => have[k] !== want[k]).map((k) => `${OPS[k % OPS.length]} x=${x[Math.floor(k / OPS.length)]} y=${y[Math.floor(k / OPS.length)]}: ${have[k]} ≠ ${want[k]}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 180_000);
});

// out[i] = i + base: the ranges bound the values, and the plane carries them as integers only
// where every value is exact in a Float32Array (|v| ≤ 2^24); past that, as 16-bit pieces.
const OFFSET_KERNEL = (base: number) => `(module (import "" "memory" (memory 1 64 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $b i32) (param $out i32) (param $ol i32)
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const ${base})))))`;

describe.each(['cpu', 'webasm'])('integers near 2^24 in an output plane on GPU.js %s', (mode) => {
  const host = gpujsHost(mode);
  afterAll(async () => host.close());
  it.each([2 ** 24 - 2, 2 ** 24 + 1, -(2 ** 24) - 3, 2 ** 25 - 1])('out[i] = i + %i comes back exact', async (base) => {
    const parsed = wabt.parseWat('offset.wat', OFFSET_KERNEL(base), { threads: true });
    const bytes = new Uint8Array(parsed.toBinary({}).buffer);
    parsed.destroy();
    const [out] = await runKernel(host, bytes, 4, 1, [new Uint8Array(16)]);
    expect(Array.from(new Int32Array(out!.buffer))).toEqual([0, 1, 2, 3].map((i) => (i + base) | 0));
  }, 60_000);
});
