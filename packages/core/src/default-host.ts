import type { DispatchResult } from './contracts/backend.js';
import type { BufferAccessKind } from './buffer-access-kind.js';
import type { DeviceKind } from './device-kind.js';
import type { BufferHandle, DeviceHandle } from './handles.js';
import { createRegistry, Host } from './host.js';
import type { BackendRegistry } from './registry.js';

/** Where the first copy of core loaded in this process leaves its default registry. */
const DEFAULT_REGISTRY_KEY = Symbol.for('@wasi-parallel/core.defaultRegistry');

interface SharedDefault {
  readonly registry: BackendRegistry;
  /** The module that made it, to name both copies when a second one loads. */
  readonly loadedFrom: string;
}

/**
 * One default registry per process, whatever the number of copies of core: two versions of
 * core installed side by side (a backend's own nested copy, say) would otherwise each have one,
 * and a side-effect `register` import would fill the copy the free functions do not read. The
 * second copy takes the first one's registry and says so once, so the duplicate install is
 * visible and fixable (`npm ls @wasi-parallel/core`) rather than a silent fallback.
 */
function sharedDefaultRegistry(): BackendRegistry {
  const global = globalThis as { [DEFAULT_REGISTRY_KEY]?: SharedDefault };
  const existing = global[DEFAULT_REGISTRY_KEY];
  if (existing) {
    if (existing.loadedFrom !== import.meta.url) {
      const message =
        `two copies of @wasi-parallel/core are loaded (${existing.loadedFrom} and ${import.meta.url}); ` +
        'they share one default registry, but install one copy: backends take core as a peer dependency (`npm ls @wasi-parallel/core` shows where the second comes from)';
      const process = (globalThis as { process?: { emitWarning?(message: string, type: string): void } }).process;
      if (process?.emitWarning) process.emitWarning(message, 'WasiParallelDuplicateCore');
      else console.warn(message);
    }
    return existing.registry;
  }
  const registry = createRegistry();
  global[DEFAULT_REGISTRY_KEY] = { registry, loadedFrom: import.meta.url };
  return registry;
}

/**
 * The registry that side-effect imports (`import '@wasi-parallel/backend-threads/register'`)
 * add to, and the host over it that the free functions below use. Tests and embedders that
 * care about isolation make their own with `createRegistry()` and `createHost()`.
 */
export const defaultRegistry: BackendRegistry = sharedDefaultRegistry();

let host: Host | undefined;

export function defaultHost(): Host {
  host ??= new Host({ registry: defaultRegistry });
  return host;
}

/**
 * Frees every buffer of the free-function API and disposes its backends (worker pools, GPU
 * devices). The process exits without it once nothing is in flight (idle backends hold no
 * event-loop reference); call it to release devices early, e.g. in a long-running server.
 * Handles from before are invalid afterwards; the next free-function call starts a new host
 * over the same default registry.
 */
export async function close(): Promise<void> {
  const closing = host;
  host = undefined;
  await closing?.close();
}

export const getDevice = (hint?: DeviceKind | number): Promise<DeviceHandle> => defaultHost().getDevice(hint);
export const createBuffer = (device: DeviceHandle, size: number, access: BufferAccessKind): Promise<BufferHandle> =>
  defaultHost().createBuffer(device, size, access);
export const writeBuffer = (data: Uint8Array | ArrayBufferView | ArrayBuffer, buffer: BufferHandle): Promise<void> =>
  defaultHost().writeBuffer(data, buffer);
export const readBuffer = (buffer: BufferHandle): Promise<Uint8Array> => defaultHost().readBuffer(buffer);
export const parallelFor = (
  device: DeviceHandle,
  kernel: Uint8Array | ArrayBuffer,
  numIterations: number,
  blockSize: number,
  buffers: readonly BufferHandle[],
): Promise<DispatchResult> => defaultHost().parallelFor(device, kernel, numIterations, blockSize, buffers);
