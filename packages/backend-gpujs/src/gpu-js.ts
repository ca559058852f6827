import { createRequire } from 'node:module';
import type * as GpuJs from 'gpu.js';

let loaded: typeof GpuJs | undefined;

/**
 * gpu.js, loaded on first use: it takes about a second to import, and the CLI imports every
 * installed backend package to list it, so importing this package must stay cheap.
 */
export function gpuJs(): typeof GpuJs {
  return (loaded ??= createRequire(import.meta.url)('gpu.js') as typeof GpuJs);
}
