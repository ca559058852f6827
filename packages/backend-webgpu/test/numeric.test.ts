import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { compareOps } from './compare-ops.js';
import { F32_SUBNORMALS, F32_VALUES, I32_VALUES, I64_VALUES } from './op-kernels.js';
import { webgpu } from './harness.js';
import { explainedByFlushToZero } from './flush-model.js';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await webgpu();
});
afterAll(async () => backend.dispose());

const device = () => backend.devices[0]!;
const r = (type: 'i32' | 'i64' | 'f32') => (op: string) => [op, type] as const;
const i32 = r('i32');
const i64 = r('i64');
const f32 = r('f32');

describe('i32 matches wasm bit for bit', () => {
  it('arithmetic, bitwise, shifts, rotations, comparisons', async () => {
    const ops = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl', 'rotr', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
    expect(await compareOps(device(), 'i32', 2, ops.map((op) => i32(`i32.${op}`)), I32_VALUES)).toEqual([]);
  });
  it('division and remainder where they do not trap', async () => {
    const ops = ['div_s', 'div_u', 'rem_s', 'rem_u'].map((op) => i32(`i32.${op}`));
    const keep = (a: number | bigint, b: number | bigint) => b !== 0 && !(a === -0x80000000 && b === -1);
    expect(await compareOps(device(), 'i32', 2, ops, I32_VALUES, keep)).toEqual([]);
  });
  it('unary ops and sign extension', async () => {
    const ops = ['eqz', 'clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'].map((op) => i32(`i32.${op}`));
    expect(await compareOps(device(), 'i32', 1, ops, I32_VALUES)).toEqual([]);
  });
});

describe('i64 on vec2<u32> matches wasm bit for bit', () => {
  it('arithmetic, bitwise, shifts, rotations', async () => {
    const ops = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl', 'rotr'].map((op) => i64(`i64.${op}`));
    expect(await compareOps(device(), 'i64', 2, ops, I64_VALUES)).toEqual([]);
  });
  it('comparisons', async () => {
    const ops = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'].map((op) => i32(`i64.${op}`));
    expect(await compareOps(device(), 'i64', 2, ops, I64_VALUES)).toEqual([]);
  });
  it('division and remainder where they do not trap', async () => {
    const ops = ['div_s', 'div_u', 'rem_s', 'rem_u'].map((op) => i64(`i64.${op}`));
    const keep = (a: number | bigint, b: number | bigint) => b !== 0n && !(a === -0x8000000000000000n && b === -1n);
    expect(await compareOps(device(), 'i64', 2, ops, I64_VALUES, keep)).toEqual([]);
  });
  it('unary ops, extension and wrapping', async () => {
    const ops = [
      ...['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'].map((op) => i64(`i64.${op}`)),
      i32('i64.eqz'),
      i32('i32.wrap_i64'),
    ];
    expect(await compareOps(device(), 'i64', 1, ops, I64_VALUES)).toEqual([]);
  });
});

describe('f32 matches wasm where WGSL allows', () => {
  it('min, max, copysign and comparisons, NaN and signed zeros included', async () => {
    const ops = [...['min', 'max', 'copysign'].map((op) => f32(`f32.${op}`)), ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((op) => i32(`f32.${op}`))];
    expect(await compareOps(device(), 'f32', 2, ops, F32_VALUES)).toEqual([]);
  });
  it('add, sub, mul, div: exact, except results a flushing device rounds to zero', async () => {
    const ops = ['add', 'sub', 'mul', 'div'].map((op) => f32(`f32.${op}`));
    const differences = await compareOps(device(), 'f32', 2, ops, F32_VALUES);
    // Measured on SwiftShader: only results whose exact value is below 2^-126 differ (docs/backends/webgpu.md).
    expect(differences.filter((difference) => !explainedByFlushToZero(difference))).toEqual([]);
  });
  it('abs, neg, sqrt, ceil, floor, trunc, nearest', async () => {
    const ops = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'].map((op) => f32(`f32.${op}`));
    expect(await compareOps(device(), 'f32', 1, ops, F32_VALUES)).toEqual([]);
  });
});

describe('conversions match wasm bit for bit', () => {
  it('saturating float→int and reinterpretation', async () => {
    const ops = [i32('i32.trunc_sat_f32_s'), i32('i32.trunc_sat_f32_u'), i64('i64.trunc_sat_f32_s'), i64('i64.trunc_sat_f32_u'), i32('i32.reinterpret_f32')];
    expect(await compareOps(device(), 'f32', 1, ops, F32_VALUES)).toEqual([]);
  });
  it('int→float rounds to nearest even', async () => {
    const from32 = [f32('f32.convert_i32_s'), f32('f32.convert_i32_u'), f32('f32.reinterpret_i32'), i64('i64.extend_i32_s'), i64('i64.extend_i32_u')];
    expect(await compareOps(device(), 'i32', 1, from32, I32_VALUES)).toEqual([]);
    expect(await compareOps(device(), 'i64', 1, [f32('f32.convert_i64_s'), f32('f32.convert_i64_u')], I64_VALUES)).toEqual([]);
  });
});

describe('subnormal f32 operands (measured; see docs/backends/webgpu.md)', () => {
  const values = [...F32_SUBNORMALS, 1, -1, 0, -0, 2 ** -126, 0.5];
  it('comparisons, min, max, copysign and rounding are exact: they work on bits', async () => {
    const ops = [...['min', 'max', 'copysign'].map((op) => f32(`f32.${op}`)), ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((op) => i32(`f32.${op}`))];
    expect(await compareOps(device(), 'f32', 2, ops, values)).toEqual([]);
    const unary = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest'].map((op) => f32(`f32.${op}`));
    expect(await compareOps(device(), 'f32', 1, unary, values)).toEqual([]);
  });
  it('arithmetic differs only as flush-to-zero predicts', async () => {
    const ops = ['add', 'sub', 'mul', 'div'].map((op) => f32(`f32.${op}`));
    const differences = await compareOps(device(), 'f32', 2, ops, values);
    const sqrt = await compareOps(device(), 'f32', 1, [f32('f32.sqrt')], values);
    expect([...differences, ...sqrt].filter((difference) => !explainedByFlushToZero(difference))).toEqual([]);
    console.log(`subnormal operands: ${differences.length} of ${ops.length * values.length ** 2} arithmetic results and ${sqrt.length} of ${values.length} square roots differ (flushed)`);
  });
});
