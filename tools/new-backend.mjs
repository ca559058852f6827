#!/usr/bin/env node
// Workspace generator: scaffolds packages/backend-<name> with the skeleton every backend shares
// (docs/writing-a-backend.md). The result builds and its conformance test runs; the device
// starts as a thin wrapper over the sequential reference, to be replaced by the real thing.
//   node tools/new-backend.mjs <name> [--kind CPU|DISCRETE_GPU|INTEGRATED_GPU|FPGA]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, flag, kindArg] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || (flag && flag !== '--kind')) {
  console.error('usage: node tools/new-backend.mjs <name> [--kind CPU|DISCRETE_GPU|INTEGRATED_GPU|FPGA]');
  process.exit(2);
}
const kind = kindArg ?? 'CPU';
const pascal = name.replace(/(^|-)([a-z0-9])/g, (_, _sep, c) => c.toUpperCase());
const dir = join(root, 'packages', `backend-${name}`);
if (existsSync(dir)) {
  console.error(`packages/backend-${name} exists already`);
  process.exit(1);
}
const core = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'));

const files = {
  'package.json': JSON.stringify(
    {
      name: `@wasi-parallel/backend-${name}`,
      version: '0.1.0',
      description: `wasi-parallel ${name} backend`,
      type: 'module',
      license: 'Apache-2.0',
      engines: { node: '>=20' },
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './register': { types: './dist/register.d.ts', default: './dist/register.js' },
        './package.json': './package.json',
      },
      files: ['dist', 'README.md'],
      scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run', lint: 'tsc -p tsconfig.json --noEmit' },
      dependencies: { '@wasi-parallel/core': core.version },
      devDependencies: { '@wasi-parallel/conformance': core.version },
    },
    null,
    2,
  ) + '\n',
  'tsconfig.json': readFileSync(join(root, 'packages/core/tsconfig.json'), 'utf8'),
  'vitest.config.ts': readFileSync(join(root, 'packages/core/vitest.config.ts'), 'utf8'),
  'README.md': `# @wasi-parallel/backend-${name}\n\nA wasi-parallel backend serving ${kind}. See docs/writing-a-backend.md.\n`,
  'src/index.ts': `export { backendFactory, ${pascal}Backend } from './${name}-backend.js';\n`,
  'src/register.ts': `import { defaultRegistry } from '@wasi-parallel/core';\nimport { backendFactory } from './${name}-backend.js';\n\ndefaultRegistry.register(backendFactory);\n`,
  'src/capabilities.ts': `import { DeviceKind, sequentialCapabilities, type BackendCapabilities } from '@wasi-parallel/core';\n\n/** Probed once at init; read-only afterwards. */\nexport async function probeCapabilities(): Promise<BackendCapabilities> {\n  return Object.freeze({ ...sequentialCapabilities(false), deviceKinds: Object.freeze([DeviceKind.${kind}]) });\n}\n`,
  'src/device.ts': `import { DeviceKind, SequentialDevice, type BufferAccessKind, type Device, type DeviceBuffer, type DispatchRequest, type DispatchResult } from '@wasi-parallel/core';\n\n// Starts as the reference device under another kind; replace with this backend's own.\nexport class ${pascal}Device implements Device {\n  readonly kind = DeviceKind.${kind};\n  readonly name = '${name}';\n  readonly description = {};\n  readonly #inner = new SequentialDevice();\n\n  createBuffer(size: number, access: BufferAccessKind): Promise<DeviceBuffer> {\n    return this.#inner.createBuffer(size, access);\n  }\n\n  parallelFor(request: DispatchRequest): Promise<DispatchResult> {\n    return this.#inner.parallelFor(request);\n  }\n}\n`,
  [`src/${name}-backend.ts`]: `import { BackendPriority, DeviceKind, type Backend, type BackendCapabilities, type BackendFactory } from '@wasi-parallel/core';\nimport { probeCapabilities } from './capabilities.js';\nimport { ${pascal}Device } from './device.js';\n\nexport class ${pascal}Backend implements Backend {\n  readonly name = '${name}';\n  readonly devices = [new ${pascal}Device()];\n\n  constructor(readonly capabilities: BackendCapabilities) {}\n\n  async dispose(): Promise<void> {}\n}\n\nexport const backendFactory: BackendFactory = {\n  name: '${name}',\n  priority: BackendPriority.SOFTWARE,\n  deviceKinds: [DeviceKind.${kind}],\n  init: async () => new ${pascal}Backend(await probeCapabilities()),\n};\n`,
  'test/conformance.test.ts': `import { describeConformance } from '@wasi-parallel/conformance';\nimport { backendFactory } from '@wasi-parallel/backend-${name}';\nimport expectations from './conformance-expectations.json' with { type: 'json' };\n\ndescribeConformance({ factory: backendFactory, expectations });\n`,
  'test/conformance-expectations.json': '{}\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
console.log(`created packages/backend-${name}; next: npm install, then npx nx test @wasi-parallel/backend-${name}`);
