import { createRegistry, importBackendPackages, type BackendFactory } from '@wasi-parallel/core';

export interface UnavailableBackend {
  /** A backend name, a `--backends` label, or a package that did not load. */
  readonly name: string;
  readonly reason: string;
}

export interface DiscoveredBackends {
  readonly factories: readonly BackendFactory[];
  readonly unavailable: readonly UnavailableBackend[];
}

/**
 * Core's sequential backend plus every first-party backend package that loads (core's
 * `importBackendPackages`: each is imported by name, so one that is missing or broken is
 * reported with its reason, never a crash).
 */
export async function discoverBackends(): Promise<DiscoveredBackends> {
  const registry = createRegistry();
  const imports = await importBackendPackages(registry);
  return {
    factories: registry.factories(),
    unavailable: imports.filter((entry) => entry.error !== undefined).map((entry) => ({ name: entry.packageName, reason: entry.error! })),
  };
}
