import type { BackendFactory } from './contracts/backend.js';
import type { BackendRegistry } from './registry.js';

/**
 * The project's own backend packages, found by name at run time. Core imports none of them:
 * a package that is not installed, or fails to load, is reported and skipped. Each exports
 * `backendFactory`.
 */
export const FIRST_PARTY_BACKEND_PACKAGES: readonly string[] = [
  '@wasi-parallel/backend-threads',
  '@wasi-parallel/backend-webgpu',
  '@wasi-parallel/backend-gpujs',
  '@wasi-parallel/backend-fpga-sim',
];

export interface BackendPackageImport {
  readonly packageName: string;
  /** The registered backend's name when the package loaded. */
  readonly backend?: string;
  /** Why it did not load. */
  readonly error?: string;
}

function isFactory(value: unknown): value is BackendFactory {
  const candidate = value as Partial<BackendFactory> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.init === 'function' && Array.isArray(candidate.deviceKinds);
}

/** Imports each package and registers its `backendFactory` in `registry`. Never rejects. */
export async function importBackendPackages(
  registry: BackendRegistry,
  packageNames: readonly string[] = FIRST_PARTY_BACKEND_PACKAGES,
): Promise<BackendPackageImport[]> {
  return Promise.all(
    packageNames.map(async (packageName): Promise<BackendPackageImport> => {
      try {
        const module = (await import(/* @vite-ignore */ packageName)) as { backendFactory?: unknown };
        if (!isFactory(module.backendFactory)) return { packageName, error: 'it exports no `backendFactory`' };
        registry.register(module.backendFactory);
        return { packageName, backend: module.backendFactory.name };
      } catch (error) {
        const notInstalled = String((error as Error).message).includes(`Cannot find package '${packageName}'`);
        return { packageName, error: notInstalled ? 'not installed' : (error as Error).message };
      }
    }),
  );
}
