import { SequentialBackend, type Backend, type BackendFactory, type Device, type DeviceKind } from '@wasi-parallel/core';

/** A backend whose one device has `kind`, built over the sequential device. */
export function fake(name: string, kind: DeviceKind, priority: number, fail?: string): BackendFactory {
  return {
    name,
    priority,
    deviceKinds: [kind],
    async init(): Promise<Backend> {
      if (fail) throw new Error(fail);
      const inner = new SequentialBackend().devices[0]!;
      const device: Device = {
        kind,
        name: `${name}-device`,
        description: {},
        createBuffer: (size, access) => inner.createBuffer(size, access),
        parallelFor: (request) => inner.parallelFor(request),
      };
      return { name, capabilities: { ...new SequentialBackend().capabilities, deviceKinds: [kind] }, devices: [device], dispose: async () => {} };
    },
  };
}
