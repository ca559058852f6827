import type { Device } from '@wasi-parallel/core';
import { encode, opKernel, resultStride, sizeOf, pairs, type Scalar } from './op-kernels.js';
import { run, sequential, wat } from './harness.js';

export interface OpDifference {
  readonly op: string;
  readonly operands: string;
  readonly expected: string;
  readonly got: string;
}

/**
 * How NaN results compare. `any`: every NaN equals every other (wasm leaves an arithmetic
 * NaN's payload to the engine). `v8`: bit for bit with the sequential device (V8), except where
 * V8 itself is not deterministic: an add or mul of two NaNs returns either one, quieted,
 * depending on the tier that compiled it (Liftoff keeps the operand order, TurboFan may swap
 * commutative operands).
 */
export type NanRule = 'any' | 'v8';

function hex(bytes: Uint8Array): string {
  return [...bytes].reverse().map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function bitsOf(bytes: Uint8Array): bigint {
  return BigInt(`0x${hex(bytes)}`);
}

const NAN = {
  4: { exponent: 0x7f80_0000n, fraction: 0x7f_ffffn, quiet: 0x40_0000n },
  8: { exponent: 0x7ff0_0000_0000_0000n, fraction: 0xf_ffff_ffff_ffffn, quiet: 0x8_0000_0000_0000n },
} as const;

function isNaNBits(bits: bigint, width: 4 | 8): boolean {
  const { exponent, fraction } = NAN[width];
  return (bits & exponent) === exponent && (bits & fraction) !== 0n;
}

function sameNaN(op: string, want: bigint, have: bigint, args: bigint[], width: 4 | 8, rule: NanRule): boolean {
  if (!isNaNBits(want, width) || !isNaNBits(have, width)) return false;
  if (rule === 'any') return true;
  const commutative = /\.(add|mul)$/.test(op) && args.length === 2 && args.every((arg) => isNaNBits(arg, width));
  return commutative && args.some((arg) => (arg | NAN[width].quiet) === have);
}

/**
 * Runs every op over `operands` (flattened, `arity` per iteration) on `device` and on the
 * sequential device, and lists where the bytes differ.
 */
export async function compareOpsOn(
  device: Device,
  operand: Scalar,
  arity: 1 | 2,
  ops: ReadonlyArray<readonly [string, Scalar]>,
  operands: readonly (number | bigint)[],
  nan: NanRule,
): Promise<OpDifference[]> {
  const count = operands.length / arity;
  const kernel = wat(opKernel(operand, arity, ops));
  const input = encode(operand, operands);
  const stride = resultStride(ops);
  const output = new Uint8Array(count * ops.length * stride);
  const [expected, got] = await Promise.all([
    run(sequential, kernel, count, [{ bytes: input }, { bytes: output }]),
    run(device, kernel, count, [{ bytes: input }, { bytes: output }]),
  ]);
  const differences: OpDifference[] = [];
  const size = sizeOf(operand);
  for (let i = 0; i < count; i++) {
    const args = Array.from({ length: arity }, (_, k) => input.subarray((i * arity + k) * size, (i * arity + k + 1) * size));
    ops.forEach(([op, result], j) => {
      const at = (i * ops.length + j) * stride;
      const width = sizeOf(result);
      const want = expected[1]!.subarray(at, at + width);
      const have = got[1]!.subarray(at, at + width);
      if (want.every((byte, k) => byte === have[k])) return;
      const float = result === 'f32' || result === 'f64';
      if (float && sameNaN(op, bitsOf(want), bitsOf(have), args.map(bitsOf), width as 4 | 8, nan)) return;
      differences.push({ op, operands: args.map(hex).join(' '), expected: hex(want), got: hex(have) });
    });
  }
  return differences;
}

/** Every op over every ordered pair (or each value, for unary ops) of `values`, NaN payloads ignored. */
export async function compareOps(
  device: Device,
  operand: Scalar,
  arity: 1 | 2,
  ops: ReadonlyArray<readonly [string, Scalar]>,
  values: readonly (number | bigint)[],
  keep?: (a: number | bigint, b: number | bigint) => boolean,
): Promise<OpDifference[]> {
  return compareOpsOn(device, operand, arity, ops, arity === 2 ? pairs(values, keep) : [...values], 'any');
}
