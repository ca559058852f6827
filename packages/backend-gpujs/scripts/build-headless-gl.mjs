#!/usr/bin/env node
// Builds headless-gl (npm `gl`, GPU.js's optional dependency, WebGL1 in Node) where the
// headlessgl mode is used, and only there: the root package.json denies gl's install script
// (allowScripts), so `npm ci` does not spend the ~4 minutes of C++ compilation everywhere.
// Needs Debian libxi-dev libx11-dev libxext-dev pkg-config (scripts/apt-packages/backend-gpujs.txt)
// and node's headers (Debian's nodejs ships them). Does nothing when gl already loads.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
try {
  require('gl');
  process.exit(0);
} catch {
  // not built yet
}
// gl sits beside gpu.js (its optional dependency); node-gyp is gl's own dependency.
const glDir = dirname(require.resolve('gl/package.json', { paths: [dirname(require.resolve('gpu.js/package.json'))] }));
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [glDir] });
console.error(`building headless-gl in ${glDir} (about 4 minutes of compilation)…`);
const started = Date.now();
// node-gyp downloads node's headers unless told where they are; Debian's nodejs (and most
// installs) ship them beside the binary, and this machine may have no internet.
const prefix = dirname(dirname(process.execPath));
const nodedir = existsSync(join(prefix, 'include', 'node', 'node.h')) ? [`--nodedir=${prefix}`] : [];
const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', ...nodedir], { cwd: glDir, stdio: ['ignore', 'ignore', 'inherit'] });
if (result.status !== 0) {
  console.error(`node-gyp rebuild of gl failed (status ${result.status}); the headlessgl mode stays unavailable`);
  process.exit(1);
}
console.error(`headless-gl built in ${Math.round((Date.now() - started) / 1000)} s`);
