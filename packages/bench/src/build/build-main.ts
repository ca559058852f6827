// `npm run build` runs this after tsc: compiles the C kernel suite into build/, and makes the
// bin executable (npm links bins at install time, before a fresh clone has built dist/bin.js).
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './artifact-paths.js';
import { buildKernels } from './build-kernels.js';

await chmod(join(PACKAGE_ROOT, 'dist', 'bin.js'), 0o755);
const built = await buildKernels({ force: process.argv.includes('--force') });
process.stdout.write(`bench: ${built} kernel artifact(s) built\n`);
