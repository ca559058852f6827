import type { DeviceKind } from '../device-kind.js';

/**
 * WebAssembly features a kernel may use, as a backend accepts them. Translating backends
 * accept a subset; the WebAssembly-running ones accept everything the engine does.
 */
export interface KernelFeatures {
  readonly i64: boolean;
  readonly f32: boolean;
  readonly f64: boolean;
  readonly simd: boolean;
  readonly atomics: boolean;
  readonly bulkMemory: boolean;
  /** Stores to addresses that are not an affine function of the iteration id. */
  readonly scatteredStores: boolean;
  /** Kernels that import a non-shared memory. */
  readonly unsharedMemory: boolean;
}

export interface BackendLimits {
  readonly maxBufferSize: number;
  readonly maxBuffersPerCall: number;
  readonly maxIterations: number;
}

/**
 * What a backend can do, probed once at `init` and read-only afterwards. The hint policy, the
 * error messages and the conformance suite read this record; nobody tests a backend's class.
 */
export interface BackendCapabilities {
  readonly deviceKinds: readonly DeviceKind[];
  readonly features: KernelFeatures;
  readonly limits: BackendLimits;
  /** The device can run a kernel directly over a shared guest memory (the prototype's zero-copy CPU semantics). */
  readonly runsOnGuestMemory: boolean;
  /** The device can end a runaway kernel (`timeoutMs`). */
  readonly timeouts: boolean;
  /** The device runs iterations in parallel, so kernels must not rely on iteration order. */
  readonly parallel: boolean;
  /**
   * The device kind is emulated in software (e.g. a GPU adapter that is SwiftShader or
   * llvmpipe on the CPU). A hint tries such devices after every real one; asking for the kind
   * or the backend by name still gets them (docs/architecture.md, "Hint resolution").
   */
  readonly emulated: boolean;
}
