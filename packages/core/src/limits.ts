/**
 * The one table of limits and defaults. Code and tests read these names; nothing else in the
 * project repeats the numbers.
 */
export const LIMITS = {
  /** WebAssembly page size in bytes. */
  WASM_PAGE_SIZE: 65_536,
  /** The largest 32-bit linear memory, in pages (4 GiB). */
  MAX_WASM_PAGES: 65_536,
  /** The largest buffer a host accepts, whatever the device says (the guest ABI sizes are u32). */
  MAX_BUFFER_SIZE: 2 ** 31,
  /** Buffers in one `parallelFor`; a kernel takes 3 + 2·k i32 params and engines cap params at 1000. */
  MAX_BUFFERS_PER_CALL: 256,
  /** Buffers are placed in device memory on this alignment, enough for any wasm load (v128). */
  BUFFER_ALIGNMENT: 16,
  /** Kernels kept compiled per device, keyed by the kernel's hash. */
  KERNEL_CACHE_ENTRIES: 64,
} as const;

/** Per-host bounds, each overridable through `HostOptions.limits`; beyond them calls fail with OUT_OF_MEMORY. */
export const HOST_LIMITS = {
  /** Bytes of all live buffers of one host together (every guest and JS caller of it). */
  MAX_BUFFER_BYTES: 4 * 2 ** 30,
  /** Live buffers of one host. */
  MAX_BUFFERS: 16_384,
  /** Bytes of admitted kernels the host keeps (their bytes), least recently used dropped first. */
  KERNEL_CACHE_BYTES: 64 * 2 ** 20,
} as const;

export const DEFAULTS = {
  /** The env var that overrides every hint with a device kind or a backend name. */
  DEVICE_ENV_VAR: 'WASI_PARALLEL_DEVICE',
  /** The first handle number the guest ABI hands out; guests must never assume handle values. */
  FIRST_HANDLE: 0x5750_0001,
  /**
   * A call that runs longer is ended with TIMEOUT, so one runaway kernel cannot stall every
   * other caller of its device. Override with `HostOptions.timeoutMs` (CLI `--timeout`); 0 means none.
   */
  KERNEL_TIMEOUT_MS: 60_000,
} as const;
