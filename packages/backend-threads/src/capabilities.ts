import { DeviceKind, ENGINE_FEATURES, ENGINE_LIMITS, type BackendCapabilities } from '@wasi-parallel/core';

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
    // Unshared memory imports are upgraded to shared when prepared (core's `sharedMemoryKernel`).
    features: ENGINE_FEATURES,
    limits: ENGINE_LIMITS,
    runsOnGuestMemory: true,
    timeouts: true,
    parallel: true,
    emulated: false,
  });
  return probed;
}
