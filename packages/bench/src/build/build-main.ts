// `npm run build` runs this after tsc: compiles the C kernel suite into build/.
import { buildKernels } from './build-kernels.js';

const built = await buildKernels({ force: process.argv.includes('--force') });
process.stdout.write(`bench: ${built} kernel artifact(s) built\n`);
