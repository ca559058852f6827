import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

const ACME = fileURLToPath(new URL('./fixtures/acme-backend', import.meta.url));

interface Report {
  backends: { name: string; available: boolean; package?: { request: string; source: string } }[];
  packages: { packageName: string }[];
}

function devices(args: string[] = [], env: Record<string, string> = {}, cwd?: string): Report {
  const result = cli(['devices', '--json', ...args], env, cwd);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function acmeOf(report: Report) {
  return report.backends.find((backend) => backend.name === 'acme');
}

describe('backend discovery: every command finds third-party backends', () => {
  it('loads a package given by path with --backend-package', () => {
    expect(acmeOf(devices(['--backend-package', ACME]))).toMatchObject({ available: true, package: { request: ACME, source: '--backend-package' } });
  });

  it('loads the packages WASI_PARALLEL_BACKENDS lists', () => {
    expect(acmeOf(devices([], { WASI_PARALLEL_BACKENDS: ` ${ACME} ,` }))).toMatchObject({ package: { source: 'WASI_PARALLEL_BACKENDS' } });
  });

  it.each(['json', 'mjs'])('finds wasi-parallel.config.%s from the working directory upward, paths relative to it', (extension) => {
    const project = mkdtempSync(join(tmpdir(), 'wasi-parallel-project-'));
    const nested = join(project, 'src', 'deep');
    mkdirSync(nested, { recursive: true });
    const config = { backends: [ACME] };
    writeFileSync(
      join(project, `wasi-parallel.config.${extension}`),
      extension === 'json' ? JSON.stringify(config) : `export default ${JSON.stringify(config)};\n`,
    );
    expect(acmeOf(devices([], {}, nested))?.package?.source).toBe(join(project, `wasi-parallel.config.${extension}`));
  });

  it('refuses a config file with a key it does not know, naming the file', () => {
    const project = mkdtempSync(join(tmpdir(), 'wasi-parallel-project-'));
    writeFileSync(join(project, 'wasi-parallel.config.json'), JSON.stringify({ backend: ['x'] }));
    const result = cli(['devices'], {}, project);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(project, 'wasi-parallel.config.json'));
  });

  it('lists the installed first-party packages, and none that is not installed', () => {
    const result = cli(['devices']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/not installed/);
    for (const name of ['threads', 'webgpu', 'gpujs', 'fpga-sim']) expect(result.stdout).toMatch(new RegExp(`^${name} {2}priority`, 'm'));
  });

  it('runs a guest on it with run --device NAME', () => {
    const result = cli(['run', '--verbose', '--backend-package', ACME, '--device', 'acme', 'examples/build/saxpy.wasm', '1000']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('device `acme-device`');
  });

  it('runs the conformance suite on it with conformance --backend NAME', () => {
    const result = cli(['conformance', '--backend', 'acme', '--cases', 'vector-add/i32'], { WASI_PARALLEL_BACKENDS: ACME });
    expect(result.stdout).toContain('1 passed, 0 failed, 0 skipped; 0 unexpected');
    expect(result.status).toBe(0);
  });
});
