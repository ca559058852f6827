import type { BufferAccessKind } from '../buffer-access-kind.js';
import type { DeviceKind } from '../device-kind.js';
import type { BackendCapabilities } from './capabilities.js';
import type { AdmittedKernel } from './kernel.js';

/**
 * The backend contract. A backend package implements these interfaces and registers a
 * `BackendFactory` in a `BackendRegistry`; core never imports a backend. There is no base
 * class: a missing capability is a field in `BackendCapabilities`, not a method that throws.
 */

export interface BackendInitOptions {
  /** Options addressed to this backend by name, e.g. `{ workers: 4 }` for the threads backend. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Registered under `name`; `init` runs at most once per registry, when a device is first needed. */
export interface BackendFactory {
  readonly name: string;
  /** Higher wins among backends serving one kind; negative = only when asked for by name. See `BackendPriority`. */
  readonly priority: number;
  /** The kinds this backend may serve, known before `init` so resolution can skip it cheaply. */
  readonly deviceKinds: readonly DeviceKind[];
  /** Probes the platform; rejects with a reason when the backend cannot run here. */
  init(options: BackendInitOptions): Promise<Backend>;
}

export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  /** The devices this backend offers, at least one per kind in `capabilities.deviceKinds`. */
  readonly devices: readonly Device[];
  /** Frees every device, worker and GPU object; the process can exit afterwards. */
  dispose(): Promise<void>;
}

/** Human-readable facts about a device for `wasi-parallel devices`, e.g. the GPU adapter. */
export type DeviceDescription = Readonly<Record<string, string | number | boolean>>;

/** One device: a place where buffers live and kernels run. */
export interface Device {
  readonly kind: DeviceKind;
  /** Unique within its backend, e.g. `swiftshader` or `cpu-2-workers`. */
  readonly name: string;
  readonly description: DeviceDescription;
  createBuffer(size: number, access: BufferAccessKind): Promise<DeviceBuffer>;
  parallelFor(request: DispatchRequest): Promise<DispatchResult>;
}

/** A buffer's storage on its device. Zero-filled when created. */
export interface DeviceBuffer {
  readonly size: number;
  readonly access: BufferAccessKind;
  /** Copies `data` (exactly `size` bytes) into the buffer. */
  write(data: Uint8Array): Promise<void>;
  /** A copy of the buffer's bytes. */
  read(): Promise<Uint8Array>;
  free(): Promise<void>;
}

/** A shared guest memory the device may run the kernel on directly (see `runsOnGuestMemory`). */
export interface GuestMemoryBinding {
  readonly memory: WebAssembly.Memory;
  /** Guest-memory offset of each buffer, in `buffers` order. */
  readonly pointers: readonly number[];
}

export interface DispatchRequest {
  /** Admitted by the host: it passed the kernel ABI and the device's feature gate. */
  readonly kernel: AdmittedKernel;
  readonly numIterations: number;
  readonly blockSize: number;
  /** In the order their (pointer, length) pairs are passed to `kernel`. */
  readonly buffers: readonly DeviceBuffer[];
  /** Present only for devices whose capabilities say `runsOnGuestMemory`, and only when every buffer aliases a region of it. */
  readonly guestMemory?: GuestMemoryBinding;
  /**
   * Where each buffer aliases the calling guest's memory, when the call comes from a guest and
   * every buffer does. A device that copies buffers into a memory of its own passes it to
   * `layoutForKernel`, which mirrors the guest's layout when the kernel's own does not fit.
   */
  readonly guestPointers?: readonly number[];
  /**
   * Ends the call with a TIMEOUT error after this many ms. The host always sets it (its
   * `timeoutMs` option, else `DEFAULTS.KERNEL_TIMEOUT_MS`); 0 means no limit.
   */
  readonly timeoutMs: number;
}

/**
 * A device's own account of a call: plain JSON data (no functions, no typed arrays). A string
 * `summary`, when present, is the device's rendering of it for people.
 */
export type DeviceReport = Readonly<Record<string, unknown>> & { readonly summary?: string };

/** What a device may report about a call; all optional. */
export interface DispatchResult {
  /** Simulated or measured device cycles, e.g. from the FPGA simulator. */
  readonly cycles?: number;
  /**
   * The device's report on the call, in a shape the device documents (the FPGA simulator's
   * pipeline report; WebGPU's float mode and what its adapter's f32 arithmetic does differently
   * from wasm). Hosts pass it through untouched: `wasi-parallel run --report` prints it, the
   * bench records it per row. Nothing branches on its contents.
   */
  readonly report?: DeviceReport;
}
