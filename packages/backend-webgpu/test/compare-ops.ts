import type { Device } from '@wasi-parallel/core';
import { encode, opKernel, resultStride, sizeOf, pairs } from './op-kernels.js';
import { run, sequential, wat } from './harness.js';

type Scalar = 'i32' | 'i64' | 'f32';

export interface OpDifference {
  readonly op: string;
  readonly operands: string;
  readonly expected: string;
  readonly got: string;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].reverse().map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isNaNBits(bytes: Uint8Array): boolean {
  const word = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return (word & 0x7fffffff) > 0x7f800000;
}

/**
 * Runs every op over every operand tuple on `device` and on the sequential device, and lists
 * where the bytes differ. NaN results count as equal whatever their payload: wasm itself lets
 * arithmetic NaNs differ in payload.
 */
export async function compareOps(
  device: Device,
  operand: Scalar,
  arity: 1 | 2,
  ops: ReadonlyArray<readonly [string, Scalar]>,
  values: readonly (number | bigint)[],
  keep?: (a: number | bigint, b: number | bigint) => boolean,
): Promise<OpDifference[]> {
  const operands = arity === 2 ? pairs(values, keep) : [...values];
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
  for (let i = 0; i < count; i++) {
    ops.forEach(([op, result], j) => {
      const at = (i * ops.length + j) * stride;
      const width = sizeOf(result);
      const want = expected[1]!.subarray(at, at + width);
      const have = got[1]!.subarray(at, at + width);
      const same = want.every((byte, k) => byte === have[k]) || (result === 'f32' && isNaNBits(want) && isNaNBits(have));
      if (!same) {
        const args = input.subarray(i * arity * sizeOf(operand), (i + 1) * arity * sizeOf(operand));
        const parts = Array.from({ length: arity }, (_, k) => hex(args.subarray(k * sizeOf(operand), (k + 1) * sizeOf(operand))));
        differences.push({ op, operands: parts.join(' '), expected: hex(want), got: hex(have) });
      }
    });
  }
  return differences;
}
