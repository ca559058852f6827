import { describe, expect, it } from 'vitest';
import { loadKernel, walk, type Expr } from '@wasi-parallel/kernel';
import { assemble, assembleFile } from './helpers/compile.js';
import { expressions, kinds } from './helpers/ir-queries.js';

describe('decoding kernels into IR', () => {
  it('keeps the exact value of every constant, i64 included', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "env" "memory" (memory 1 16 shared))
        (func (export "kernel") (param i32 i32 i32 i32 i32)
          (i64.store (local.get 3) (i64.const 0x123456789abcdef0))
          (i64.store offset=8 (local.get 3) (i64.const -5))
          (i32.store offset=16 (local.get 3) (i32.const -7))
          (f32.store offset=20 (local.get 3) (f32.const 1.5))))`),
    );
    const constants = expressions(ir.kernel).flatMap((expr) => (expr.kind === 'const' ? [expr.value] : []));
    expect(constants).toEqual(
      expect.arrayContaining([
        { type: 'i64', value: 0x123456789abcdef0n },
        { type: 'i64', value: -5n },
        { type: 'i32', value: -7 },
        { type: 'f32', value: 1.5, bits: 0x3fc0_0000 },
      ]),
    );
  });

  it('keeps the bits of NaN constants and float globals: signalling NaNs, payloads and signs', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "env" "memory" (memory 1 16 shared))
        (global $g (mut f32) (f32.const nan:0x200000))
        (global $h (mut f64) (f64.const -nan:0x4000000000001))
        (func (export "kernel") (param i32 i32 i32 i32 i32)
          (f32.store (local.get 3) (f32.const nan:0x200000))
          (f32.store offset=4 (local.get 3) (f32.const -nan:0x1))
          (f32.store offset=8 (local.get 3) (f32.const nan))
          (f64.store offset=16 (local.get 3) (f64.const nan:0x4000000000001))
          (f32.store offset=24 (local.get 3) (global.get $g))
          (f64.store offset=32 (local.get 3) (global.get $h))))`),
    );
    const bits = expressions(ir.kernel).flatMap((expr) => (expr.kind === 'const' && (expr.value.type === 'f32' || expr.value.type === 'f64') ? [expr.value.bits] : []));
    expect(bits).toEqual([0x7fa0_0000, 0xff80_0001, 0x7fc0_0000, 0x7ff4_0000_0000_0001n]);
    expect(ir.globals.map((global) => global.initBits)).toEqual([0x7fa0_0000n, 0xfff4_0000_0000_0001n]);
  });

  it('keeps memory accesses with width, offset, alignment and sign', async () => {
    const ir = await loadKernel(assembleFile('map-square.wat'));
    expect(ir.memory).toEqual({ module: 'env', field: 'memory', minPages: 1, maxPages: 16, shared: true });
    expect(ir.bufferCount).toBe(2);
    expect(ir.kernel.params).toEqual(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
    expect(ir.kernel.results).toEqual([]);
    const exprs = expressions(ir.kernel);
    const store = exprs.find((e) => e.kind === 'store');
    const load = exprs.find((e) => e.kind === 'load');
    expect(store).toMatchObject({ kind: 'store', bytes: 4, offset: 8, align: 4, valueType: 'i32', atomic: false });
    expect(load).toMatchObject({ kind: 'load', type: 'i32', bytes: 4, offset: 0, signed: false, atomic: false });
    expect(exprs.some((e) => e.kind === 'binary' && e.op === 'i32.mul')).toBe(true);
    expect(exprs.some((e) => e.kind === 'binary' && e.op === 'i32.shl')).toBe(true);
  });

  it('numbers instructions in pre-order and counts them', async () => {
    const ir = await loadKernel(assembleFile('map-square.wat'));
    const locs: number[] = [];
    walk(ir.kernel.body, (e) => locs.push(e.loc));
    expect(locs).toEqual(Array.from({ length: ir.kernel.instructionCount }, (_, i) => i));
  });

  it('decodes SIMD, atomics, f64 and i64, and inlines the helper call', async () => {
    const ir = await loadKernel(assembleFile('simd-atomics.wat'));
    expect(ir.functions).toHaveLength(1);
    const exprs = expressions(ir.kernel);
    expect(exprs.some((e) => e.kind === 'call')).toBe(false);
    expect(exprs.some((e) => e.kind === 'binary' && e.op === 'f32x4.add')).toBe(true);
    expect(exprs.find((e) => e.kind === 'load' && e.type === 'v128')).toMatchObject({ bytes: 16 });
    expect(exprs.find((e) => e.kind === 'store' && e.valueType === 'v128')).toMatchObject({ bytes: 16 });
    expect(exprs.find((e) => e.kind === 'atomic.rmw')).toMatchObject({ op: 'add', bytes: 4, type: 'i32' });
    expect(exprs.some((e) => e.kind === 'unary' && e.op === 'f64.convert_i64_s')).toBe(true);
    expect(exprs.some((e) => e.kind === 'unary' && e.op === 'i64.extend_i32_s')).toBe(true);
  });

  it('keeps structured control flow: br_table, if/else, select, return', async () => {
    const ir = await loadKernel(assembleFile('branches.wat'));
    const present = kinds(ir.kernel);
    for (const kind of ['block', 'br_table', 'if', 'select', 'return']) expect(present, kind).toContain(kind);
    const table = expressions(ir.kernel).find((e): e is Extract<Expr, { kind: 'br_table' }> => e.kind === 'br_table')!;
    // `br_table $a $b`: one target, then the default.
    expect(table.labels).toHaveLength(1);
    expect(table.defaultLabel).not.toBe(table.labels[0]);
  });

  it('normalises away valued blocks and tees (flatten)', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "env" "memory" (memory 1))
        (func (export "kernel") (param i32 i32 i32 i32 i32) (local i32)
          (i32.store (local.get 3)
            (block (result i32) (local.tee 5 (i32.add (local.get 0) (i32.const 1)))))
          (i32.store offset=4 (local.get 3) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))))`),
    );
    const exprs = expressions(ir.kernel);
    expect(exprs.some((e) => e.kind === 'local.tee')).toBe(false);
    expect(exprs.some((e) => (e.kind === 'block' || e.kind === 'if' || e.kind === 'loop') && e.type !== 'none' && e.type !== 'unreachable')).toBe(false);
    expect(exprs.filter((e) => e.kind === 'store')).toHaveLength(2);
  });

  it('is plain data: survives structuredClone', async () => {
    const ir = await loadKernel(assembleFile('simd-atomics.wat'));
    expect(structuredClone(ir.kernel)).toEqual(ir.kernel);
  });
});
