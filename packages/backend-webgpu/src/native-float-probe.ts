import { BufferUsage, MapMode } from './gpu-constants.js';
import { createPipeline } from './gpu-pipeline.js';
import { prunePrelude } from './translate/prune-prelude.js';
import { preludeWgsl } from './translate/prelude/prelude.js';
import { PARAM } from './translate/translated-kernel.js';

/**
 * What `float: 'native'` f32 arithmetic does on one adapter, measured by running the very
 * helpers kernels use (prelude/f32-native-wgsl.ts) over inputs whose correctly rounded results
 * are known. Everything else about floats is exact on every adapter (bits and soft-float).
 */
export interface NativeFloatFindings {
  /** Subnormal operands and results: `kept`, or `flushed to zero` (DAZ/FTZ). */
  readonly subnormals: 'kept' | 'flushed to zero' | 'differ';
  /** Division on normal operands: `correctly rounded`, or how far off and how often. */
  readonly division: string;
  /** Square root on normal operands, likewise. */
  readonly sqrt: string;
  /** Whether a·b + c is rounded once (fused) instead of twice, as wasm requires. */
  readonly contraction: 'none' | 'fused';
}

const Op = { ADD: 0, MUL: 1, DIV: 2, SQRT: 3, MUL_ADD: 4 } as const;
type Op = (typeof Op)[keyof typeof Op];

type Category = 'subnormals' | 'division' | 'sqrt' | 'contraction';

interface Probe {
  readonly category: Category;
  readonly op: Op;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** The correctly rounded result's bits (wasm's). */
  readonly expected: number;
}

const word = new Uint32Array(1);
const float = new Float32Array(word.buffer);
const bits = (value: number): number => ((float[0] = value), word[0]!);
const value = (b: number): number => ((word[0] = b), float[0]!);

function expected(op: Op, a: number, b: number, c: number): number {
  const [x, y, z] = [value(a), value(b), value(c)];
  // Math.fround of a double result is the correctly rounded f32 for +, ×, ÷ and √ of f32s.
  switch (op) {
    case Op.ADD:
      return bits(x + y);
    case Op.MUL:
      return bits(x * y);
    case Op.DIV:
      return bits(x / y);
    case Op.SQRT:
      return bits(Math.sqrt(x));
    case Op.MUL_ADD:
      return bits(Math.fround(x * y) + z);
  }
}

/** A deterministic generator (xorshift32): the probe is the same on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

function probes(): Probe[] {
  const list: Probe[] = [];
  const add = (category: Category, op: Op, a: number, b = 0, c = 0) => list.push({ category, op, a, b, c, expected: expected(op, a, b, c) });
  // Subnormal operands and results.
  add('subnormals', Op.ADD, 0x0000_0001, 0x0000_0001);
  add('subnormals', Op.ADD, 0x0040_0000, 0x0040_0000);
  add('subnormals', Op.MUL, 0x0080_0000, 0x3f00_0000);
  add('subnormals', Op.MUL, 0x0040_0000, 0x4000_0000);
  add('subnormals', Op.DIV, 0x0080_0000, 0x4000_0000);
  add('subnormals', Op.SQRT, 0x0000_0001);
  const next = generator(0x5eed);
  // A normal f32 with an exponent in [lo, lo + span).
  const normal = (lo: number, span: number) => ((next() & 0x807f_ffff) | ((lo + (next() % span)) << 23)) >>> 0;
  for (let i = 0; i < 96; i++) add('division', Op.DIV, normal(110, 34), normal(110, 34));
  for (let i = 0; i < 32; i++) add('division', Op.DIV, normal(100, 54), bits(3));
  for (let i = 0; i < 128; i++) add('sqrt', Op.SQRT, normal(60, 130) & 0x7fff_ffff);
  for (let i = 0; i < 32; i++) {
    const a = normal(120, 14);
    const b = normal(120, 14);
    // c cancels the rounded product: twice rounded gives 0, fused gives the product's rounding error.
    add('contraction', Op.MUL_ADD, a, b, bits(-Math.fround(value(a) * value(b))));
  }
  return list;
}

const SHADER_BODY = /* wgsl */ `
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let n = params[${PARAM.NUM_ITERATIONS}u];
  let i = gid.x;
  if (i >= n) { return; }
  opaque_zero = params[${PARAM.OPAQUE_ZERO}u];
  let a = atomicLoad(&memory[4u * i + 1u]);
  let b = atomicLoad(&memory[4u * i + 2u]);
  let c = atomicLoad(&memory[4u * i + 3u]);
  var r = 0u;
  switch (atomicLoad(&memory[4u * i])) {
    case ${Op.ADD}u: { r = f32n_add(a, b); }
    case ${Op.MUL}u: { r = f32n_mul(a, b); }
    case ${Op.DIV}u: { r = f32n_div(a, b); }
    case ${Op.SQRT}u: { r = f32n_sqrt(a); }
    default: { r = f32n_add(f32n_mul(a, b), c); }
  }
  atomicStore(&memory[4u * n + i], r);
}
`;

function rounding(results: readonly { probe: Probe; got: number }[]): string {
  const off = results.filter(({ probe, got }) => probe.expected !== got);
  if (off.length === 0) return 'correctly rounded';
  const ulps = Math.max(...off.map(({ probe, got }) => Math.abs(probe.expected - got)));
  return `up to ${ulps} ulp off (${off.length} of ${results.length} probes)`;
}

/** Runs the probe on `device` (one small dispatch) and sums up what differs from wasm. */
export async function probeNativeFloat(device: GPUDevice): Promise<NativeFloatFindings> {
  const list = probes();
  const pipeline = await createPipeline(device, `${prunePrelude(preludeWgsl(false), SHADER_BODY)}\n${SHADER_BODY}`, 64);
  const memory = new Uint32Array(5 * list.length);
  list.forEach((probe, i) => memory.set([probe.op, probe.a, probe.b, probe.c], 4 * i));
  const params = new Uint32Array(PARAM.BUFFERS);
  params[PARAM.NUM_ITERATIONS] = list.length;
  const buffers: GPUBuffer[] = [];
  const make = (size: number, usage: number) => {
    const buffer = device.createBuffer({ size, usage });
    buffers.push(buffer);
    return buffer;
  };
  try {
    const memoryBuffer = make(memory.byteLength, BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC);
    const paramBuffer = make(params.byteLength, BufferUsage.STORAGE | BufferUsage.COPY_DST);
    const statusBuffer = make(16, BufferUsage.STORAGE);
    const read = make(4 * list.length, BufferUsage.MAP_READ | BufferUsage.COPY_DST);
    device.queue.writeBuffer(memoryBuffer, 0, memory);
    device.queue.writeBuffer(paramBuffer, 0, params);
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [memoryBuffer, paramBuffer, statusBuffer].map((buffer, binding) => ({ binding, resource: { buffer } })),
      }),
    );
    pass.dispatchWorkgroups(Math.ceil(list.length / 64));
    pass.end();
    encoder.copyBufferToBuffer(memoryBuffer, 16 * list.length, read, 0, 4 * list.length);
    device.queue.submit([encoder.finish()]);
    await read.mapAsync(MapMode.READ);
    const got = new Uint32Array(read.getMappedRange().slice(0));
    const results = list.map((probe, i) => ({ probe, got: got[i]! }));
    const of = (category: Category) => results.filter(({ probe }) => probe.category === category);
    const subnormalDifferences = of('subnormals').filter(({ probe, got }) => probe.expected !== got);
    return {
      subnormals: subnormalDifferences.length === 0 ? 'kept' : subnormalDifferences.every(({ got }) => (got & 0x7fff_ffff) === 0) ? 'flushed to zero' : 'differ',
      division: rounding(of('division')),
      sqrt: rounding(of('sqrt')),
      contraction: of('contraction').every(({ probe, got }) => probe.expected === got) ? 'none' : 'fused',
    };
  } finally {
    for (const buffer of buffers) buffer.destroy();
  }
}
