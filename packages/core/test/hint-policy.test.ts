import { describe, expect, it } from 'vitest';
import { BackendPriority, createHost, createRegistry, DeviceKind, parseDeviceOverride, resolveDevice, type HostEvent } from '@wasi-parallel/core';
import { fake } from './fake-backend.js';

describe('hint policy', () => {
  it('gives the hinted kind when a backend serves it, without calling it an override', async () => {
    const registry = createRegistry();
    registry.register(fake('cpu', DeviceKind.CPU, BackendPriority.SOFTWARE));
    const resolution = await resolveDevice(registry, DeviceKind.CPU);
    expect(resolution.device.kind).toBe(DeviceKind.CPU);
    expect(resolution.overridden).toBe(false);
  });

  it('falls back in the documented order and says why', async () => {
    const registry = createRegistry();
    registry.register(fake('gpu', DeviceKind.DISCRETE_GPU, BackendPriority.ACCELERATED, 'no adapter'));
    registry.register(fake('igpu', DeviceKind.INTEGRATED_GPU, BackendPriority.ACCELERATED));
    registry.register(fake('cpu', DeviceKind.CPU, BackendPriority.SOFTWARE));
    const resolution = await resolveDevice(registry, DeviceKind.DISCRETE_GPU);
    expect(resolution.backend.name).toBe('igpu');
    expect(resolution.overridden).toBe(true);
    expect(resolution.attempts).toEqual([{ backend: 'gpu', kind: DeviceKind.DISCRETE_GPU, reason: expect.stringContaining('no adapter') }]);
  });

  it('ends at the sequential device when nothing else serves the hint', async () => {
    const resolution = await resolveDevice(createRegistry(), DeviceKind.FPGA);
    expect(resolution.device.kind).toBe(DeviceKind.SEQUENTIAL);
    expect(resolution.overridden).toBe(true);
  });

  it('prefers the higher priority and skips by-name-only backends unless named', async () => {
    const registry = createRegistry();
    registry.register(fake('slow', DeviceKind.CPU, 10));
    registry.register(fake('fast', DeviceKind.CPU, 20));
    registry.register(fake('sim', DeviceKind.CPU, BackendPriority.BY_NAME_ONLY));
    expect((await resolveDevice(registry, DeviceKind.CPU)).backend.name).toBe('fast');
    expect((await resolveDevice(registry, DeviceKind.CPU, { override: { backend: 'sim' } })).backend.name).toBe('sim');
  });

  it('parses overrides as kinds (name or number) or backend names', () => {
    expect(parseDeviceOverride('discrete-gpu')).toEqual({ kind: DeviceKind.DISCRETE_GPU });
    expect(parseDeviceOverride('INTEGRATED_GPU')).toEqual({ kind: DeviceKind.INTEGRATED_GPU });
    expect(parseDeviceOverride('4')).toEqual({ kind: DeviceKind.FPGA });
    expect(parseDeviceOverride('threads')).toEqual({ backend: 'threads' });
    expect(parseDeviceOverride('')).toBeUndefined();
  });

  it('lets the host option override every hint and reports it', async () => {
    const registry = createRegistry();
    registry.register(fake('cpu', DeviceKind.CPU, BackendPriority.SOFTWARE));
    const events: HostEvent[] = [];
    const host = createHost({ registry, device: 'sequential', onEvent: (event) => events.push(event) });
    const device = await host.getDevice(DeviceKind.CPU);
    expect(device.kind).toBe(DeviceKind.SEQUENTIAL);
    expect(events).toEqual([expect.objectContaining({ type: 'device-resolved', overridden: true })]);
  });

  it('reads WASI_PARALLEL_DEVICE when the host has no option, as a kind or a backend name', async () => {
    const registry = createRegistry();
    registry.register(fake('cpu', DeviceKind.CPU, BackendPriority.SOFTWARE));
    const byKind = createHost({ registry, env: { WASI_PARALLEL_DEVICE: 'cpu' } });
    expect((await byKind.getDevice(DeviceKind.SEQUENTIAL)).kind).toBe(DeviceKind.CPU);
    const byName = createHost({ registry: createRegistry(), env: { WASI_PARALLEL_DEVICE: 'sequential' } });
    expect((await byName.getDevice(DeviceKind.DISCRETE_GPU)).backend).toBe('sequential');
  });

  it('never fails getDevice, even for an unknown backend name or hint value', async () => {
    const host = createHost({ device: 'no-such-backend' });
    expect((await host.getDevice(DeviceKind.CPU)).kind).toBe(DeviceKind.SEQUENTIAL);
    expect((await createHost().getDevice(99)).kind).toBe(DeviceKind.SEQUENTIAL);
  });
});

describe('backend init options', () => {
  it('reach the factory of the backend they name, through the host', async () => {
    const registry = createRegistry();
    const seen: unknown[] = [];
    const inner = fake('opt', DeviceKind.CPU, BackendPriority.SOFTWARE);
    registry.register({ ...inner, init: (options) => (seen.push(options), inner.init(options)) });
    const host = createHost({ registry, backendOptions: { opt: { workers: 3 }, other: { x: 1 } } });
    await host.getDevice(DeviceKind.CPU);
    expect(seen).toEqual([{ options: { workers: 3 } }]);
  });
});
