import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

/** The conditions an ESM `import` in Node matches, in the order a package may list them. */
const CONDITIONS = ['import', 'node', 'default'];

function conditionalTarget(value: Exports): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(conditionalTarget).find((target) => target !== undefined);
  const object = value as { readonly [key: string]: Exports };
  for (const [key, target] of Object.entries(object)) if (CONDITIONS.includes(key)) return conditionalTarget(target);
  return undefined;
}

/** What `import 'pkg'` loads from a package directory: its `exports` "." entry, else `main`, else index.js. */
export function packageEntry(directory: string): string {
  const manifestPath = join(directory, 'package.json');
  if (!existsSync(manifestPath)) {
    const index = join(directory, 'index.js');
    if (existsSync(index)) return index;
    throw new Error(`${directory} has neither a package.json nor an index.js`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Exports; main?: string; name?: string };
  let target: string | undefined;
  if (manifest.exports !== undefined) {
    const exports = manifest.exports;
    const dot = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'))
      ? (exports as Record<string, Exports>)['.']
      : exports;
    target = dot === undefined ? undefined : conditionalTarget(dot);
    if (target === undefined) throw new Error(`${manifestPath} exports no "." entry that \`import\` can load`);
  } else {
    target = manifest.main ?? 'index.js';
  }
  const entry = resolve(directory, target);
  if (!existsSync(entry)) throw new Error(`${manifestPath} names ${target}, which does not exist (is the package built?)`);
  return entry;
}

/** Node's lookup of `node_modules/<name>` from `from` upward; undefined when not installed. */
export function findPackageDirectory(name: string, from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function isPathRequest(request: string): boolean {
  return request.startsWith('.') || request.startsWith('/') || /^[A-Za-z]:[\\/]/.test(request) || request.startsWith('file:');
}

/** A backend request (package name or path) as a file URL to import, resolved from `baseDir`. */
export function resolveBackendRequest(request: string, baseDir: string): string {
  if (isPathRequest(request)) {
    const path = request.startsWith('file:') ? new URL(request).pathname : resolve(baseDir, request);
    if (!existsSync(path)) throw new Error(`${path} does not exist`);
    return pathToFileURL(statSync(path).isDirectory() ? packageEntry(path) : path).href;
  }
  const directory = findPackageDirectory(request, baseDir);
  if (!directory) throw new Error(`package \`${request}\` is not installed in ${baseDir} or above (npm install ${request}, or give its path)`);
  return pathToFileURL(packageEntry(directory)).href;
}
