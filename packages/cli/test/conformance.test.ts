import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

describe('wasi-parallel conformance', () => {
  it('runs the chosen cases against a backend by name and exits 0 when all are as expected', () => {
    const result = cli(['conformance', '--backend', 'threads', '--backend-option', 'threads.workers=1', '--cases', 'vector-add/', '--cases', 'trap/unreachable']);
    expect(result.stdout).toMatch(/^pass +vector-add\/i32$/m);
    expect(result.stdout).toContain('3 passed, 0 failed, 0 skipped; 0 unexpected');
    expect(result.status).toBe(0);
  });

  it('exits 1 when a result differs from the expectations file, an unexpected pass included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'expectations.json');
    writeFileSync(file, JSON.stringify({ 'vector-add/i32': { status: 'fail', reason: 'pretend it is broken' } }));
    const result = cli(['conformance', '--backend', 'sequential', '--expectations', file, '--cases', 'vector-add/i32']);
    expect(result.stdout).toContain('UNEXPECTED pass');
    expect(result.status).toBe(1);
  });

  it('refuses an unknown backend with a usage error', () => {
    expect(cli(['conformance', '--backend', 'nope']).status).toBe(2);
  });
});
