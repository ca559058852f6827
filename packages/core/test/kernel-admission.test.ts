import { describe, expect, it } from 'vitest';
import {
  BufferAccessKind,
  ENGINE_FEATURES,
  ErrorCode,
  admitKernel,
  createHost,
  createRegistry,
  DeviceKind,
  gateKernelFeatures,
  referenceBackendFactory,
  type KernelFeatures,
} from '@wasi-parallel/core';
import { kernel, TRIPLE, wat } from './wat.js';

const unsupported = { code: ErrorCode.UNSUPPORTED_KERNEL_FEATURE };

describe('kernel admission: facts read once', () => {
  it('finds nothing to move in a hand-written kernel', () => {
    const { facts } = admitKernel(kernel(1, '', undefined, '(global $g (mut i32) (i32.const 7))'));
    expect(facts).toMatchObject({ stackPointer: undefined, hasDataSegments: false, hasStart: false, growsMemory: false });
    expect(facts.stackPointerCandidates).toEqual([{ index: 0, initial: 7 }]);
  });

  it('sees data segments, a start function and memory.grow', () => {
    const { facts } = admitKernel(kernel(1, '(drop (memory.grow (i32.const 1)))', undefined, '(data (i32.const 16) "abc") (func $s) (start $s)'));
    expect(facts).toMatchObject({ hasDataSegments: true, hasStart: true, growsMemory: true });
  });

  it('finds `__stack_pointer` by name, and only by name', () => {
    const source = `(module (import "env" "memory" (memory 1 1 shared))
      (global $other (mut i32) (i32.const 0)) (global $__stack_pointer (mut i32) (i32.const 66560))
      (func (export "kernel") (param i32 i32 i32)))`;
    expect(admitKernel(wat(source, true)).facts.stackPointer).toEqual({ index: 1, initial: 66560 });
    expect(admitKernel(wat(source, false)).facts.stackPointer).toBeUndefined();
  });

  it('records the first use of each feature with its function and byte offset', () => {
    const bytes = wat(
      `(module (import "" "memory" (memory 1 1))
        (func $helper (param f64) (result f64) (f64.add (local.get 0) (local.get 0)))
        (func (export "kernel") (param i32 i32 i32)
          (drop (i64.const 1)) (drop (i32.atomic.load (i32.const 0))) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
          (drop (v128.const i32x4 0 0 0 0))))`,
      true,
    );
    const { uses } = admitKernel(bytes);
    expect(Object.keys(uses).sort()).toEqual(['atomics', 'bulkMemory', 'f64', 'i64', 'simd', 'unsharedMemory']);
    expect(uses.f64).toMatchObject({ function: 'helper' });
    expect(uses.i64).toMatchObject({ function: 'kernel', what: 'opcode 0x42' });
    expect(bytes[uses.i64!.offset]).toBe(0x42);
    expect(bytes[uses.atomics!.offset]).toBe(0xfe);
    expect(uses.unsharedMemory!.what).toContain('memory');
  });

  it('sees a feature used only in a local or a conversion', () => {
    expect(admitKernel(kernel(0, '(local f32)')).uses.f32).toMatchObject({ what: 'a local of type f32' });
    const trunc = admitKernel(kernel(0, '(drop (i32.trunc_sat_f64_s (f64.const 1)))')).uses;
    expect(trunc.f64).toBeDefined();
    expect(admitKernel(TRIPLE).uses).toEqual({});
  });

  it('ignores a corrupt name section instead of refusing a valid kernel', () => {
    const named = wat(`(module (import "" "memory" (memory 1 1 shared)) (func $k (export "kernel") (param i32 i32 i32)))`, true);
    const nameAt = named.length - 1;
    const corrupt = named.slice();
    // Damage the last byte of the name section (the module ends with it): a name now runs short.
    corrupt[nameAt] = 0xff;
    expect(WebAssembly.validate(corrupt)).toBe(true);
    expect(() => admitKernel(corrupt)).not.toThrow();
  });

  it('copies the bytes, so a caller reusing its array cannot change an admitted kernel', () => {
    const bytes = TRIPLE.slice();
    const admitted = admitKernel(bytes);
    bytes.fill(0);
    expect(admitted.bytes).toEqual(TRIPLE);
  });
});

describe('the feature gate', () => {
  const without = (flag: keyof KernelFeatures): KernelFeatures => ({ ...ENGINE_FEATURES, [flag]: false });

  it('refuses the first feature a device lacks, naming where the kernel uses it', () => {
    const admitted = admitKernel(kernel(0, '(drop (f64.const 1)) (drop (i64.const 2))'));
    expect(() => gateKernelFeatures(admitted.uses, without('f64'), 'the test backend')).toThrow(expect.objectContaining(unsupported));
    try {
      gateKernelFeatures(admitted.uses, without('f64'), 'the test backend');
    } catch (error) {
      expect((error as { details: { location: string } }).details.location).toMatch(/^kernel at byte 0x[0-9a-f]+$/);
    }
    expect(() => gateKernelFeatures(admitted.uses, ENGINE_FEATURES, 'the test backend')).not.toThrow();
  });

  it('runs in the host before dispatch: the device never sees a kernel its capabilities refuse', async () => {
    const seen: string[] = [];
    const registry = createRegistry();
    registry.register(
      referenceBackendFactory({
        name: 'no-f64',
        kind: DeviceKind.CPU,
        capabilities: { features: without('f64') },
        parallelFor: (inner, request) => {
          seen.push(request.kernel.hash);
          return inner.parallelFor(request);
        },
      }),
    );
    const host = createHost({ registry, device: 'no-f64' });
    const device = await host.getDevice(DeviceKind.CPU);
    const out = await host.createBuffer(device, 8, BufferAccessKind.WRITE);
    const f64 = kernel(1, '(f64.store (local.get $p0) (f64.const 1.5))');
    await expect(host.parallelFor(device, f64, 1, 1, [out])).rejects.toMatchObject(unsupported);
    expect(seen).toEqual([]);
    await host.parallelFor(device, kernel(1, '(i32.store (local.get $p0) (i32.const 1))'), 1, 1, [out]);
    expect(seen).toHaveLength(1);
    await host.close();
  });
});

describe('the host admission cache', () => {
  it('keeps admitted kernels bounded in bytes and never keeps a refused one', async () => {
    const host = createHost({ limits: { kernelCacheBytes: 2 * TRIPLE.length } });
    const device = await host.getDevice(DeviceKind.SEQUENTIAL);
    const input = await host.createBuffer(device, 16, BufferAccessKind.READ);
    const output = await host.createBuffer(device, 16, BufferAccessKind.WRITE);
    for (let i = 0; i < 5; i++) {
      await expect(host.parallelFor(device, new Uint8Array([0, 97, 115, 109, i]), 1, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.INVALID_KERNEL });
    }
    expect(host.usage().kernels).toBe(0);
    for (const k of [3, 5, 7]) {
      const variant = kernel(2, `(i32.store (local.get $p1) (i32.const ${k}))`);
      await host.parallelFor(device, variant, 1, 1, [input, output]);
    }
    expect(host.usage().kernelBytes).toBeLessThanOrEqual(2 * TRIPLE.length);
    await host.close();
  });
});
