import { BufferAccessKind } from '@wasi-parallel/core';
import type { KernelCall } from './dispatch.js';
import { kernelParams, memoryImport } from './wat.js';

export type FloatType = 'f32' | 'f64';

/**
 * One float operation over `$x` and `$y` (both of the case's type) and its independent JS
 * model. `value` results are stored with a quiet NaN canonicalised in the kernel: the wasm spec
 * leaves the sign and payload of an arithmetic NaN nondeterministic (spec 4.3.3, "NaN
 * propagation") but requires its quiet bit, so "is a quiet NaN" is what is portable; a
 * signalling NaN result is stored as it is and fails. `raw` results (neg, abs, copysign,
 * constants) are bit-exact by the spec and stored as they are. `i32` results are stored with
 * i32.store.
 */
export type FloatOp =
  | { readonly kind: 'value'; readonly wat: string; readonly js: (x: number, y: number, xBits: bigint, yBits: bigint) => number }
  | { readonly kind: 'raw'; readonly wat: string; readonly js: (xBits: bigint, yBits: bigint) => bigint }
  | { readonly kind: 'i32'; readonly wat: string; readonly js: (x: number, y: number) => number };

const WIDTH: Record<FloatType, number> = { f32: 4, f64: 8 };
const QUIET_BIT: Record<FloatType, string> = { f32: '0x400000', f64: '0x8000000000000' };

function store(type: FloatType, op: FloatOp, offset: number): string {
  const at = `offset=${offset} (local.get $p)`;
  switch (op.kind) {
    case 'value': {
      const int = type === 'f32' ? 'i32' : 'i64';
      const quiet = `(${int}.ne (${int}.and (${int}.reinterpret_${type} (local.get $r)) (${int}.const ${QUIET_BIT[type]})) (${int}.const 0))`;
      return `(local.set $r ${op.wat})
    (${type}.store ${at} (select (${type}.const nan) (local.get $r) (i32.and (${type}.ne (local.get $r) (local.get $r)) ${quiet})))`;
    }
    case 'raw':
      return `(${type}.store ${at} ${op.wat})`;
    case 'i32':
      // In an 8-byte slot the upper half is written too, so no byte of the output is left to chance.
      return `(i32.store ${at} ${op.wat})${type === 'f64' ? `\n    (i32.store offset=${offset + 4} (local.get $p) (i32.const 0))` : ''}`;
  }
}

/**
 * A kernel applying every op to (x[i], y[i]) and storing result k of iteration i at out[i·K + k].
 * `declarations` go into the module before the function (globals the ops read).
 */
export function floatKernel(type: FloatType, ops: readonly FloatOp[], declarations = ''): string {
  const width = WIDTH[type];
  const shift = Math.log2(width);
  return `(module
  ${memoryImport('bare')}
  ${declarations}
  (func (export "kernel") ${kernelParams('a', 'b', 'out')}
    (local $x ${type}) (local $y ${type}) (local $r ${type}) (local $p i32)
    (local.set $x (${type}.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const ${shift})))))
    (local.set $y (${type}.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const ${shift})))))
    (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const ${ops.length * width}))))
    ${ops.map((op, k) => store(type, op, k * width)).join('\n    ')}))`;
}

const CANONICAL_NAN: Record<FloatType, bigint> = { f32: 0x7fc0_0000n, f64: 0x7ff8_0000_0000_0000n };

function readBits(view: DataView, type: FloatType, offset: number): bigint {
  return type === 'f32' ? BigInt(view.getUint32(offset, true)) : view.getBigUint64(offset, true);
}

function writeBits(view: DataView, type: FloatType, offset: number, bits: bigint): void {
  if (type === 'f32') view.setUint32(offset, Number(BigInt.asUintN(32, bits)), true);
  else view.setBigUint64(offset, BigInt.asUintN(64, bits), true);
}

function readValue(view: DataView, type: FloatType, offset: number): number {
  return type === 'f32' ? view.getFloat32(offset, true) : view.getFloat64(offset, true);
}

/**
 * The call and its expected bytes for operand bit patterns `xs`, `ys` (one pair per
 * iteration), every byte computed by the ops' JS models.
 */
export function floatCall(
  type: FloatType,
  ops: readonly FloatOp[],
  kernel: Uint8Array,
  xs: readonly bigint[],
  ys: readonly bigint[],
): { call: KernelCall; expected: Uint8Array[] } {
  const width = WIDTH[type] as 4 | 8;
  const a = new Uint8Array(xs.length * width);
  const b = new Uint8Array(ys.length * width);
  const aView = new DataView(a.buffer);
  const bView = new DataView(b.buffer);
  xs.forEach((bits, i) => writeBits(aView, type, i * width, bits));
  ys.forEach((bits, i) => writeBits(bView, type, i * width, bits));
  const out = new Uint8Array(xs.length * ops.length * width);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < xs.length; i++) {
    const x = readValue(aView, type, i * width);
    const y = readValue(bView, type, i * width);
    ops.forEach((op, k) => {
      const offset = (i * ops.length + k) * width;
      if (op.kind === 'raw') {
        writeBits(outView, type, offset, op.js(readBits(aView, type, i * width), readBits(bView, type, i * width)));
      } else if (op.kind === 'i32') {
        outView.setUint32(offset, op.js(x, y) >>> 0, true);
      } else {
        const value = op.js(x, y, readBits(aView, type, i * width), readBits(bView, type, i * width));
        if (Number.isNaN(value)) writeBits(outView, type, offset, CANONICAL_NAN[type]);
        else if (type === 'f32') outView.setFloat32(offset, value, true);
        else outView.setFloat64(offset, value, true);
      }
    });
  }
  const hex = (bits: bigint): string => `0x${bits.toString(16).padStart(width * 2, '0')}`;
  const explain = (byte: number): string => {
    const slot = Math.floor(byte / width);
    const i = Math.floor(slot / ops.length);
    return `${ops[slot % ops.length]!.wat} with x = ${hex(xs[i]!)}, y = ${hex(ys[i]!)} (iteration ${i})`;
  };
  return {
    call: {
      kernel,
      numIterations: xs.length,
      blockSize: 1,
      buffers: [
        { access: BufferAccessKind.READ, data: a, elementSize: width },
        { access: BufferAccessKind.READ, data: b, elementSize: width },
        { access: BufferAccessKind.WRITE, data: new Uint8Array(out.length), elementSize: width, explain },
      ],
    },
    expected: [a, b, out],
  };
}

/** Every ordered pair of `values`: the operands of a special-value case. */
export function allPairs(values: readonly bigint[]): { xs: bigint[]; ys: bigint[] } {
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  for (const x of values) for (const y of values) xs.push(x), ys.push(y);
  return { xs, ys };
}

/** Wasm's `nearest`: round half to even, keeping the sign of zero (JS Math.round rounds half up). */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const rounded = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
  return rounded === 0 ? (x < 0 ? -0 : 0) : rounded;
}

/** `i32.trunc_sat_*_s`: NaN to 0, out-of-range to the nearest bound. */
export function truncSatI32(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), Math.trunc(x))) | 0;
}

/** `i32.trunc_sat_*_u`. */
export function truncSatU32(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(2 ** 32 - 1, Math.max(0, Math.trunc(x))) >>> 0;
}
