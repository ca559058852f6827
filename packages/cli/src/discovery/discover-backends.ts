import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, type BackendFactory, type BackendRegistry } from '@wasi-parallel/core';
import { UsageError } from '../usage-error.js';
import { loadConfig } from './config-file.js';
import { findPackageDirectory, resolveBackendRequest } from './package-entry.js';

/** The project's own backend packages: loaded when installed, never mentioned when not. */
export const FIRST_PARTY_BACKEND_PACKAGES: readonly string[] = ['@wasi-parallel/backend-threads', '@wasi-parallel/backend-webgpu', '@wasi-parallel/backend-gpujs', '@wasi-parallel/backend-fpga-sim'];

export const BACKENDS_ENV_VAR = 'WASI_PARALLEL_BACKENDS';

/** Where the CLI itself is installed: first-party packages installed beside it count too. */
const CLI_DIRECTORY = dirname(fileURLToPath(import.meta.url));

export interface DiscoveryInput {
  /** `--backend-package` values, in order. */
  readonly packages?: readonly string[];
  /** The user's project: where names and relative paths are resolved, and the config is looked for. */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One backend package the CLI was asked for or found, and what became of it. */
export interface BackendPackage {
  /** The name or path as given. */
  readonly request: string;
  /** `--backend-package`, `WASI_PARALLEL_BACKENDS`, the config file's path, or `installed`. */
  readonly source: string;
  /** The module imported, as a file URL. */
  readonly url?: string;
  /** The name its `backendFactory` registered. */
  readonly backend?: string;
  /** Why it did not load (only for installed first-party packages; a requested one that fails is an error). */
  readonly error?: string;
}

export interface Discovery {
  /** Core's sequential backend plus every backend package that loaded. */
  readonly registry: BackendRegistry;
  readonly packages: readonly BackendPackage[];
}

interface Request {
  readonly request: string;
  readonly source: string;
  readonly baseDir: string;
  /** Asked for by the user: failing to load it is an error, not a line in `devices`. */
  readonly explicit: boolean;
}

function isFactory(value: unknown): value is BackendFactory {
  const candidate = value as Partial<BackendFactory> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.init === 'function' && Array.isArray(candidate.deviceKinds);
}

/** Every request, highest precedence first: flags, env, config file, installed first-party packages. */
async function collectRequests(input: DiscoveryInput, cwd: string): Promise<Request[]> {
  const requests: Request[] = (input.packages ?? []).map((request) => ({ request, source: '--backend-package', baseDir: cwd, explicit: true }));
  const fromEnv = (input.env?.[BACKENDS_ENV_VAR] ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  requests.push(...fromEnv.map((request) => ({ request, source: BACKENDS_ENV_VAR, baseDir: cwd, explicit: true })));
  const found = await loadConfig(cwd);
  if (found) requests.push(...(found.config.backends ?? []).map((request) => ({ request, source: found.file, baseDir: dirname(found.file), explicit: true })));
  for (const name of FIRST_PARTY_BACKEND_PACKAGES) {
    const baseDir = [cwd, CLI_DIRECTORY].find((dir) => findPackageDirectory(name, dir) !== undefined);
    if (baseDir) requests.push({ request: name, source: 'installed', baseDir, explicit: false });
  }
  return requests;
}

async function load(request: Request): Promise<{ url?: string; factory?: BackendFactory; error?: string }> {
  let url: string;
  try {
    url = resolveBackendRequest(request.request, request.baseDir);
  } catch (error) {
    return { error: (error as Error).message };
  }
  try {
    const module = (await import(url)) as { backendFactory?: unknown };
    if (!isFactory(module.backendFactory)) return { url, error: `${fileURLToPath(url)} exports no \`backendFactory\` (see docs/writing-a-backend.md)` };
    return { url, factory: module.backendFactory };
  } catch (error) {
    return { url, error: (error as Error).message.split('\n')[0] };
  }
}

/**
 * The backends every command uses (`devices`, `run`, `conformance`, `bench`), found in this
 * order: `--backend-package NAME|PATH`, `WASI_PARALLEL_BACKENDS` (comma list), the nearest
 * `wasi-parallel.config.json`/`.mjs` from the working directory upward, and the first-party
 * packages that are installed. Names and paths resolve from the user's project (a config
 * file's from its own directory). A requested package that cannot be loaded is a `UsageError`
 * naming it; when two packages register the same backend name, the earlier source wins.
 */
export async function discoverBackends(input: DiscoveryInput = {}): Promise<Discovery> {
  const cwd = input.cwd ?? process.cwd();
  const requests = await collectRequests(input, cwd);
  const loaded = await Promise.all(requests.map(load));
  const packages: BackendPackage[] = [];
  const seen = new Set<string>();
  requests.forEach((request, i) => {
    const { url, factory, error } = loaded[i]!;
    if (error !== undefined && request.explicit) throw new UsageError(`backend package \`${request.request}\` (from ${request.source}) did not load: ${error}`);
    if (url !== undefined && seen.has(url)) return;
    if (url !== undefined) seen.add(url);
    packages.push({ request: request.request, source: request.source, ...(url ? { url } : {}), ...(factory ? { backend: factory.name } : {}), ...(error ? { error } : {}) });
  });
  const registry = createRegistry();
  const names = new Set<string>();
  for (const entry of packages) {
    const factory = loaded[requests.findIndex((request) => request.request === entry.request && request.source === entry.source)]!.factory;
    if (!factory || names.has(factory.name)) continue;
    names.add(factory.name);
    registry.register(factory);
  }
  return { registry, packages };
}
