import { isBufferAccessKind, type BufferAccessKind } from './buffer-access-kind.js';
import type { Backend, Device, DeviceBuffer, DispatchResult, GuestMemoryBinding } from './contracts/backend.js';
import { isDeviceKind, type DeviceKind } from './device-kind.js';
import { ErrorCode } from './error-code.js';
import { WasiParallelError, toWasiParallelError } from './errors.js';
import { HandleTable, type BufferHandle, type DeviceHandle } from './handles.js';
import { parseDeviceOverride, resolveDevice, type BackendOptions, type DeviceOverride, type DeviceResolution } from './hint-policy.js';
import { checkKernelArity, checkKernelModule } from './kernel/kernel-abi.js';
import { KernelCache } from './kernel/kernel-cache.js';
import { kernelHash } from './kernel/kernel-hash.js';
import type { KernelShape } from './kernel/kernel-shape.js';
import { DEFAULTS, LIMITS } from './limits.js';
import { BackendRegistry } from './registry.js';
import { sequentialBackendFactory } from './sequential/sequential-backend.js';

export type HostEvent =
  | {
      readonly type: 'device-resolved';
      readonly hint: DeviceKind | undefined;
      readonly device: DeviceHandle;
      readonly overridden: boolean;
      readonly reason: string;
    }
  | { readonly type: 'error'; readonly operation: string; readonly error: WasiParallelError };

export interface HostOptions {
  /** The backends to choose from; default: a new registry holding only the sequential backend. */
  readonly registry?: BackendRegistry;
  /** Overrides every hint: a device kind, its name or number, or a backend name. */
  readonly device?: string | DeviceOverride;
  /** How to name the source of `device` in messages, e.g. `--device`. */
  readonly deviceSource?: string;
  /** Where `WASI_PARALLEL_DEVICE` is read when `device` is not given; default `process.env` where there is one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Init options per backend name, e.g. `{ threads: { workers: 4 } }`, used when the host initialises it. */
  readonly backendOptions?: BackendOptions;
  /** Passed to devices that can end runaway kernels. */
  readonly timeoutMs?: number;
  readonly onEvent?: (event: HostEvent) => void;
}

export interface ParallelForOptions {
  /** A shared guest memory the buffers alias; used by devices that run on guest memory. */
  readonly guestMemory?: GuestMemoryBinding;
}

interface DeviceEntry {
  readonly device: Device;
  readonly backend: Backend;
  /** Device calls run one after another, whatever the callers do. */
  queue: Promise<unknown>;
}

interface BufferEntry {
  readonly buffer: DeviceBuffer;
  readonly device: DeviceEntry;
}

/** A registry holding core's sequential backend, the start of every host's registry. */
export function createRegistry(): BackendRegistry {
  const registry = new BackendRegistry();
  registry.register(sequentialBackendFactory);
  return registry;
}

function toBytes(data: Uint8Array | ArrayBufferView | ArrayBuffer): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || Object.prototype.toString.call(data) === '[object SharedArrayBuffer]') {
    return new Uint8Array(data);
  }
  throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, 'data must be a Uint8Array, another typed array or an ArrayBuffer');
}

function checkU32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${name} must be an integer from 0 to 2^32-1, got ${value}`);
  }
}

/**
 * The wasi-parallel API as Promises: `getDevice`, `createBuffer`, `writeBuffer`, `readBuffer`
 * and `parallelFor` mirror the proposal's WIT. Every failure rejects with a
 * `WasiParallelError` and leaves the host usable.
 */
export class Host {
  readonly registry: BackendRegistry;
  readonly #override: DeviceOverride | undefined;
  readonly #overrideSource: string;
  readonly #options: HostOptions;
  readonly #devices = new HandleTable<DeviceHandle, DeviceEntry>('device');
  readonly #buffers = new HandleTable<BufferHandle, BufferEntry>('buffer');
  readonly #deviceHandles = new Map<Device, DeviceHandle>();
  readonly #resolutions = new Map<DeviceKind | undefined, Promise<DeviceHandle>>();
  readonly #kernelShapes = new KernelCache<KernelShape>();

  constructor(options: HostOptions = {}) {
    this.#options = options;
    this.registry = options.registry ?? createRegistry();
    if (!this.registry.has(sequentialBackendFactory.name)) this.registry.register(sequentialBackendFactory);
    const env = options.env ?? (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
    if (options.device !== undefined) {
      this.#override = typeof options.device === 'string' ? parseDeviceOverride(options.device) : options.device;
      this.#overrideSource = options.deviceSource ?? 'the host option `device`';
    } else {
      this.#override = parseDeviceOverride(env[DEFAULTS.DEVICE_ENV_VAR]);
      this.#overrideSource = DEFAULTS.DEVICE_ENV_VAR;
    }
  }

  /**
   * `get-device`: never fails. The hint picks a kind; the host may override it (see
   * `FALLBACK_ORDER`), and says so in a `device-resolved` event. Anything that is not a
   * known kind counts as no preference.
   */
  getDevice(hint?: DeviceKind | number): Promise<DeviceHandle> {
    const kind = isDeviceKind(hint) ? hint : undefined;
    let pending = this.#resolutions.get(kind);
    if (!pending) {
      pending = this.#resolve(kind);
      this.#resolutions.set(kind, pending);
    }
    return pending;
  }

  async #resolve(hint: DeviceKind | undefined): Promise<DeviceHandle> {
    const resolution: DeviceResolution = await resolveDevice(this.registry, hint, {
      override: this.#override,
      overrideSource: this.#overrideSource,
      ...(this.#options.backendOptions ? { backendOptions: this.#options.backendOptions } : {}),
    });
    const handle = this.#handleFor(resolution.device, resolution.backend);
    this.#options.onEvent?.({ type: 'device-resolved', hint, device: handle, overridden: resolution.overridden, reason: resolution.reason });
    return handle;
  }

  #handleFor(device: Device, backend: Backend): DeviceHandle {
    let handle = this.#deviceHandles.get(device);
    if (!handle) {
      handle = this.#devices.add((id) => ({ id, kind: device.kind, name: device.name, backend: backend.name }), {
        device,
        backend,
        queue: Promise.resolve(),
      });
      this.#deviceHandles.set(device, handle);
    }
    return handle;
  }

  /** The backend behind a device handle: its capabilities, for callers that adapt to them. */
  backendOf(device: DeviceHandle): Backend {
    return this.#devices.get(device).backend;
  }

  /** Bare ids, as the guest ABI passes them, to the handle objects of this host. */
  deviceById(id: number): DeviceHandle {
    return this.#devices.byId(id);
  }

  bufferById(id: number): BufferHandle {
    return this.#buffers.byId(id);
  }

  /** `create-buffer`: a zero-filled buffer of `size` bytes on `device`. */
  createBuffer(device: DeviceHandle, size: number, access: BufferAccessKind): Promise<BufferHandle> {
    return this.#guard('createBuffer', async () => {
      const entry = this.#devices.get(device);
      const max = Math.min(entry.backend.capabilities.limits.maxBufferSize, LIMITS.MAX_BUFFER_SIZE);
      if (!Number.isInteger(size) || size <= 0 || size > max) {
        throw new WasiParallelError(
          size > max ? ErrorCode.OUT_OF_MEMORY : ErrorCode.INVALID_ARGUMENT,
          `a buffer's size must be an integer from 1 to ${max} bytes on ${device.backend}, got ${size}`,
        );
      }
      if (!isBufferAccessKind(access)) {
        throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `unknown buffer access kind ${String(access)}; use 0 (read), 1 (write) or 2 (read_write)`);
      }
      const buffer = await this.#onDevice(entry, () => entry.device.createBuffer(size, access));
      return this.#buffers.add((id) => ({ id, size, access, device }), { buffer, device: entry });
    });
  }

  /** `write-buffer`: copies `data`, which must be exactly the buffer's size, into the buffer. */
  writeBuffer(data: Uint8Array | ArrayBufferView | ArrayBuffer, buffer: BufferHandle): Promise<void> {
    return this.#guard('writeBuffer', async () => {
      const entry = this.#buffers.get(buffer);
      const bytes = toBytes(data);
      if (bytes.byteLength !== buffer.size) {
        throw new WasiParallelError(ErrorCode.SIZE_MISMATCH, `write of ${bytes.byteLength} bytes to a buffer of ${buffer.size} bytes; the lengths must match`);
      }
      await this.#onDevice(entry.device, () => entry.buffer.write(bytes));
    });
  }

  /** `read-buffer`: a copy of the buffer's bytes. */
  readBuffer(buffer: BufferHandle): Promise<Uint8Array> {
    return this.#guard('readBuffer', async () => {
      const entry = this.#buffers.get(buffer);
      return this.#onDevice(entry.device, () => entry.buffer.read());
    });
  }

  /** Frees a buffer; its handle is invalid afterwards. (Not in the proposal yet; guests cannot call it.) */
  freeBuffer(buffer: BufferHandle): Promise<void> {
    return this.#guard('freeBuffer', async () => {
      const entry = this.#buffers.delete(buffer);
      await this.#onDevice(entry.device, () => entry.buffer.free());
    });
  }

  /**
   * `parallel-for`: runs `kernel` for iterations 0…numIterations-1 and resolves when all are
   * done. `kernel(iteration, numIterations, blockSize, ptr0, len0, ptr1, len1, …)` gets each
   * buffer's place in the memory it runs on.
   */
  parallelFor(
    device: DeviceHandle,
    kernel: Uint8Array | ArrayBuffer,
    numIterations: number,
    blockSize: number,
    buffers: readonly BufferHandle[],
    options: ParallelForOptions = {},
  ): Promise<DispatchResult> {
    return this.#guard('parallelFor', async () => {
      const entry = this.#devices.get(device);
      checkU32('numIterations', numIterations);
      checkU32('blockSize', blockSize);
      const { limits } = entry.backend.capabilities;
      if (numIterations > limits.maxIterations) {
        throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${numIterations} iterations exceed ${device.backend}'s limit of ${limits.maxIterations}`);
      }
      if (!Array.isArray(buffers) || buffers.length > limits.maxBuffersPerCall) {
        throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `a call takes an array of at most ${limits.maxBuffersPerCall} buffers`);
      }
      const deviceBuffers = buffers.map((buffer, i) => {
        const bufferEntry = this.#buffers.get(buffer);
        if (bufferEntry.device !== entry) {
          throw new WasiParallelError(
            ErrorCode.WRONG_DEVICE,
            `buffer ${i} lives on device \`${buffer.device.name}\` of ${buffer.device.backend}, not on \`${device.name}\` of ${device.backend}`,
          );
        }
        return bufferEntry.buffer;
      });
      const bytes = toBytes(kernel);
      const hash = kernelHash(bytes);
      const shape = this.#kernelShapes.getOrCreate(hash, () => checkKernelModule(bytes).shape);
      checkKernelArity(shape, buffers.length);
      const guestMemory = entry.backend.capabilities.runsOnGuestMemory ? options.guestMemory : undefined;
      return this.#onDevice(entry, () =>
        entry.device.parallelFor({
          kernel: { bytes, hash },
          numIterations,
          blockSize,
          buffers: deviceBuffers,
          ...(guestMemory ? { guestMemory } : {}),
          ...(this.#options.timeoutMs !== undefined ? { timeoutMs: this.#options.timeoutMs } : {}),
        }),
      );
    });
  }

  /** Frees every buffer and disposes every backend; the process can exit afterwards. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#buffers.values().map((entry) => entry.buffer.free()));
    await this.registry.dispose();
    this.#resolutions.clear();
  }

  #onDevice<T>(entry: DeviceEntry, operation: () => Promise<T>): Promise<T> {
    const result = entry.queue.then(operation);
    entry.queue = result.catch(() => undefined);
    return result;
  }

  async #guard<T>(operation: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (thrown) {
      const error = toWasiParallelError(thrown);
      this.#options.onEvent?.({ type: 'error', operation, error });
      throw error;
    }
  }
}

export function createHost(options: HostOptions = {}): Host {
  return new Host(options);
}
