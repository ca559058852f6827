import { createRegistry, importBackendPackages, type BackendFactory } from '@wasi-parallel/core';
import type { BackendSelection } from './backend-selection.js';

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

/** The selections to run: those asked for, or every discovered backend with default options. */
export function selectBackends(
  discovered: DiscoveredBackends,
  wanted: readonly BackendSelection[] | undefined,
): { selected: { selection: BackendSelection; factory: BackendFactory }[]; unavailable: UnavailableBackend[] } {
  const selections = wanted ?? discovered.factories.map((factory) => ({ label: factory.name, backend: factory.name, options: {} }));
  const selected: { selection: BackendSelection; factory: BackendFactory }[] = [];
  const unavailable: UnavailableBackend[] = wanted ? [] : [...discovered.unavailable];
  for (const selection of selections) {
    const factory = discovered.factories.find((candidate) => candidate.name === selection.backend);
    if (factory) selected.push({ selection, factory });
    else {
      const known = discovered.factories.map((candidate) => candidate.name).join(', ');
      const packages = discovered.unavailable.map((entry) => `${entry.name}: ${entry.reason}`).join('; ');
      unavailable.push({ name: selection.label, reason: `no backend named \`${selection.backend}\` is registered (have: ${known}${packages ? `; not loaded: ${packages}` : ''})` });
    }
  }
  return { selected, unavailable };
}
