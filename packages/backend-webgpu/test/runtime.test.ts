import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferAccessKind, DeviceKind, ErrorCode, createHost, createRegistry, admitKernel, isWasiParallelError } from '@wasi-parallel/core';
import { WORKGROUP, createWebGpuBackendFactory, dispatchGrid, translateToWgsl, workgroupSize, type GpuLimits, type WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { run, wat, webgpu } from './harness.js';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await webgpu();
});
afterAll(async () => backend.dispose());

const HEADER = `(import "" "memory" (memory 1 65536 shared))`;
const PARAMS1 = '(param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)';
/** out[i] = (i · 7 + block size) & 0xff, one byte per iteration. */
const BYTE_KERNEL = wat(`(module ${HEADER}
  (func (export "kernel") ${PARAMS1}
    (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.add (i32.mul (local.get $i) (i32.const 7)) (local.get $bs)))))`);

const LIMITS: GpuLimits = {
  maxStorageBufferBindingSize: 2 ** 27,
  maxBufferSize: 2 ** 28,
  maxComputeWorkgroupsPerDimension: 65_535,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
};

describe('capabilities and devices', () => {
  it('serves both GPU kinds, runs i64 and f64 exactly, refuses SIMD, does not run on guest memory', () => {
    const { capabilities } = backend;
    expect(capabilities.deviceKinds).toEqual([DeviceKind.DISCRETE_GPU, DeviceKind.INTEGRATED_GPU]);
    expect(capabilities.features).toMatchObject({ f64: true, i64: true, f32: true, simd: false, atomics: true });
    expect(capabilities.runsOnGuestMemory).toBe(false);
    expect(Object.isFrozen(capabilities) && Object.isFrozen(capabilities.features)).toBe(true);
    expect(capabilities.limits.maxBufferSize).toBeGreaterThan(2 ** 20);
  });

  it('says how floats run: f64 emulated, native f32 with what the probe measured, in capabilities, descriptions and every call', async () => {
    const { float } = backend.capabilities;
    expect(float).toMatchObject({ mode: 'native', f64: 'emulated' });
    const device = backend.devices[0]!;
    const probe = float.devices[device.name]!.native!;
    expect(probe.division).toMatch(/correctly rounded|ulp/);
    expect(['none', 'fused']).toContain(probe.contraction);
    expect(device.description).toMatchObject({ float: 'native', f64: 'soft-float, exact', f32Subnormals: probe.subnormals, f32Contraction: probe.contraction });
    const buffer = await device.createBuffer(4, BufferAccessKind.WRITE);
    const result = await device.parallelFor({ kernel: admitKernel(BYTE_KERNEL), timeoutMs: 0, numIterations: 4, blockSize: 1, buffers: [buffer] });
    expect(result.report).toMatchObject({ float: 'native', f32Division: probe.division });
  });

  it('describes the adapter of each device', () => {
    for (const device of backend.devices) {
      expect(device.description).toMatchObject({ api: 'WebGPU' });
      expect(typeof device.description.vendor).toBe('string');
      expect(device.description.maxComputeWorkgroupsPerDimension).toBeGreaterThan(0);
    }
    expect(backend.devices.map((device) => device.description.powerPreference)).toEqual(['high-performance', 'low-power']);
  });
});

describe('dispatch', () => {
  it('chooses the workgroup size from blockSize within the limits', () => {
    expect(workgroupSize(0, LIMITS)).toBe(64);
    expect(workgroupSize(1, LIMITS)).toBe(64);
    expect(workgroupSize(8, LIMITS)).toBe(WORKGROUP.MIN);
    expect(workgroupSize(100, LIMITS)).toBe(64);
    expect(workgroupSize(4096, LIMITS)).toBe(WORKGROUP.MAX);
    expect(workgroupSize(4096, { ...LIMITS, maxComputeInvocationsPerWorkgroup: 128 })).toBe(128);
  });

  it('spills past 65,535 workgroups into y and z', () => {
    expect(dispatchGrid(0, 64, LIMITS)).toBeUndefined();
    expect(dispatchGrid(100, 64, LIMITS)).toEqual({ x: 2, y: 1, z: 1 });
    expect(dispatchGrid(65_535 * 64 + 1, 64, LIMITS)).toEqual({ x: 65_535, y: 2, z: 1 });
    const grid = dispatchGrid(0xffff_ffff, 32, LIMITS)!;
    expect(grid.x * grid.y * grid.z * 32).toBeGreaterThanOrEqual(0xffff_ffff);
  });

  it('runs more than 65,535 × workgroup-size iterations, each exactly once', async () => {
    const numIterations = 65_535 * WORKGROUP.MIN + 1_234;
    const [out] = await run(backend.devices[0]!, BYTE_KERNEL, numIterations, [{ bytes: new Uint8Array(numIterations + 3) }], WORKGROUP.MIN);
    const expected = new Uint8Array(numIterations + 3).map((_, i) => (i < numIterations ? (i * 7 + WORKGROUP.MIN) & 0xff : 0));
    expect(out!.length).toBe(expected.length);
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (out![i] !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('numIterations = 0 dispatches nothing', async () => {
    const trapping = wat(`(module ${HEADER} (func (export "kernel") ${PARAMS1} (unreachable)))`);
    const bytes = new Uint8Array(16).fill(3);
    const [out] = await run(backend.devices[0]!, trapping, 0, [{ bytes }]);
    expect(out).toEqual(bytes);
  });

  it('copies back writable buffers only', async () => {
    const kernel = wat(`(module ${HEADER}
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $a i32) (param $al i32) (param $b i32) (param $bl i32)
        (i32.store8 (i32.add (local.get $a) (local.get $i)) (i32.const 1))
        (i32.store8 (i32.add (local.get $b) (local.get $i)) (i32.const 2))))`);
    const [a, b] = await run(backend.devices[0]!, kernel, 8, [
      { bytes: new Uint8Array(8), access: BufferAccessKind.READ },
      { bytes: new Uint8Array(8), access: BufferAccessKind.WRITE },
    ]);
    expect(a).toEqual(new Uint8Array(8));
    expect(b).toEqual(new Uint8Array(8).fill(2));
  });

  it('reports a lost device once, then opens a new one and keeps every buffer', async () => {
    const device = backend.devices[1]!;
    const buffer = await device.createBuffer(64, BufferAccessKind.READ_WRITE);
    await buffer.write(new Uint8Array(64).fill(9));
    const request = { kernel: admitKernel(BYTE_KERNEL), timeoutMs: 0, numIterations: 4, blockSize: 0, buffers: [buffer] };
    device.gpuDevice!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await device.parallelFor(request).catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.DEVICE_LOST);
    await device.parallelFor(request);
    expect([...(await buffer.read()).subarray(0, 6)]).toEqual([0, 7, 14, 21, 9, 9]);
  });
});

describe('host integration', () => {
  it('GPU hints resolve to this backend through the registry and run through the host API', async () => {
    const registry = createRegistry();
    registry.register(createWebGpuBackendFactory());
    const host = createHost({ registry, env: {} });
    try {
      const discrete = await host.getDevice(DeviceKind.DISCRETE_GPU);
      const integrated = await host.getDevice(DeviceKind.INTEGRATED_GPU);
      expect([discrete.backend, discrete.kind, integrated.backend, integrated.kind]).toEqual(['webgpu', DeviceKind.DISCRETE_GPU, 'webgpu', DeviceKind.INTEGRATED_GPU]);
      const buffer = await host.createBuffer(discrete, 5, BufferAccessKind.WRITE);
      await host.parallelFor(discrete, BYTE_KERNEL, 5, 2, [buffer]);
      expect([...(await host.readBuffer(buffer))]).toEqual([2, 9, 16, 23, 30]);
    } finally {
      await host.close();
    }
  });

  it('without an adapter the backend is unavailable with the reason, and the hint falls back', async () => {
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    const registry = createRegistry();
    registry.register(createWebGpuBackendFactory({ gpu: noAdapter }));
    const events: string[] = [];
    const host = createHost({ registry, env: {}, onEvent: (event) => event.type === 'device-resolved' && events.push(event.reason) });
    try {
      const device = await host.getDevice(DeviceKind.DISCRETE_GPU);
      expect(device.backend).toBe('sequential');
      const state = registry.state('webgpu');
      expect(state?.state).toBe('failed');
      expect(state?.state === 'failed' && state.reason).toMatch(/no WebGPU adapter/);
      expect(events[0]).toMatch(/webgpu/);
    } finally {
      await host.close();
    }
  });
});

describe('translateToWgsl', () => {
  it('prints a compute shader with the kernel as a WGSL function', async () => {
    const wgsl = await translateToWgsl(BYTE_KERNEL, 1);
    expect(wgsl).toMatch(/@compute @workgroup_size\(WORKGROUP_SIZE\)/);
    expect(wgsl).toMatch(/fn kernel_main\(id: u32\)/);
    expect(wgsl).toMatch(/st8\(/);
  });

  it('shows the soft-float calls of an f64 kernel, and only the helpers it uses', async () => {
    const kernel = wat(`(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (f64.store (local.get $out) (f64.mul (f64.load (local.get $out)) (f64.convert_i32_u (local.get $i))))))`);
    const wgsl = await translateToWgsl(kernel, 1);
    expect(wgsl).toMatch(/= f64_mul\(/);
    expect(wgsl).toMatch(/= f64_convert_i32_u\(/);
    expect(wgsl).not.toMatch(/fn f64_div\(/);
  });
});
