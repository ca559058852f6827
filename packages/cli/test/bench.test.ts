import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

describe('wasi-parallel bench', () => {
  it('runs a --size small smoke through the CLI, on the threads backend too, and writes its JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-bench-')), 'results.json');
    const result = cli(
      ['bench', '--size', 'small', '--kernels', 'empty,saxpy', '--backends', 'sequential,threads', '--baselines', 'none', '--out', out],
      { CI: 'true' },
    );
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as { schemaVersion: number; results: { runner: string; kernel: string; status: string }[] };
    expect(results.schemaVersion).toBe(2);
    expect([...new Set(results.results.map((row) => row.runner))].sort()).toEqual(['sequential', 'threads']);
    // Every row ran and passed the kernel's guest-side check.
    expect(results.results.map((row) => `${row.kernel} ${row.runner} ${row.status}`).filter((row) => !row.endsWith(' ok'))).toEqual([]);
    expect(results.results.length).toBeGreaterThanOrEqual(4);

    // The same results as a dashboard page: one file, charts' data inline.
    const html = join(dirname(out), 'dashboard.html');
    const page = cli(['dashboard', out, '-o', html]);
    expect(page.status, page.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('"id":"time-saxpy-small"');
    expect(cli(['dashboard', out]).status).toBe(2);
  }, 150_000);
});
