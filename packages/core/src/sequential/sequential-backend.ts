import type { BackendCapabilities } from '../contracts/capabilities.js';
import type { Backend, BackendFactory } from '../contracts/backend.js';
import { DeviceKind } from '../device-kind.js';
import { BackendPriority } from '../priority.js';
import { sequentialCapabilities } from './capabilities.js';
import { SequentialDevice } from './device.js';
import { createKernelExecutor } from './kernel-platform.js';

export const SEQUENTIAL_BACKEND_NAME = 'sequential';

export class SequentialBackend implements Backend {
  readonly name = SEQUENTIAL_BACKEND_NAME;
  readonly capabilities: BackendCapabilities;
  readonly devices: readonly SequentialDevice[];

  constructor() {
    const executor = createKernelExecutor();
    this.capabilities = sequentialCapabilities(executor.canTimeOut);
    this.devices = [new SequentialDevice(executor)];
  }

  async dispose(): Promise<void> {
    await Promise.all(this.devices.map((device) => device.dispose()));
  }
}

/** Core's own backend, registered in every registry `createRegistry` makes. */
export const sequentialBackendFactory: BackendFactory = {
  name: SEQUENTIAL_BACKEND_NAME,
  priority: BackendPriority.REFERENCE,
  deviceKinds: [DeviceKind.SEQUENTIAL],
  init: async () => new SequentialBackend(),
};
