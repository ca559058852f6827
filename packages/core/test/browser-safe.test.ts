import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'guest' ? [] : modules(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

describe('the main entry point', () => {
  it('imports no Node module outside the Node-only guest subpath, so it loads in a browser', () => {
    const offenders = modules(dist).filter((file) => /from ['"](node:|fs|path|worker_threads|os)['"/]|import\(['"]node:/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(dist, file))).toEqual([]);
    expect(modules(dist).length).toBeGreaterThan(10);
  });
});
