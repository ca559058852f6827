import { describe, expect, it } from 'vitest';
import { BackendPriority, BackendRegistry, DeviceKind, ErrorCode, SequentialBackend, type Backend, type BackendFactory } from '@wasi-parallel/core';

function factory(name: string, priority: number, kinds = [DeviceKind.CPU], init?: () => Promise<Backend>): BackendFactory & { inits: number } {
  const result = {
    name,
    priority,
    deviceKinds: kinds,
    inits: 0,
    async init() {
      result.inits++;
      if (init) return init();
      const backend = new SequentialBackend();
      return { ...backend, name, devices: backend.devices, capabilities: backend.capabilities, dispose: async () => {} };
    },
  };
  return result;
}

describe('BackendRegistry', () => {
  it('initialises a backend once, however many callers ask at once', async () => {
    const registry = new BackendRegistry();
    const cpu = factory('cpu-a', BackendPriority.SOFTWARE);
    registry.register(cpu);
    const [a, b] = await Promise.all([registry.init('cpu-a'), registry.init('cpu-a')]);
    expect(a).toBe(b);
    expect(cpu.inits).toBe(1);
    expect(registry.state('cpu-a')?.state).toBe('ready');
  });

  it('remembers a failed init with its reason and does not retry it', async () => {
    const registry = new BackendRegistry();
    const broken = factory('broken', 10, [DeviceKind.CPU], async () => {
      throw new Error('no adapter here');
    });
    registry.register(broken);
    await expect(registry.init('broken')).rejects.toMatchObject({ code: ErrorCode.DEVICE_UNAVAILABLE });
    await expect(registry.init('broken')).rejects.toMatchObject({ code: ErrorCode.DEVICE_UNAVAILABLE });
    expect(broken.inits).toBe(1);
    expect(registry.state('broken')).toEqual({ state: 'failed', reason: 'no adapter here' });
  });

  it('replaces the backend too when a name is registered again with a higher priority', async () => {
    const registry = new BackendRegistry();
    const first = factory('x', 1);
    registry.register(first);
    const old = await registry.init('x');
    const second = factory('x', 500);
    registry.register(second);
    expect(registry.factories().map((entry) => entry.priority)).toEqual([500]);
    const replaced = await registry.init('x');
    expect(replaced).not.toBe(old);
    expect(second.inits).toBe(1);
  });

  it('keeps names with separators intact', async () => {
    const registry = new BackendRegistry();
    for (const name of ['web_gpu', 'web-gpu', 'web.gpu/2', 'web gpu']) registry.register(factory(name, 1));
    expect(registry.factories().map((entry) => entry.name).sort()).toEqual(['web gpu', 'web-gpu', 'web.gpu/2', 'web_gpu']);
    expect((await registry.init('web_gpu')).name).toBe('web_gpu');
  });

  it('orders factories by priority, highest first', () => {
    const registry = new BackendRegistry();
    registry.register(factory('low', 1));
    registry.register(factory('high', 300));
    registry.register(factory('hidden', BackendPriority.BY_NAME_ONLY));
    expect(registry.factories().map((entry) => entry.name)).toEqual(['high', 'low', 'hidden']);
  });

  it('rejects an unknown name with INVALID_ARGUMENT', async () => {
    await expect(new BackendRegistry().init('nope')).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });
});
