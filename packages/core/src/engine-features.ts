import type { BackendLimits, KernelFeatures } from './contracts/capabilities.js';
import { LIMITS } from './limits.js';

// The smallest module using a v128 local: it validates only where the engine has SIMD.
const SIMD_PROBE = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 1, 1, 123, 11]);

/**
 * What a backend that runs kernels on this engine's own WebAssembly (the sequential device, the
 * threads backend) accepts: every feature the engine has, probed once when core loads.
 */
export const ENGINE_FEATURES: KernelFeatures = Object.freeze({
  i64: true,
  f32: true,
  f64: true,
  simd: WebAssembly.validate(SIMD_PROBE),
  atomics: true,
  bulkMemory: true,
  scatteredStores: true,
  unsharedMemory: true,
});

/** The host's own limits, for backends that impose none of their own. */
export const ENGINE_LIMITS: BackendLimits = Object.freeze({
  maxBufferSize: LIMITS.MAX_BUFFER_SIZE,
  maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
  maxIterations: 0xffff_ffff,
});
