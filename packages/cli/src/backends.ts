import { createRegistry, importBackendPackages, type BackendPackageImport, type BackendRegistry } from '@wasi-parallel/core';

/** A registry with core's sequential backend and every first-party backend package that loads. */
export async function loadRegistry(): Promise<{ registry: BackendRegistry; imports: BackendPackageImport[] }> {
  const registry = createRegistry();
  const imports = await importBackendPackages(registry);
  return { registry, imports };
}
