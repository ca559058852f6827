import { describe, expect, it } from 'vitest';
import { ErrorCode, kernelHash } from '@wasi-parallel/core';
import { clearKernelCache, formatKernelReport, kernelCacheSize, loadKernel, requireKernelFeatures } from '@wasi-parallel/kernel';
import { assemble, assembleFile, compileC } from './helpers/compile.js';
import { expressions } from './helpers/ir-queries.js';

describe('cache', () => {
  it('decodes a kernel once per hash and options, keyed by core kernelHash', async () => {
    clearKernelCache();
    const bytes = assembleFile('map-square.wat');
    const first = await loadKernel(bytes);
    expect(first.hash).toBe(kernelHash(bytes));
    expect(await loadKernel(bytes.slice())).toBe(first);
    expect(kernelCacheSize()).toBe(1);
    const lowered = await loadKernel(bytes, { lowerI64: true });
    expect(lowered).not.toBe(first);
    expect(lowered.options.lowerI64).toBe(true);
    expect(kernelCacheSize()).toBe(2);
    clearKernelCache();
    expect(kernelCacheSize()).toBe(0);
    expect(await loadKernel(bytes)).not.toBe(first);
  });

  it('does not cache failures', async () => {
    clearKernelCache();
    await expect(loadKernel(new Uint8Array([0, 97, 115, 109]))).rejects.toMatchObject({ code: ErrorCode.INVALID_KERNEL });
    expect(kernelCacheSize()).toBe(0);
  });
});

describe('i64 lowering', () => {
  it('turns every i64 into i32 pairs', async () => {
    const plain = await loadKernel(compileC('sum64.c'));
    const lowered = await loadKernel(compileC('sum64.c'), { lowerI64: true });
    expect(plain.analysis.features.i64).toBeDefined();
    expect(lowered.analysis.features.i64).toBeUndefined();
    for (const fn of lowered.functions) {
      expect(fn.locals.every((l) => l.type !== 'i64')).toBe(true);
      expect(expressions(fn).every((e) => e.type !== 'i64')).toBe(true);
    }
    // The 8-byte store of the sum became two 4-byte stores to the same buffer.
    const stores = lowered.analysis.accesses.filter((a) => a.access === 'store' && a.provenance.kind === 'buffer');
    expect(stores.map((s) => s.affine)).toEqual(
      expect.arrayContaining([
        { base: 0, stride: 8, width: 4 },
        { base: 4, stride: 8, width: 4 },
      ]),
    );
  });

  it('refuses to lower a kernel that mixes i64 with SIMD', async () => {
    await expect(loadKernel(assembleFile('simd-atomics.wat'), { lowerI64: true })).rejects.toMatchObject({
      code: ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
    });
  });
});

describe('formatKernelReport', () => {
  it('prints the IR with annotated accesses and the analysis summary', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "env" "memory" (memory 1 16 shared))
        (func (export "kernel") (param $i i32) (param i32 i32) (param $in i32) (param i32) (param $out i32) (param i32)
          (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
            (f32.sqrt (f32.load (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 2))))))))`),
    );
    const report = formatKernelReport(ir);
    expect(report).toContain('memory: import "env" "memory" shared, min 1 pages, max 16');
    expect(report).toContain('(f32.sqrt');
    expect(report).toMatch(/\(f32\.store {2};; store 4B → buffer 1, affine: base 0 \+ 4·iteration_id, width 4/);
    expect(report).toMatch(/\(f32\.load {2};; load 4B → buffer 0, affine/);
    expect(report).toContain(';; buffer 0: read, 1 reads, 0 writes');
    expect(report).toContain(';; buffer 1: write, 0 reads, 1 writes, writes map-style (affine)');
    expect(report).toMatch(/;; features: f32 \(/);
    // Every IR line starts with its instruction offset (loc).
    expect(report).toMatch(/^ {4}0 {3}\(/m);
  });
});

describe('requireKernelFeatures', () => {
  const ALL = { i64: true, f32: true, f64: true, simd: true, atomics: true, bulkMemory: true, scatteredStores: true, unsharedMemory: true };

  it('refuses scattered stores where the device lacks them, naming the function and IR instruction', async () => {
    const scattered = await loadKernel(assembleFile('branches.wat'));
    expect(() => requireKernelFeatures(scattered, ALL, 'a map device')).not.toThrow();
    let caught: unknown;
    try {
      requireKernelFeatures(scattered, { ...ALL, scatteredStores: false }, 'a map device');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: ErrorCode.UNSUPPORTED_KERNEL_FEATURE });
    const use = scattered.analysis.features.scatteredStores!;
    expect((caught as { details: { location: string } }).details.location).toBe(`${use.function} at IR instruction ${use.loc}`);
  });

  it('leaves every flag the host gates from its admission scan to the host', async () => {
    const ir = await loadKernel(assembleFile('simd-atomics.wat'));
    const none = { i64: false, f32: false, f64: false, simd: false, atomics: false, bulkMemory: false, scatteredStores: true, unsharedMemory: false };
    expect(() => requireKernelFeatures(ir, none, 'the test device')).not.toThrow();
  });
});
