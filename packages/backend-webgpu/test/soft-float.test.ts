import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { compareOpsOn } from './compare-ops.js';
import { allPairsOf, closePairs, F32_SPECIAL_BITS, F64_SPECIAL_BITS, randomBits } from './float-corpus.js';
import type { Scalar } from './op-kernels.js';

// Soft-float against V8 bit for bit, NaN payloads included (compare-ops.ts, rule `v8`): every
// f64 operation, and every f32 operation with `float: 'exact'`.
let exact: WebGpuBackend;
beforeAll(async () => {
  exact = await WebGpuBackend.create({ float: 'exact' });
}, 60_000);
afterAll(async () => exact.dispose());

const device = () => exact.devices[0]!;
const ops = (type: Scalar, result: Scalar, names: readonly string[]) => names.map((name) => [`${type}.${name}`, result] as const);
const ARITHMETIC = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const UNARY = ['sqrt', 'abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest'];

for (const [type, width, specials] of [['f32', 32, F32_SPECIAL_BITS], ['f64', 64, F64_SPECIAL_BITS]] as const) {
  describe(`${type} soft-float matches V8 bit for bit`, () => {
    const values = [...specials, ...randomBits(width, 40, width)];
    it('add, sub, mul, div, min, max, copysign over every pair of specials and random bit patterns', async () => {
      expect(await compareOpsOn(device(), type, 2, ops(type, type, ARITHMETIC), allPairsOf(values), 'v8')).toEqual([]);
    });
    it('add, sub, mul, div where rounding is hard: close exponents, cancellation, ties', async () => {
      expect(await compareOpsOn(device(), type, 2, ops(type, type, ['add', 'sub', 'mul', 'div']), closePairs(width, 6000, width + 1), 'v8')).toEqual([]);
    });
    it('comparisons', async () => {
      expect(await compareOpsOn(device(), type, 2, ops(type, 'i32', COMPARE), allPairsOf(values), 'v8')).toEqual([]);
    });
    it('sqrt, abs, neg, ceil, floor, trunc, nearest', async () => {
      const many = [...values, ...randomBits(width, 3000, width + 2)];
      expect(await compareOpsOn(device(), type, 1, ops(type, type, UNARY), many, 'v8')).toEqual([]);
    });
    it('saturating truncation, promotion or demotion, reinterpretation', async () => {
      const other = type === 'f32' ? 'f64' : 'f32';
      const conversions = [
        ...['s', 'u'].flatMap((sign) => [[`i32.trunc_sat_${type}_${sign}`, 'i32'], [`i64.trunc_sat_${type}_${sign}`, 'i64']] as const),
        [type === 'f32' ? 'f64.promote_f32' : 'f32.demote_f64', other],
        [type === 'f32' ? 'i32.reinterpret_f32' : 'i64.reinterpret_f64', type === 'f32' ? 'i32' : 'i64'],
      ] as const;
      const many = [...values, ...randomBits(width, 3000, width + 3)];
      expect(await compareOpsOn(device(), type, 1, conversions, many, 'v8')).toEqual([]);
    });
  });
}

describe('integer → float conversions round to nearest even', () => {
  const i32s = randomBits(32, 2000, 5).map((bits) => Number(BigInt.asIntN(32, bits)));
  const i64s = randomBits(64, 2000, 6).map((bits) => BigInt.asIntN(64, bits >> (bits & 63n)));
  it('from i32', async () => {
    const conversions = ['f32.convert_i32_s', 'f32.convert_i32_u', 'f64.convert_i32_s', 'f64.convert_i32_u', 'f32.reinterpret_i32'].map((op) => [op, op.slice(0, 3)] as const);
    expect(await compareOpsOn(device(), 'i32', 1, conversions, [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 16777217, -16777217, ...i32s], 'v8')).toEqual([]);
  });
  it('from i64', async () => {
    const conversions = ['f32.convert_i64_s', 'f32.convert_i64_u', 'f64.convert_i64_s', 'f64.convert_i64_u', 'f64.reinterpret_i64'].map((op) => [op, op.slice(0, 3)] as const);
    const edges = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 24n + 1n, 0x7fff_ff80_0000_0000n];
    expect(await compareOpsOn(device(), 'i64', 1, conversions, [...edges, ...i64s], 'v8')).toEqual([]);
  });
});
