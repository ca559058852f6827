import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closure, copyInto, freshProject, installedBy, megabytes, packAll, readmeBlocks, ROOT, run, type PackedPackage } from './packed-workspace.js';

// A new user's view: the packed tarballs, installed into projects outside the workspace, used
// exactly as the README says. Our packages come from the tarballs, everything else from npm.
const README = readmeBlocks(join(ROOT, 'README.md'));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CLI_LIMIT_MB = 200;

let packed: PackedPackage[];
let api: string;
let cli: string;

function block(name: string): string {
  const text = README.get(name);
  if (text === undefined) throw new Error(`README.md has no block marked consumer-test: ${name}`);
  return text;
}

/** Strict TypeScript over the given files, declarations of every installed package checked too. */
function typecheck(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  const result = run(process.execPath, [TSC, '-p', 'tsconfig.json'], dir);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}

beforeAll(() => {
  packed = packAll();
  const [apiLine, gpuLine] = [block('install-api'), 'npm install @wasi-parallel/backend-webgpu'];
  api = freshProject('api', closure([...installedBy(apiLine), ...installedBy(gpuLine)], packed), ['@types/node@^20']);
  cli = freshProject('cli', closure(installedBy(block('install-cli')), packed), ['@types/node@^20']);
  for (const dir of [api, cli]) copyInto(dir, 'examples/build/saxpy-kernel.wasm', 'saxpy-kernel.wasm');
});

describe('every tarball', () => {
  it('ships ESM with declarations, the sources its maps point at, a README and the LICENSE', () => {
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    for (const pkg of packed) {
      expect(pkg.files, pkg.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']));
      expect(readFileSync(join(pkg.directory, 'LICENSE'), 'utf8'), `${pkg.name} LICENSE`).toBe(license);
      for (const map of pkg.files.filter((file) => file.endsWith('.map'))) {
        const { sources } = JSON.parse(readFileSync(join(pkg.directory, map), 'utf8')) as { sources: string[] };
        for (const source of sources) expect(pkg.files, `${pkg.name} ${map}`).toContain(relative(pkg.directory, resolve(pkg.directory, dirname(map), source)));
      }
    }
  });
});

describe('the JS API from the README', () => {
  it('runs from ESM', () => {
    writeFileSync(join(api, 'usage.mjs'), block('usage.mjs'));
    const result = run(process.execPath, ['usage.mjs'], api);
    expect(result.stderr).toContain('cpu');
    expect(result.stdout).toBe('5 5\n');
    expect(result.status).toBe(0);
  });

  it('runs the side-effect register + free functions, and the process exits by itself', () => {
    writeFileSync(join(api, 'free-functions.mjs'), block('free-functions.mjs'));
    const result = run(process.execPath, ['free-functions.mjs'], api);
    expect(result.signal).toBeNull();
    expect(result.stdout).toBe('threads 10 20 30 40\n');
    expect(result.status).toBe(0);
  });

  it('type-checks from TypeScript (skipLibCheck false), typed backend options included', () => {
    typecheck(api, {
      'usage.mts': block('usage.mjs'),
      'free-functions.mts': block('free-functions.mjs'),
      'types.mts': [
        "import { createHost } from '@wasi-parallel/core';",
        "import type {} from '@wasi-parallel/backend-threads';",
        "import type { WebGpuOptions } from '@wasi-parallel/backend-webgpu';",
        "import type * as kernel from '@wasi-parallel/kernel';",
        'export type Used = [WebGpuOptions, typeof kernel];',
        "createHost({ backendOptions: { threads: { workers: 2 }, webgpu: { adapter: 'auto' } } });",
        '// @ts-expect-error the threads backend declares no option `wrokers`',
        'createHost({ backendOptions: { threads: { wrokers: 2 } } });',
        '',
      ].join('\n'),
    });
  });

  it('shares one registry when a second copy of core is installed, and says so', () => {
    const nested = join(api, 'node_modules', '@wasi-parallel', 'backend-threads', 'node_modules', '@wasi-parallel', 'core');
    cpSync(join(api, 'node_modules', '@wasi-parallel', 'core'), nested, { recursive: true });
    try {
      const result = run(process.execPath, ['free-functions.mjs'], api);
      expect(result.stdout).toBe('threads 10 20 30 40\n');
      expect(result.stderr).toContain('two copies of @wasi-parallel/core are loaded');
    } finally {
      rmSync(join(nested, '..', '..'), { recursive: true });
    }
  });
});

describe('the CLI from its installed bin', () => {
  const bin = () => join(cli, 'node_modules', '.bin', 'wasi-parallel');

  it(`installs in under ${CLI_LIMIT_MB} MB`, () => {
    expect(megabytes(join(cli, 'node_modules'))).toBeLessThan(CLI_LIMIT_MB);
    // Neither the test runner nor gpu.js (optional peers) come along.
    for (const absent of ['vitest', 'vite', 'gpu.js', 'gl']) expect(existsSync(join(cli, 'node_modules', absent)), absent).toBe(false);
  });

  it('prints its version, lists installed backends only, and runs a guest', () => {
    expect(run(bin(), ['--version'], cli).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const devices = run(bin(), ['devices'], cli);
    expect(devices.status).toBe(0);
    expect(devices.stdout).toMatch(/^threads {2}priority/m);
    expect(devices.stdout).not.toMatch(/not installed|did not load/);
    copyInto(cli, 'examples/build/saxpy.wasm', 'saxpy.wasm');
    const result = run(bin(), ['run', '--device', 'cpu', 'saxpy.wasm', '5000'], cli);
    expect(result.stdout).toMatch(/^saxpy n=5000 checksum=0x[0-9a-f]{8}\n$/);
    expect(result.status).toBe(0);
  });

  it('finds the third-party example backend through WASI_PARALLEL_BACKENDS and uses it in run and conformance', () => {
    copyInto(cli, 'examples/third-party-backend', 'third-party-backend');
    const env = { WASI_PARALLEL_BACKENDS: './third-party-backend' };
    expect(run(bin(), ['devices'], cli, env).stdout).toMatch(/^reverse {2}priority -1 \(only by name\)/m);
    const result = run(bin(), ['run', '--verbose', '--device', 'reverse', 'saxpy.wasm', '5000'], cli, env);
    expect(result.stderr).toContain('`reverse-cpu`');
    expect(result.stdout).toBe(run(bin(), ['run', '--device', 'sequential', 'saxpy.wasm', '5000'], cli).stdout);
    const suite = run(bin(), ['conformance', '--backend', 'reverse'], cli, env);
    expect(suite.stdout).toMatch(/\d+ passed, 0 failed, \d+ skipped; 0 unexpected/);
    expect(suite.status).toBe(0);
  });

  it('type-checks the packages it installs', () => {
    typecheck(cli, {
      'types.mts': [
        "import { main } from '@wasi-parallel/cli';",
        "import { runConformance } from '@wasi-parallel/conformance';",
        "import { runBenchCli } from '@wasi-parallel/bench';",
        'export const used = [main, runConformance, runBenchCli];',
        '',
      ].join('\n'),
    });
  });
});

describe('the packed file lists', () => {
  it('hold no tests, no scratch files and no build folders of the workspace', () => {
    for (const pkg of packed) expect(pkg.files.filter((file) => /(^|\/)(test|node_modules)\/|\.tmp\./.test(file)), pkg.name).toEqual([]);
    expect(readdirSync(join(ROOT, 'packages')).length).toBeGreaterThan(0);
  });
});
