import { describe, expect, it } from 'vitest';
import { loadKernel } from '@wasi-parallel/kernel';
import { assembleFile, compileC } from './helpers/compile.js';
import { accessesTo } from './helpers/ir-queries.js';

describe('analyses', () => {
  it('saxpy (C): the y[i] store is affine with stride 4 in iteration_id', async () => {
    const ir = await loadKernel(compileC('saxpy.c'));
    const [store] = accessesTo(ir, 2, 'store');
    expect(accessesTo(ir, 2, 'store')).toHaveLength(1);
    expect(store!.affine).toEqual({ base: 0, stride: 4, width: 4 });
    // x[i] and y[i] read with stride 4, a = params[0] with stride 0.
    expect(accessesTo(ir, 1, 'load').map((a) => a.affine)).toEqual([{ base: 0, stride: 4, width: 4 }]);
    expect(accessesTo(ir, 0, 'load').map((a) => a.affine)).toEqual([{ base: 0, stride: 0, width: 4 }]);
    expect(ir.analysis.buffers.map((b) => [b.reads, b.writes])).toEqual([
      [true, false],
      [true, false],
      [true, true],
    ]);
    expect(ir.analysis.buffers[2]!.allWritesAffine).toBe(true);
    expect(ir.analysis.features.f32).toBeDefined();
    expect(ir.analysis.features.f64).toBeUndefined();
    expect(ir.analysis.features.scatteredStores).toBeUndefined();
    expect(ir.analysis.features.unknownAccesses).toBeUndefined();
  });

  it('mandelbrot (C): the store provenance is the output buffer; params are only read', async () => {
    const ir = await loadKernel(compileC('mandelbrot.c'));
    const stores = ir.analysis.accesses.filter((a) => a.access === 'store');
    expect(stores.length).toBeGreaterThan(0);
    expect(stores.every((a) => a.provenance.kind === 'buffer' && a.provenance.buffer === 1)).toBe(true);
    expect(stores.every((a) => a.bytes === 1)).toBe(true);
    expect(ir.analysis.buffers[0]).toMatchObject({ reads: true, writes: false });
    expect(ir.analysis.buffers[1]).toMatchObject({ reads: false, writes: true });
    // row * width with width read from the params buffer: not affine in iteration_id.
    expect(ir.analysis.buffers[1]!.allWritesAffine).toBe(false);
    expect(ir.analysis.features.scatteredStores).toBeDefined();
    expect(ir.analysis.features.loops).toBeDefined();
    expect(ir.analysis.loops.length).toBeGreaterThanOrEqual(2);
  });

  it('a WAT map kernel: offsets fold into the affine base', async () => {
    const ir = await loadKernel(assembleFile('map-square.wat'));
    expect(accessesTo(ir, 1, 'store')[0]!.affine).toEqual({ base: 8, stride: 4, width: 4 });
    expect(accessesTo(ir, 0, 'load')[0]!.affine).toEqual({ base: 0, stride: 4, width: 4 });
    expect(ir.analysis.features.loops).toBeUndefined();
  });

  it('a loop over block_size: counter, step and a bound computed from params', async () => {
    const ir = await loadKernel(assembleFile('block-loop.wat'));
    expect(ir.memory.shared).toBe(false);
    expect(ir.analysis.loops).toHaveLength(1);
    const [loop] = ir.analysis.loops;
    expect(loop!.induction?.step).toBe(1);
    expect(loop!.boundFromParams).toBe(true);
    expect(loop!.bound).toMatch(/p0/);
    expect(loop!.bound).toMatch(/p2/);
    // Provenance survives the loop even though the address is not affine in iteration_id.
    expect(accessesTo(ir, 1, 'store')).toHaveLength(1);
    expect(accessesTo(ir, 1, 'store')[0]!.affine).toBeUndefined();
    expect(accessesTo(ir, 0, 'load')).toHaveLength(1);
  });

  it('a data-dependent store address is scattered, still with its buffer', async () => {
    const ir = await loadKernel(assembleFile('branches.wat'));
    const [store] = accessesTo(ir, 1, 'store');
    expect(store!.affine).toBeUndefined();
    expect(ir.analysis.features.scatteredStores).toMatchObject({ function: ir.kernel.name, loc: store!.loc });
  });

  it('features: SIMD, atomics, f64, i64 with their first use', async () => {
    const ir = await loadKernel(assembleFile('simd-atomics.wat'));
    const f = ir.analysis.features;
    expect(f.simd).toBeDefined();
    expect(f.atomics).toMatchObject({ what: 'atomic.rmw' });
    expect(f.f64).toBeDefined();
    expect(f.i64).toBeDefined();
    expect(f.recursion).toBeUndefined();
    expect(f.calls).toBeUndefined(); // inlined
    // The atomic counter: an rmw on buffer 2 with stride 0 is a scattered write.
    expect(accessesTo(ir, 2, 'rmw')[0]!.affine).toEqual({ base: 0, stride: 0, width: 4 });
    expect(ir.analysis.buffers[2]!.allWritesAffine).toBe(false);
  });

  it('recursion (C): the call stays, recursion is reported, helper params are unknown provenance', async () => {
    const ir = await loadKernel(compileC('recursive.c'));
    expect(ir.functions.length).toBeGreaterThanOrEqual(2);
    expect(ir.analysis.features.recursion).toBeDefined();
    expect(ir.analysis.features.calls).toBeDefined();
    expect(accessesTo(ir, 1, 'store')[0]!.affine).toEqual({ base: 0, stride: 4, width: 4 });
  });

  it('stack spills: stack provenance, and reloads from the stack are not mistaken for buffer data', async () => {
    const ir = await loadKernel(compileC('stack-spill.c'));
    const stores = ir.analysis.accesses.filter((a) => a.access === 'store');
    expect(stores.some((a) => a.provenance.kind === 'stack')).toBe(true);
    expect(accessesTo(ir, 1, 'store')).toHaveLength(16);
    // out[i * 16 + k] (written as (i << 6) | 4k by clang): affine with stride 64.
    expect(accessesTo(ir, 1, 'store').map((a) => a.affine?.base).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 16 }, (_, k) => 4 * k),
    );
    expect(accessesTo(ir, 1, 'store').every((a) => a.affine?.stride === 64)).toBe(true);
    expect(ir.analysis.features.globalWrites?.what).toBe('global.set __stack_pointer');
  });

  it('indirect calls: reported, the callees kept, the store still map-style', async () => {
    const ir = await loadKernel(assembleFile('indirect.wat'));
    expect(ir.analysis.features.indirectCalls).toMatchObject({ function: 'kernel', what: 'call_indirect' });
    expect(ir.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['kernel', 'double', 'negate']));
    expect(accessesTo(ir, 1, 'store')[0]!.affine).toEqual({ base: 0, stride: 4, width: 4 });
  });

  it('i64 (C): a loop bounded by block_size', async () => {
    const ir = await loadKernel(compileC('sum64.c'));
    expect(ir.analysis.features.i64).toBeDefined();
    expect(ir.analysis.loops.some((l) => l.boundFromParams && /p2/.test(l.bound ?? ''))).toBe(true);
    expect(accessesTo(ir, 1, 'store')[0]).toMatchObject({ bytes: 8, affine: { base: 0, stride: 8, width: 8 } });
  });
});
