import { BufferAccessKind } from '@wasi-parallel/core';
import type { BufferSpec, KernelCase, KernelSpec, SizeName } from './kernel-spec.js';

const F32 = 4;
const F64 = 8;

/** Buffer 0: the int32 parameters, rounded up to the 16-byte alignment buffers get anyway. */
function paramsBuffer(params: readonly number[]): BufferSpec {
  return { name: 'params', bytes: Math.ceil((params.length * 4) / 16) * 16, access: BufferAccessKind.READ };
}

interface Shape {
  readonly params: readonly number[];
  readonly buffers: readonly BufferSpec[];
  readonly numIterations: number;
  readonly blockSize: number;
  readonly label: string;
  readonly bytesMoved?: number;
  readonly ompSchedule?: string;
}

function spec(
  id: string,
  description: string,
  arity: KernelSpec['arity'],
  atomics: boolean,
  shape: (size: SizeName) => Shape,
  suite: KernelSpec['suite'] = 'compute',
): KernelSpec {
  const kernel: KernelSpec = {
    id,
    description,
    arity,
    atomics,
    suite,
    caseFor(size: SizeName): KernelCase {
      const s = shape(size);
      const buffers = s.params.length > 0 ? [paramsBuffer(s.params), ...s.buffers] : [...s.buffers];
      if (buffers.length !== arity) throw new Error(`kernel ${id}: ${buffers.length} buffers for arity ${arity}`);
      return { kernel, size, ompSchedule: 'dynamic,1', ...s, buffers };
    },
  };
  return kernel;
}

function pick<T>(size: SizeName, small: T, medium: T, large: T): T {
  return size === 'small' ? small : size === 'medium' ? medium : large;
}

const { READ, WRITE, READ_WRITE } = BufferAccessKind;

function countLabel(count: number, unit = 'f32'): string {
  return `${count / 1024 / 1024 >= 1 ? `${count / 1024 / 1024}M` : `${count / 1024}K`} ${unit}`;
}

/** Elements per iteration for the streaming kernels: enough work to amortise a call. */
const STREAM_BLOCK = 65_536;

function streaming(id: string, description: string, a: string, b: string, out: string): KernelSpec {
  return spec(id, description, 4, false, (size) => {
    const count = pick(size, 1 << 16, 1 << 20, 1 << 22);
    return {
      params: [count],
      buffers: [
        { name: a, bytes: count * F32, access: READ },
        { name: b, bytes: count * F32, access: READ },
        { name: out, bytes: count * F32, access: WRITE },
      ],
      numIterations: Math.ceil(count / STREAM_BLOCK),
      blockSize: STREAM_BLOCK,
      label: countLabel(count),
      bytesMoved: 3 * count * F32,
    };
  });
}

/** Iterations of BabelStream's dot: each sums every DOT_ITERATIONS-th product (its GPU form). */
const DOT_ITERATIONS = 4096;

/**
 * One BabelStream kernel: `arrays` f32 arrays of `count` elements (the last written), one
 * iteration per element (dot: DOT_ITERATIONS iterations of a strided sum); every array
 * element is read or written once a call.
 */
function babelstream(id: string, description: string, names: readonly string[]): KernelSpec {
  const dot = id === 'stream-dot';
  return spec(
    id,
    description,
    (names.length + 1) as KernelSpec['arity'],
    false,
    (size) => {
      const count = pick(size, 1 << 16, 1 << 20, 1 << 23);
      const arrays = names.map((name, i): BufferSpec => ({ name, bytes: (dot && i === names.length - 1 ? DOT_ITERATIONS : count) * F32, access: i === names.length - 1 ? WRITE : READ }));
      return {
        params: [count, DOT_ITERATIONS],
        buffers: arrays,
        numIterations: dot ? DOT_ITERATIONS : count,
        blockSize: 1,
        label: countLabel(count),
        bytesMoved: (dot ? names.length - 1 : names.length) * count * F32,
        ompSchedule: 'static',
      };
    },
    'babelstream',
  );
}

function matmul(id: string, description: string, rowsPerIteration: number): KernelSpec {
  return spec(id, description, 4, false, (size) => {
    const n = pick(size, 64, 256, 512);
    return {
      params: [n],
      buffers: [
        { name: 'A', bytes: n * n * F32, access: READ },
        { name: 'B', bytes: n * n * F32, access: READ },
        { name: 'C', bytes: n * n * F32, access: WRITE },
      ],
      numIterations: Math.ceil(n / rowsPerIteration),
      blockSize: rowsPerIteration,
      label: `${n}² f32`,
    };
  });
}

/** The n-body force pass (kernels/nbody_common.h) at one precision: `value` bytes per number. */
function nbody(id: string, description: string, value: number, counts: readonly [number, number, number], suffix: string): KernelSpec {
  return spec(id, description, 3, false, (size) => {
    const count = pick(size, ...counts);
    return {
      params: [count],
      buffers: [
        { name: 'bodies', bytes: count * 4 * value, access: READ },
        { name: 'acc', bytes: count * 4 * value, access: WRITE },
      ],
      numIterations: Math.ceil(count / 16),
      blockSize: 16,
      label: `${count} bodies${suffix}`,
    };
  });
}

/** Every kernel, in table order. The C side (kernels/suite.h) defines the same ids. */
export const KERNEL_SUITE: readonly KernelSpec[] = [
  spec('empty', 'no work, no buffers: the round trip of one call', 0, false, () => ({
    params: [],
    buffers: [],
    numIterations: 64,
    blockSize: 1,
    label: '64 empty iterations',
  })),
  streaming('saxpy', 'z = 2.5·x + y', 'x', 'y', 'z'),
  streaming('vector-add', 'c = a + b', 'a', 'b', 'c'),
  spec('mandelbrot', 'escape counts, one row per iteration', 2, false, (size) => {
    const [side, iters] = pick(size, [128, 64], [512, 256], [1024, 256]);
    return {
      params: [side, side, iters],
      buffers: [{ name: 'counts', bytes: side * side * 4, access: WRITE }],
      numIterations: side,
      blockSize: 1,
      label: `${side}² × ${iters} iters`,
    };
  }),
  matmul('matmul-naive', 'C = A·B, one row per iteration, dot products down B’s columns', 1),
  matmul('matmul-blocked', 'C = A·B, 16 rows per iteration, k in tiles of 64', 16),
  spec('stencil', '2-D 5-point stencil, one row per iteration', 3, false, (size) => {
    const side = pick(size, 128, 1024, 2048);
    return {
      params: [side, side],
      buffers: [
        { name: 'in', bytes: side * side * F32, access: READ },
        { name: 'out', bytes: side * side * F32, access: WRITE },
      ],
      numIterations: side,
      blockSize: 1,
      label: `${side}² f32`,
    };
  }),
  nbody('nbody', 'all-pairs accelerations, 16 bodies per iteration', F32, [256, 2048, 4096], ''),
  nbody('nbody-f64', 'the same in f64 (soft-float on WebGPU), 16 bodies per iteration', F64, [256, 1024, 2048], ', f64'),
  spec('histogram', '256 bins, per-iteration counts merged with atomic adds', 4, true, (size) => {
    const count = pick(size, 1 << 16, 1 << 22, 1 << 24);
    const iterations = Math.ceil(count / STREAM_BLOCK);
    return {
      params: [count],
      buffers: [
        { name: 'data', bytes: count * 4, access: READ },
        { name: 'scratch', bytes: iterations * 256 * 4, access: READ_WRITE },
        { name: 'bins', bytes: 256 * 4, access: READ_WRITE },
      ],
      numIterations: iterations,
      blockSize: STREAM_BLOCK,
      label: countLabel(count, 'u32'),
    };
  }),
  babelstream('stream-copy', 'BabelStream copy: c[i] = a[i], one iteration per element', ['a', 'c']),
  babelstream('stream-mul', 'BabelStream mul: b[i] = 0.4·c[i], one iteration per element', ['c', 'b']),
  babelstream('stream-add', 'BabelStream add: c[i] = a[i] + b[i], one iteration per element', ['a', 'b', 'c']),
  babelstream('stream-triad', 'BabelStream triad: a[i] = b[i] + 0.4·c[i], one iteration per element', ['b', 'c', 'a']),
  babelstream('stream-dot', `BabelStream dot: Σ a[i]·b[i], ${DOT_ITERATIONS} iterations each summing every ${DOT_ITERATIONS}th product`, ['a', 'b', 'partial']),
];

export function kernelById(id: string): KernelSpec | undefined {
  return KERNEL_SUITE.find((kernel) => kernel.id === id);
}
