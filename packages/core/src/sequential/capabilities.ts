import type { BackendCapabilities } from '../contracts/capabilities.js';
import { DeviceKind } from '../device-kind.js';
import { ENGINE_FEATURES, ENGINE_LIMITS } from '../engine-features.js';

/**
 * The reference device runs kernels with the engine's own WebAssembly: every feature it has,
 * in place over a shared guest memory. It can end a runaway kernel wherever it runs kernels on
 * a thread of their own (Node, browsers), which `timeouts` says.
 */
export function sequentialCapabilities(timeouts: boolean): BackendCapabilities {
  return Object.freeze({
    deviceKinds: Object.freeze([DeviceKind.SEQUENTIAL]),
    features: ENGINE_FEATURES,
    limits: ENGINE_LIMITS,
    runsOnGuestMemory: true,
    timeouts,
    parallel: false,
    emulated: false,
  });
}
