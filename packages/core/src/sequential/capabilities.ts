import type { BackendCapabilities } from '../contracts/capabilities.js';
import { DeviceKind } from '../device-kind.js';
import { ENGINE_FEATURES, ENGINE_LIMITS } from '../engine-features.js';

/** The reference device runs kernels with the engine's own WebAssembly: every feature it has. */
export const SEQUENTIAL_CAPABILITIES: BackendCapabilities = Object.freeze({
  deviceKinds: Object.freeze([DeviceKind.SEQUENTIAL]),
  features: ENGINE_FEATURES,
  limits: ENGINE_LIMITS,
  runsOnGuestMemory: false,
  // It runs on the host's own thread, so nothing can stop a kernel that never returns.
  timeouts: false,
  parallel: false,
  emulated: false,
});
