import type { Backend, BackendFactory } from '../contracts/backend.js';
import { DeviceKind } from '../device-kind.js';
import { BackendPriority } from '../priority.js';
import { SEQUENTIAL_CAPABILITIES } from './capabilities.js';
import { SequentialDevice } from './device.js';

export const SEQUENTIAL_BACKEND_NAME = 'sequential';

export class SequentialBackend implements Backend {
  readonly name = SEQUENTIAL_BACKEND_NAME;
  readonly capabilities = SEQUENTIAL_CAPABILITIES;
  readonly devices = [new SequentialDevice()];

  async dispose(): Promise<void> {}
}

/** Core's own backend, registered in every registry `createRegistry` makes. */
export const sequentialBackendFactory: BackendFactory = {
  name: SEQUENTIAL_BACKEND_NAME,
  priority: BackendPriority.REFERENCE,
  deviceKinds: [DeviceKind.SEQUENTIAL],
  init: async () => new SequentialBackend(),
};
