import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATOR = join(ROOT, 'tools', 'new-backend.mjs');

function node(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 280_000 });
}

describe('tools/new-backend.mjs', () => {
  it.each([
    ['a kind that is not one', ['acme', '--kind', 'GPU']],
    ['a name that is not a package name', ['Acme_1']],
    ['an unknown option', ['acme', '--kinds', 'cpu']],
    ['no name', []],
  ])('refuses %s with exit 2 and one line', (_what, args) => {
    const result = node([GENERATOR, ...args, '--dir', join(mkdtempSync(join(tmpdir(), 'new-backend-')), 'x')], ROOT);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['cpu', 'discrete-gpu', 'fpga'])('generates a %s backend that builds, registers, loads in the CLI and passes the suite as generated', (kind) => {
    // A temporary workspace outside this one, whose node_modules are ours (built packages).
    const workspace = mkdtempSync(join(tmpdir(), 'new-backend-'));
    symlinkSync(join(ROOT, 'node_modules'), join(workspace, 'node_modules'), 'dir');
    const dir = join(workspace, 'backend-acme');
    expect(node([GENERATOR, 'acme', '--kind', kind, '--dir', dir], workspace).status).toBe(0);

    const build = node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
    expect(build.stdout + build.stderr).toBe('');
    expect(existsSync(join(dir, 'dist', 'register.js'))).toBe(true);

    const registered = node(['--input-type=module', '-e', "import './dist/register.js'; import { defaultRegistry } from '@wasi-parallel/core'; console.log(defaultRegistry.has('acme'))"], dir);
    expect(registered.stdout).toBe('true\n');

    const devices = node([join(ROOT, 'packages/cli/bin/wasi-parallel.js'), 'devices', '--json', '--backend-package', dir], workspace);
    const report = JSON.parse(devices.stdout) as { backends: { name: string; available: boolean; kinds: string[] }[] };
    expect(report.backends.find((backend) => backend.name === 'acme')).toMatchObject({ available: true, kinds: [kind] });

    if (kind !== 'cpu') return; // The suite itself is the same for every kind: run it once.
    const suite = node([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], dir);
    // eslint-disable-next-line no-control-regex -- vitest colours its summary
    expect(suite.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests +\d+ passed( \| \d+ skipped)? \(\d+\)/);
    expect(suite.status).toBe(0);
  });
});
