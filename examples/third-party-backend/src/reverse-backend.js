import { DeviceKind, sequentialCapabilities } from '@wasi-parallel/core';
import { ReverseDevice } from './reverse-device.js';

export const REVERSE_BACKEND_NAME = 'reverse';

/**
 * Only by name (a negative priority): it never takes a guest's CPU hint from a faster
 * backend, but `--device reverse` or `conformance --backend reverse` selects it.
 * @type {import('@wasi-parallel/core').BackendFactory}
 */
export const backendFactory = {
  name: REVERSE_BACKEND_NAME,
  priority: -1,
  deviceKinds: [DeviceKind.CPU],
  async init(init) {
    const unknown = Object.keys(init.options ?? {});
    if (unknown.length > 0) throw new Error(`the reverse backend takes no options, got ${unknown.join(', ')}`);
    const devices = [new ReverseDevice()];
    return {
      name: REVERSE_BACKEND_NAME,
      // What it accepts is what the engine runs, as on the sequential device; but it runs on the
      // calling thread (so it cannot end a runaway kernel) and on its own memory, never a guest's.
      capabilities: Object.freeze({
        ...sequentialCapabilities(false),
        deviceKinds: Object.freeze([DeviceKind.CPU]),
        runsOnGuestMemory: false,
      }),
      devices,
      async dispose() {},
    };
  },
};
