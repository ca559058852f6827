import { isBufferAccessKind, type BufferAccessKind } from './buffer-access-kind.js';
import type { Backend, Device, DeviceBuffer, DispatchResult, GuestMemoryBinding } from './contracts/backend.js';
import { isDeviceKind, type DeviceKind } from './device-kind.js';
import { ErrorCode } from './error-code.js';
import { WasiParallelError, toWasiParallelError } from './errors.js';
import { HandleTable, type BufferHandle, type DeviceHandle } from './handles.js';
import { parseDeviceOverride, resolveDevice, type BackendOptions, type DeviceOverride, type DeviceResolution } from './hint-policy.js';
import type { AdmittedKernel } from './contracts/kernel.js';
import { admitKernel } from './kernel/admit-kernel.js';
import { gateKernelFeatures } from './kernel/feature-gate.js';
import { checkKernelArity } from './kernel/kernel-abi.js';
import { KernelCache } from './kernel/kernel-cache.js';
import { kernelHash } from './kernel/kernel-hash.js';
import { DEFAULTS, HOST_LIMITS, LIMITS } from './limits.js';
import { BackendRegistry } from './registry.js';
import { sequentialBackendFactory } from './sequential/sequential-backend.js';

export interface HostEvent {
  readonly type: 'device-resolved';
  readonly hint: DeviceKind | undefined;
  readonly device: DeviceHandle;
  readonly overridden: boolean;
  readonly reason: string;
}

export interface HostUsage {
  readonly buffers: number;
  readonly bufferBytes: number;
  /** Admitted kernels kept, and their bytes. */
  readonly kernels: number;
  readonly kernelBytes: number;
}

/** Per-host bounds (defaults: `HOST_LIMITS`); a call that would pass one fails with OUT_OF_MEMORY. */
export interface HostLimits {
  /** Bytes of all live buffers together. */
  readonly maxBufferBytes?: number;
  /** Live buffers. */
  readonly maxBuffers?: number;
  /** Bytes of admitted kernels kept for reuse. */
  readonly kernelCacheBytes?: number;
}

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
  /** Every call is ended with TIMEOUT after this many ms; default `DEFAULTS.KERNEL_TIMEOUT_MS`, 0 = no limit. */
  readonly timeoutMs?: number;
  readonly limits?: HostLimits;
  readonly onEvent?: (event: HostEvent) => void;
}

export interface ParallelForOptions {
  /** A shared guest memory the buffers alias; used by devices that run on guest memory. */
  readonly guestMemory?: GuestMemoryBinding;
  /** Where the buffers alias the guest's memory when it is not shared (see `DispatchRequest.guestPointers`). */
  readonly guestPointers?: readonly number[];
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

function checkTimeout(timeoutMs: number): void {
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `timeoutMs must be a number of milliseconds ≥ 0 (0 = no limit), got ${timeoutMs}`);
  }
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
  readonly #kernels: KernelCache<AdmittedKernel>;
  readonly #limits: Required<HostLimits>;
  readonly #timeoutMs: number;
  #bufferBytes = 0;

  constructor(options: HostOptions = {}) {
    this.#options = options;
    this.registry = options.registry ?? createRegistry();
    this.#limits = {
      maxBufferBytes: options.limits?.maxBufferBytes ?? HOST_LIMITS.MAX_BUFFER_BYTES,
      maxBuffers: options.limits?.maxBuffers ?? HOST_LIMITS.MAX_BUFFERS,
      kernelCacheBytes: options.limits?.kernelCacheBytes ?? HOST_LIMITS.KERNEL_CACHE_BYTES,
    };
    this.#kernels = new KernelCache<AdmittedKernel>({ entries: Infinity, bytes: this.#limits.kernelCacheBytes, weigh: (kernel) => kernel.bytes.length });
    const timeoutMs = options.timeoutMs ?? DEFAULTS.KERNEL_TIMEOUT_MS;
    checkTimeout(timeoutMs);
    this.#timeoutMs = timeoutMs;
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

  /** `create-buffer`: a zero-filled buffer of `size` bytes on `device`. */
  createBuffer(device: DeviceHandle, size: number, access: BufferAccessKind): Promise<BufferHandle> {
    return this.#guard(async () => {
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
      this.#reserveBufferBytes(size);
      try {
        const buffer = await this.#onDevice(entry, () => entry.device.createBuffer(size, access));
        return this.#buffers.add((id) => ({ id, size, access, device }), { buffer, device: entry });
      } catch (error) {
        this.#bufferBytes -= size;
        throw error;
      }
    });
  }

  /** `write-buffer`: copies `data`, which must be exactly the buffer's size, into the buffer. */
  writeBuffer(data: Uint8Array | ArrayBufferView | ArrayBuffer, buffer: BufferHandle): Promise<void> {
    return this.#guard(async () => {
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
    return this.#guard(async () => {
      const entry = this.#buffers.get(buffer);
      return this.#onDevice(entry.device, () => entry.buffer.read());
    });
  }

  /** Frees a buffer; its handle is invalid afterwards. (Not in the proposal yet; guests cannot call it.) */
  freeBuffer(buffer: BufferHandle): Promise<void> {
    return this.#guard(async () => {
      const entry = this.#buffers.delete(buffer);
      this.#bufferBytes -= buffer.size;
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
    return this.#guard(async () => {
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
      const admitted = this.admit(kernel);
      checkKernelArity(admitted, buffers.length);
      gateKernelFeatures(admitted.uses, entry.backend.capabilities.features, `the ${device.backend} backend`);
      const guestMemory = entry.backend.capabilities.runsOnGuestMemory ? options.guestMemory : undefined;
      const guestPointers = options.guestMemory?.pointers ?? options.guestPointers;
      return this.#onDevice(entry, () =>
        entry.device.parallelFor({
          kernel: admitted,
          numIterations,
          blockSize,
          buffers: deviceBuffers,
          ...(guestMemory ? { guestMemory } : {}),
          ...(guestPointers ? { guestPointers } : {}),
          timeoutMs: this.#timeoutMs,
        }),
      );
    });
  }

  /** What this host holds now, against `HostLimits`. */
  usage(): HostUsage {
    return { buffers: this.#buffers.size, bufferBytes: this.#bufferBytes, kernels: this.#kernels.size, kernelBytes: this.#kernels.bytes };
  }

  /**
   * The kernel as this host admits it (docs/architecture.md, "Kernel admission"): checked
   * against the kernel ABI and read for its facts once per content hash. Throws INVALID_KERNEL.
   */
  admit(kernel: Uint8Array | ArrayBuffer): AdmittedKernel {
    const bytes = toBytes(kernel);
    const hash = kernelHash(bytes);
    return this.#kernels.getOrCreate(hash, () => admitKernel(bytes, hash));
  }

  /** Frees every buffer and disposes every backend; the process can exit afterwards. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#buffers.values().map((entry) => entry.buffer.free()));
    this.#buffers.clear();
    this.#bufferBytes = 0;
    await this.registry.dispose();
    this.#resolutions.clear();
  }

  #onDevice<T>(entry: DeviceEntry, operation: () => Promise<T>): Promise<T> {
    const result = entry.queue.then(operation);
    entry.queue = result.catch(() => undefined);
    return result;
  }

  #reserveBufferBytes(size: number): void {
    const { maxBufferBytes, maxBuffers } = this.#limits;
    if (this.#buffers.size >= maxBuffers) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `this host already holds its limit of ${maxBuffers} buffers; free some, or raise \`limits.maxBuffers\``);
    }
    if (this.#bufferBytes + size > maxBufferBytes) {
      throw new WasiParallelError(
        ErrorCode.OUT_OF_MEMORY,
        `a buffer of ${size} bytes would take this host's buffers past its limit of ${maxBufferBytes} bytes (${this.#bufferBytes} in use); ` +
          'free some, or raise `limits.maxBufferBytes`',
      );
    }
    this.#bufferBytes += size;
  }

  async #guard<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (thrown) {
      throw toWasiParallelError(thrown);
    }
  }
}

export function createHost(options: HostOptions = {}): Host {
  return new Host(options);
}
