import { admitKernel, DeviceKind, ErrorCode, HostBuffer, BufferAccessKind, isWasiParallelError } from '@wasi-parallel/core';
import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { assertRanMode, createGpujsBackendFactory, GpujsDevice, GpujsRuntime, MODE_SPECS, readOptions } from '../src/index.js';

function codeOf(run: () => unknown): number | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isWasiParallelError(error) ? error.code : -1;
  }
}

describe('modes and options', () => {
  it('reads options strictly: unknown names and modes are INVALID_ARGUMENT', () => {
    expect(readOptions({ options: { mode: 'webasm,cpu' } }).modes).toEqual(['webasm', 'cpu']);
    expect(readOptions({}).inexactFloat).toBe('refuse');
    expect(codeOf(() => readOptions({ options: { mode: 'webgl3' } }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => readOptions({ options: { inexact: 'allow' } }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => readOptions({ options: { inexactFloat: 'yes' } }))).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('a mode is a device: cpu and webasm serve the CPU kind, with their measured floats', async () => {
    const backend = await createGpujsBackendFactory({ mode: 'webasm,cpu' }).init({});
    try {
      expect(backend.devices.map((d) => [d.name, d.kind])).toEqual([
        ['webasm', DeviceKind.CPU],
        ['cpu', DeviceKind.CPU],
      ]);
      expect(backend.devices.map((d) => d.description.floats)).toEqual(['exact', 'exact']);
      expect(backend.capabilities.features.scatteredStores).toBe(false);
    } finally {
      await backend.dispose();
    }
  });

  it("detects GPU.js's silent fallback to its CPU kernel (a kernel map on webasm)", () => {
    const gpu = new GPU({ mode: 'webasm' });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const kernel = gpu.createKernelMap({ doubled: 'function (v) { return v * 2; }' } as never, 'function (a) { return doubled(a[this.thread.x]); }' as never, { output: [4] });
      (kernel as unknown as (a: Float32Array) => unknown)(new Float32Array([1, 2, 3, 4]));
      expect(codeOf(() => assertRanMode(kernel as never, 'webasm'))).toBe(ErrorCode.DEVICE_LOST);
    } finally {
      console.warn = warn;
      gpu.destroy();
    }
  });

  it('refuses an f32 kernel on a mode measured inexact unless inexactFloat=allow', async () => {
    const wabt = await wabtInit();
    const module = wabt.parseWat(
      'f.wat',
      `(module (import "" "memory" (memory 1 16 shared)) (func (export "kernel") (param i32 i32 i32 i32 i32)
        (f32.store (i32.add (local.get 3) (i32.shl (local.get 0) (i32.const 2))) (f32.convert_i32_s (local.get 0)))))`,
      { threads: true },
    );
    const bytes = new Uint8Array(module.toBinary({}).buffer);
    const request = (buffer: HostBuffer) => ({ kernel: admitKernel(bytes), numIterations: 4, blockSize: 1, buffers: [buffer], timeoutMs: 0 });
    const opened = { mode: 'cpu' as const, runtime: new GpujsRuntime(MODE_SPECS.cpu), floats: 'inexact' as const, emulated: false, description: {} };
    const refusing = new GpujsDevice(opened, readOptions({}), {});
    const buffer = new HostBuffer(16, BufferAccessKind.WRITE);
    const error = await refusing.parallelFor(request(buffer)).catch((e: unknown) => e);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
    const allowing = new GpujsDevice(opened, readOptions({ options: { inexactFloat: 'allow' } }), {});
    await allowing.parallelFor(request(buffer));
    expect(Array.from(new Float32Array(buffer.bytes.buffer))).toEqual([0, 1, 2, 3]);
    allowing.dispose();
  });
});
