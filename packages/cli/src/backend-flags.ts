import { groupBackendOptions, isWasiParallelError, parseBackendOptionAssignment, type BackendOptions } from '@wasi-parallel/core';
import { discoverBackends, type Discovery } from './discovery/discover-backends.js';
import { UsageError } from './usage-error.js';

/** The options every command that loads backends takes, spelled the same everywhere. */
export const BACKEND_OPTION_SPECS = {
  'backend-package': { type: 'string', multiple: true },
  'backend-option': { type: 'string', multiple: true },
} as const;

export const BACKEND_OPTION_HELP = `  --backend-package NAME|PATH
                         Load a backend package (exports \`backendFactory\`), resolved from the
                         working directory. Repeatable. Also: WASI_PARALLEL_BACKENDS (comma
                         list) and "backends" in wasi-parallel.config.json (docs/cli.md).
  --backend-option BACKEND.KEY=VALUE
                         An init option for one backend, e.g. threads.workers=4 (VALUE is read
                         as JSON when it parses, else as text). Repeatable.`;

/** `--backend-option` values grouped by backend; a malformed one is a usage error. */
export function readBackendOptions(specs: readonly string[] | undefined): BackendOptions {
  try {
    return groupBackendOptions((specs ?? []).map(parseBackendOptionAssignment)) as BackendOptions;
  } catch (error) {
    if (isWasiParallelError(error)) throw new UsageError(`--backend-option: ${error.message}`);
    throw error;
  }
}

/** Discovery as every command does it, from the process's working directory and env. */
export function discover(packages: readonly string[] | undefined): Promise<Discovery> {
  return discoverBackends({ packages: packages ?? [], cwd: process.cwd(), env: process.env });
}
