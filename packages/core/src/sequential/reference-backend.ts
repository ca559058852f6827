import type { BackendCapabilities } from '../contracts/capabilities.js';
import type { Backend, BackendFactory, Device, DispatchRequest, DispatchResult } from '../contracts/backend.js';
import type { DeviceKind } from '../device-kind.js';
import { BackendPriority } from '../priority.js';
import { sequentialCapabilities } from './capabilities.js';
import { SequentialDevice } from './device.js';
import { createKernelExecutor } from './kernel-platform.js';

export interface ReferenceBackendOptions {
  readonly name: string;
  /** The kind its one device reports. */
  readonly kind: DeviceKind;
  readonly priority?: number;
  /** Replaces fields of the sequential capabilities (`deviceKinds` is `[kind]` already). */
  readonly capabilities?: Partial<BackendCapabilities>;
  /** Sees every call first; default: hand it to the sequential device unchanged. */
  readonly parallelFor?: (inner: Device, request: DispatchRequest) => Promise<DispatchResult>;
  readonly init?: () => Promise<void>;
}

/**
 * A backend whose one device is the sequential reference under another kind, optionally
 * intercepting calls: for tests of the registry and hint policy, for showing that the
 * conformance suite catches a broken backend, and for probing what a suite dispatches.
 */
export function referenceBackendFactory(options: ReferenceBackendOptions): BackendFactory {
  const { name, kind } = options;
  return {
    name,
    priority: options.priority ?? BackendPriority.SOFTWARE,
    deviceKinds: [kind],
    async init(): Promise<Backend> {
      await options.init?.();
      const executor = createKernelExecutor();
      const inner = new SequentialDevice(executor);
      const intercept = options.parallelFor ?? ((device, request) => device.parallelFor(request));
      const device: Device = {
        kind,
        name: `${name}-device`,
        description: { wraps: 'sequential' },
        createBuffer: (size, access) => inner.createBuffer(size, access),
        parallelFor: (request) => intercept(inner, request),
      };
      return {
        name,
        capabilities: Object.freeze({ ...sequentialCapabilities(executor.canTimeOut), deviceKinds: [kind], ...options.capabilities }),
        devices: [device],
        dispose: () => inner.dispose(),
      };
    },
  };
}
