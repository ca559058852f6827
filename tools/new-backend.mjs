#!/usr/bin/env node
// Backend generator: scaffolds a backend package with the skeleton every backend shares
// (docs/writing-a-backend.md). As generated it builds, registers, and passes the conformance
// suite: its device starts as core's sequential reference under the chosen kind, to be replaced
// by the real thing. tools/test/new-backend.test.ts builds and tests one in a temporary folder.
//   node tools/new-backend.mjs <name> [--kind cpu|discrete-gpu|integrated-gpu|fpga] [--dir DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), 'templates');
const USAGE = 'usage: node tools/new-backend.mjs <name> [--kind cpu|discrete-gpu|integrated-gpu|fpga] [--dir DIR]';

/** Kind names as the CLI spells them → the `DeviceKind` member the code uses. */
const KINDS = { cpu: 'CPU', 'discrete-gpu': 'DISCRETE_GPU', 'integrated-gpu': 'INTEGRATED_GPU', fpga: 'FPGA' };

function fail(message) {
  console.error(`new-backend: ${message}; ${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ options: { kind: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
} catch (error) {
  fail(error.message.split('\n')[0]);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [name, ...extra] = parsed.positionals;
if (!name) fail('a backend name is needed');
if (extra.length > 0) fail(`one name only, got ${parsed.positionals.join(' ')}`);
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`\`${name}\` is not a backend name: lowercase letters, digits and single dashes, starting with a letter`);
const kindName = (parsed.values.kind ?? 'cpu').toLowerCase().replaceAll('_', '-');
const kind = KINDS[kindName];
if (!kind) fail(`\`${parsed.values.kind}\` is not a device kind a backend can serve (${Object.keys(KINDS).join(', ')})`);
const dir = resolve(parsed.values.dir ?? join(ROOT, 'packages', `backend-${name}`));
if (existsSync(dir)) fail(`${dir} exists already; pick another name or --dir`);

const core = JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8'));
const devVersions = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'));
const pascal = name.replace(/(^|-)([a-z0-9])/g, (_, _sep, c) => c.toUpperCase());
const values = { name, Pascal: pascal, KIND: kind, kind: kindName, coreRange: `^${core.version}` };

/** A template with `{{name}}`, `{{Pascal}}`, `{{KIND}}`, `{{kind}}` filled in. */
function fill(template) {
  return readFileSync(join(TEMPLATES, template), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key) => values[key]);
}

const manifest = {
  name: `@wasi-parallel/backend-${name}`,
  version: '0.1.0',
  description: `wasi-parallel ${name} backend (${kindName})`,
  type: 'module',
  license: core.license,
  engines: core.engines,
  exports: {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './register': { types: './dist/register.d.ts', default: './dist/register.js' },
    './package.json': './package.json',
  },
  files: ['dist', 'src', 'README.md', 'LICENSE'],
  sideEffects: ['./dist/register.js'],
  scripts: { build: 'rm -rf dist && tsc -p tsconfig.json', test: 'vitest run', lint: 'tsc -p tsconfig.json --noEmit' },
  peerDependencies: { '@wasi-parallel/core': values.coreRange },
  devDependencies: {
    '@wasi-parallel/conformance': core.version,
    '@wasi-parallel/core': core.version,
    '@types/node': devVersions['@types/node'],
    typescript: devVersions.typescript,
    vitest: devVersions.vitest,
  },
};
// Self-contained, so the package also builds outside this repository.
const tsconfig = { compilerOptions: { ...base.compilerOptions, rootDir: 'src', outDir: 'dist' }, include: ['src'] };

const files = {
  'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
  'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
  'vitest.config.ts': fill('vitest.config.ts.txt'),
  'README.md': fill('README.md.txt'),
  LICENSE: readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
  'src/index.ts': fill('index.ts.txt'),
  'src/register.ts': fill('register.ts.txt'),
  [`src/${name}-backend.ts`]: fill('backend.ts.txt'),
  'src/capabilities.ts': fill('capabilities.ts.txt'),
  'src/device.ts': fill('device.ts.txt'),
  'src/buffer.ts': fill('buffer.ts.txt'),
  'test/conformance.test.ts': fill('conformance.test.ts.txt'),
  'test/conformance-expectations.json': '{}\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
const where = relative(process.cwd(), dir) || '.';
console.log(`created ${where}; next: npm install, then npm run build and npm test in it (or npx nx test @wasi-parallel/backend-${name})`);
