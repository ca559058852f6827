import type { BackendCapabilities, DeviceHandle, Host } from '@wasi-parallel/core';

/**
 * The contract between the suite and its cases: types only (the runner lives in
 * `run-conformance.ts`). A case sees the backend under test only through this context, so
 * one case list serves every backend.
 */
export interface ConformanceContext {
  /** A host whose registry holds the backend under test (+ sequential). */
  readonly host: Host;
  /** A device of the backend under test, issued by `host`. */
  readonly device: DeviceHandle;
  readonly capabilities: BackendCapabilities;
  /** Core's sequential device on a host of its own: the reference every result is compared with. */
  readonly reference: { readonly host: Host; readonly device: DeviceHandle };
}

export interface ConformanceCase {
  /** Stable, kebab/slash ids like 'vector-add/i32', 'trap/unreachable'; expectations files key on them. */
  readonly id: string;
  readonly title: string;
  /** A reason to skip when the backend lacks a capability, else undefined. Reads only the capabilities record. */
  readonly requires?: (capabilities: BackendCapabilities) => string | undefined;
  /** Throws (with a clear message) on failure. */
  run(context: ConformanceContext): Promise<void>;
}
