import { DeviceKind, LIMITS, type BackendCapabilities } from '@wasi-parallel/core';

// The smallest module using a v128 local: validates only where the engine has SIMD.
const SIMD_PROBE = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 1, 1, 123, 11]);

function probeSharedMemory(): boolean {
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true } as WebAssembly.MemoryDescriptor);
    return memory.buffer instanceof SharedArrayBuffer && typeof Atomics.wait === 'function';
  } catch {
    return false;
  }
}

let probed: BackendCapabilities | undefined;

/**
 * Probed once: kernels run on the engine's own WebAssembly, so every feature it has is
 * accepted; only shared memory (workers sharing one linear memory) is a precondition.
 */
export function threadsCapabilities(): BackendCapabilities {
  if (probed) return probed;
  if (!probeSharedMemory()) throw new Error('this engine has no shared WebAssembly memory or Atomics.wait, which worker threads need');
  probed = Object.freeze({
    deviceKinds: Object.freeze([DeviceKind.CPU]),
    features: Object.freeze({
      i64: true,
      f32: true,
      f64: true,
      simd: WebAssembly.validate(SIMD_PROBE),
      atomics: true,
      bulkMemory: true,
      scatteredStores: true,
      // Upgraded to a shared import when prepared (wasm/kernel-rewrite.ts).
      unsharedMemory: true,
    }),
    limits: Object.freeze({
      maxBufferSize: LIMITS.MAX_BUFFER_SIZE,
      maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
      maxIterations: 0xffff_ffff,
    }),
    runsOnGuestMemory: true,
    timeouts: true,
    parallel: true,
    emulated: false,
  });
  return probed;
}
