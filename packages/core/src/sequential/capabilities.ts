import type { BackendCapabilities } from '../contracts/capabilities.js';
import { DeviceKind } from '../device-kind.js';
import { LIMITS } from '../limits.js';

/** The reference device runs kernels with the engine's own WebAssembly: every feature it has. */
export const SEQUENTIAL_CAPABILITIES: BackendCapabilities = Object.freeze({
  deviceKinds: Object.freeze([DeviceKind.SEQUENTIAL]),
  features: Object.freeze({
    i64: true,
    f32: true,
    f64: true,
    simd: true,
    atomics: true,
    bulkMemory: true,
    scatteredStores: true,
    unsharedMemory: true,
  }),
  limits: Object.freeze({
    maxBufferSize: LIMITS.MAX_BUFFER_SIZE,
    maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
    maxIterations: 0xffff_ffff,
  }),
  runsOnGuestMemory: false,
  // It runs on the host's own thread, so nothing can stop a kernel that never returns.
  timeouts: false,
  parallel: false,
  emulated: false,
});
