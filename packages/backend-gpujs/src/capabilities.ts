import { LIMITS, type BackendCapabilities, type DeviceKind } from '@wasi-parallel/core';
import { MAX_PLANE_ENTRIES } from './buffer.js';

/**
 * The one record every mode shares (per-mode facts — float exactness, the adapter — are in
 * each device's description). What GPU.js cannot do is false here, not found out later:
 * - scattered stores and atomics: a GPU.js thread computes one output element, gathering; a
 *   store must belong to the block of its buffer the iteration owns;
 * - f64 (GPU.js computes in f32), SIMD, bulk memory;
 * - i64: kernels are lowered to i32 pairs (binaryen); i64 multiply, divide and remainder lower
 *   to helper calls, which the translator refuses per kernel.
 * Limits: a buffer is read as floats, an index is a float (exact below 2^24 entries), and an
 * iteration or element id is a GPU.js thread id (exact below 2^24).
 */
export function gpujsCapabilities(kinds: readonly DeviceKind[], emulated: boolean): BackendCapabilities {
  return Object.freeze({
    deviceKinds: Object.freeze([...new Set(kinds)]),
    features: Object.freeze({
      i64: true,
      f32: true,
      f64: false,
      simd: false,
      atomics: false,
      bulkMemory: false,
      scatteredStores: false,
      unsharedMemory: true,
    }),
    limits: Object.freeze({
      maxBufferSize: MAX_PLANE_ENTRIES * 4 - LIMITS.WASM_PAGE_SIZE,
      maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
      maxIterations: MAX_PLANE_ENTRIES,
    }),
    runsOnGuestMemory: false,
    // A GPU.js kernel cannot be stopped; loops are bounded by the translation's loop limit instead.
    timeouts: false,
    parallel: true,
    emulated,
  });
}
