import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../usage-error.js';

export const CONFIG_FILE_NAMES = ['wasi-parallel.config.json', 'wasi-parallel.config.mjs'] as const;

/** `wasi-parallel.config.json`, or the default export of `wasi-parallel.config.mjs`. */
export interface CliConfig {
  /** Backend packages (names, or paths relative to the config file), each exporting `backendFactory`. */
  readonly backends?: readonly string[];
}

export interface FoundConfig {
  readonly file: string;
  readonly config: CliConfig;
}

/** The nearest config file from `from` upward; undefined when there is none. */
export function findConfigFile(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const present = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((file) => existsSync(file));
    if (present.length > 1) throw new UsageError(`both ${present.join(' and ')} exist; keep one`);
    if (present.length === 1) return present[0];
    if (dirname(dir) === dir) return undefined;
  }
}

function checkConfig(value: unknown, file: string): CliConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${file} must hold an object such as { "backends": ["./my-backend"] }`);
  const unknown = Object.keys(value).filter((key) => key !== 'backends');
  if (unknown.length > 0) throw new UsageError(`${file} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; the one key is "backends"`);
  const backends = (value as { backends?: unknown }).backends;
  if (backends !== undefined && !(Array.isArray(backends) && backends.every((entry) => typeof entry === 'string' && entry !== ''))) {
    throw new UsageError(`${file}: "backends" must be a list of package names or paths`);
  }
  return value as CliConfig;
}

export async function loadConfig(from: string): Promise<FoundConfig | undefined> {
  const file = findConfigFile(from);
  if (!file) return undefined;
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new UsageError(`${file} could not be read: ${(error as Error).message.split('\n')[0]}`);
  }
  return { file, config: checkConfig(value, file) };
}
