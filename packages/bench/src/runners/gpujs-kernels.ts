import type { KernelCase } from '../suite/kernel-spec.js';

/**
 * Hand-written gpu.js equivalents of the suite's C kernels, as gpu.js source text (gpu.js parses
 * the function's source; text keeps TypeScript's output out of its parser). One output cell per
 * thread, gather-style, as gpu.js requires. The kernels without one are in GPUJS_NOT_EXPRESSIBLE.
 */
export interface GpujsKernel {
  readonly source: string;
  /** gpu.js `output`: [x] or [x, y]. */
  output(kernelCase: KernelCase): number[];
  constants(kernelCase: KernelCase): Record<string, number>;
  /** The kernel's arguments from the case's input buffers (buffer 0, the parameters, is not passed). */
  args(inputs: readonly Uint8Array[]): Float32Array[];
  /** Index of the buffer the result stands for, and whether it is int32 (else f32). */
  readonly resultBuffer: number;
  readonly resultInt: boolean;
}

function f32(bytes: Uint8Array): Float32Array {
  // A copy: the bytes may sit at an offset that is not 4-aligned.
  return new Float32Array(bytes.slice().buffer);
}

const streamArgs = (inputs: readonly Uint8Array[]): Float32Array[] => [f32(inputs[1]!), f32(inputs[2]!)];

export const GPUJS_KERNELS: Readonly<Record<string, GpujsKernel>> = {
  saxpy: {
    source: `function (x, y) { return 2.5 * x[this.thread.x] + y[this.thread.x]; }`,
    output: (c) => [c.params[0]!],
    constants: () => ({}),
    args: streamArgs,
    resultBuffer: 3,
    resultInt: false,
  },
  'vector-add': {
    source: `function (a, b) { return a[this.thread.x] + b[this.thread.x]; }`,
    output: (c) => [c.params[0]!],
    constants: () => ({}),
    args: streamArgs,
    resultBuffer: 3,
    resultInt: false,
  },
  mandelbrot: {
    source: `function () {
      const cr = -2.0 + 3.0 * this.thread.x / this.constants.width;
      const ci = -1.5 + 3.0 * this.thread.y / this.constants.height;
      let zr = 0.0;
      let zi = 0.0;
      let k = 0;
      for (let i = 0; i < this.constants.maxIter; i++) {
        if (zr * zr + zi * zi > 4.0) break;
        const t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        k++;
      }
      return k;
    }`,
    output: (c) => [c.params[0]!, c.params[1]!],
    constants: (c) => ({ width: c.params[0]!, height: c.params[1]!, maxIter: c.params[2]! }),
    args: () => [],
    resultBuffer: 1,
    resultInt: true,
  },
  'matmul-naive': {
    source: `function (a, b) {
      let sum = 0.0;
      for (let k = 0; k < this.constants.n; k++) {
        sum += a[this.thread.y * this.constants.n + k] * b[k * this.constants.n + this.thread.x];
      }
      return sum;
    }`,
    output: (c) => [c.params[0]!, c.params[0]!],
    constants: (c) => ({ n: c.params[0]! }),
    args: streamArgs,
    resultBuffer: 3,
    resultInt: false,
  },
  stencil: {
    source: `function (grid) {
      const x = this.thread.x;
      const y = this.thread.y;
      const w = this.constants.width;
      const i = y * w + x;
      if (x === 0 || y === 0 || x === w - 1 || y === this.constants.height - 1) return grid[i];
      return 0.2 * (grid[i] + grid[i - 1] + grid[i + 1] + grid[i - w] + grid[i + w]);
    }`,
    output: (c) => [c.params[0]!, c.params[1]!],
    constants: (c) => ({ width: c.params[0]!, height: c.params[1]! }),
    args: (inputs) => [f32(inputs[1]!)],
    resultBuffer: 2,
    resultInt: false,
  },
  // One thread per output float (ax, ay, az, 0): gpu.js returns one number per thread, so each
  // body's force sum is computed three times. That is the cost of expressing it in gpu.js.
  nbody: {
    source: `function (p) {
      const i = Math.floor(this.thread.x / 4);
      const c = this.thread.x - i * 4;
      if (c === 3) return 0.0;
      const xi = p[4 * i];
      const yi = p[4 * i + 1];
      const zi = p[4 * i + 2];
      let a = 0.0;
      for (let j = 0; j < this.constants.count; j++) {
        const dx = p[4 * j] - xi;
        const dy = p[4 * j + 1] - yi;
        const dz = p[4 * j + 2] - zi;
        const d2 = dx * dx + dy * dy + dz * dz + 0.01;
        const inv = 1.0 / Math.sqrt(d2);
        const s = p[4 * j + 3] * inv * inv * inv;
        if (c === 0) a += dx * s;
        if (c === 1) a += dy * s;
        if (c === 2) a += dz * s;
      }
      return a;
    }`,
    output: (c) => [c.params[0]! * 4],
    constants: (c) => ({ count: c.params[0]! }),
    args: (inputs) => [f32(inputs[1]!)],
    resultBuffer: 2,
    resultInt: false,
  },
};

/** Why the other kernels have no gpu.js version; the reason is the row's. */
export const GPUJS_NOT_EXPRESSIBLE: Readonly<Record<string, string>> = {
  empty: 'a gpu.js kernel must compute an output',
  'matmul-blocked': 'gpu.js has no control over tiling: it would be matmul-naive again',
  histogram: 'gpu.js has no scatter or atomics; the gather rewrite (each bin scans all data) does 256× the reads',
  'nbody-f64': 'gpu.js computes in f32 only',
};
