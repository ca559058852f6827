import { describe, expect, it } from 'vitest';
import { BackendPriority, createHost, createRegistry, DeviceKind, parseDeviceOverride, referenceBackendFactory, resolveDevice, type HostEvent } from '@wasi-parallel/core';

describe('hint policy', () => {
  it('gives the hinted kind when a backend serves it, without calling it an override', async () => {
    const registry = createRegistry();
    registry.register(referenceBackendFactory({ name: 'cpu', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE }));
    const resolution = await resolveDevice(registry, DeviceKind.CPU);
    expect(resolution.device.kind).toBe(DeviceKind.CPU);
    expect(resolution.overridden).toBe(false);
  });

  it('falls back in the documented order and says why', async () => {
    const registry = createRegistry();
    registry.register(referenceBackendFactory({ name: 'gpu', kind: DeviceKind.DISCRETE_GPU, priority: BackendPriority.ACCELERATED, init: async () => { throw new Error('no adapter'); } }));
    registry.register(referenceBackendFactory({ name: 'igpu', kind: DeviceKind.INTEGRATED_GPU, priority: BackendPriority.ACCELERATED }));
    registry.register(referenceBackendFactory({ name: 'cpu', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE }));
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
    registry.register(referenceBackendFactory({ name: 'slow', kind: DeviceKind.CPU, priority: 10 }));
    registry.register(referenceBackendFactory({ name: 'fast', kind: DeviceKind.CPU, priority: 20 }));
    registry.register(referenceBackendFactory({ name: 'sim', kind: DeviceKind.CPU, priority: BackendPriority.BY_NAME_ONLY }));
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
    registry.register(referenceBackendFactory({ name: 'cpu', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE }));
    const events: HostEvent[] = [];
    const host = createHost({ registry, device: 'sequential', onEvent: (event) => events.push(event) });
    const device = await host.getDevice(DeviceKind.CPU);
    expect(device.kind).toBe(DeviceKind.SEQUENTIAL);
    expect(events).toEqual([expect.objectContaining({ type: 'device-resolved', overridden: true })]);
  });

  it('reads WASI_PARALLEL_DEVICE when the host has no option, as a kind or a backend name', async () => {
    const registry = createRegistry();
    registry.register(referenceBackendFactory({ name: 'cpu', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE }));
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
    const inner = referenceBackendFactory({ name: 'opt', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE });
    registry.register({ ...inner, init: (options) => (seen.push(options), inner.init(options)) });
    const host = createHost({ registry, backendOptions: { opt: { workers: 3 }, other: { x: 1 } } });
    await host.getDevice(DeviceKind.CPU);
    expect(seen).toEqual([{ options: { workers: 3 } }]);
  });
});

describe('emulated devices', () => {
  const registryWith = (...names: ('emulated-gpu' | 'cpu')[]) => {
    const registry = createRegistry();
    if (names.includes('emulated-gpu')) {
      registry.register(
        referenceBackendFactory({ name: 'soft-gpu', kind: DeviceKind.DISCRETE_GPU, priority: BackendPriority.ACCELERATED, capabilities: { emulated: true } }),
      );
    }
    if (names.includes('cpu')) registry.register(referenceBackendFactory({ name: 'cpu', kind: DeviceKind.CPU }));
    return registry;
  };

  it('come after every real device for a hint, and say why', async () => {
    const resolution = await resolveDevice(registryWith('emulated-gpu', 'cpu'), DeviceKind.DISCRETE_GPU);
    expect(resolution.backend.name).toBe('cpu');
    expect(resolution.reason).toContain('emulated in software');
  });

  it('still come before the sequential reference', async () => {
    const resolution = await resolveDevice(registryWith('emulated-gpu'), DeviceKind.DISCRETE_GPU);
    expect(resolution.backend.name).toBe('soft-gpu');
    expect(resolution.overridden).toBe(false);
  });

  it('are what asking for their kind, or their backend by name, gets', async () => {
    const registry = registryWith('emulated-gpu', 'cpu');
    expect((await resolveDevice(registry, DeviceKind.CPU, { override: { kind: DeviceKind.DISCRETE_GPU } })).backend.name).toBe('soft-gpu');
    expect((await resolveDevice(registry, DeviceKind.CPU, { override: { backend: 'soft-gpu' } })).backend.name).toBe('soft-gpu');
  });
});
