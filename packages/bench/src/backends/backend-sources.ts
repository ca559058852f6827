import { ErrorCode, SEQUENTIAL_BACKEND_NAME, sequentialBackendFactory, WasiParallelError, type BackendFactory } from '@wasi-parallel/core';

/**
 * A backend the bench may measure, as plain data so a runner's child process can load it
 * again: its name and the module exporting its `backendFactory` (a file URL). The bench finds
 * no backends itself: `wasi-parallel bench` hands over what the CLI's discovery found
 * (`--backend-package`, `WASI_PARALLEL_BACKENDS`, the config file, installed packages).
 */
export interface BackendSource {
  readonly name: string;
  /** Absent for core's own sequential backend. */
  readonly module?: string;
}

/** A backend package that was found but did not load, listed in the results with why. */
export interface UnavailableBackend {
  readonly name: string;
  readonly reason: string;
}

/** What the bench measures when nobody hands it backends: core's sequential reference. */
export const CORE_BACKEND_SOURCES: readonly BackendSource[] = [{ name: SEQUENTIAL_BACKEND_NAME }];

function isFactory(value: unknown): value is BackendFactory {
  const candidate = value as Partial<BackendFactory> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.init === 'function';
}

/** The factory a source names; rejects, naming the module, when it exports none of that name. */
export async function loadBackendFactory(source: BackendSource): Promise<BackendFactory> {
  if (source.module === undefined) {
    if (source.name === SEQUENTIAL_BACKEND_NAME) return sequentialBackendFactory;
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `backend \`${source.name}\` names no module to load it from`);
  }
  const module = (await import(source.module)) as { backendFactory?: unknown };
  if (!isFactory(module.backendFactory) || module.backendFactory.name !== source.name) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${source.module} exports no \`backendFactory\` named \`${source.name}\``);
  }
  return module.backendFactory;
}
