import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT, kernelWasmPath } from '../build/artifact-paths.js';
import type { FrontEndReport, FrontEndRow } from '../results/bench-results.js';
import { median } from '../stats/statistics.js';
import type { KernelSpec } from '../suite/kernel-spec.js';

interface KernelFrontEnd {
  loadKernel(bytes: Uint8Array): unknown;
  clearKernelCache(): unknown;
}

const PACKAGE = '@wasi-parallel/kernel';

/** Where `examples/build.sh` puts the example kernels (ignored by git; present once built). */
const EXAMPLES_BUILD = join(PACKAGE_ROOT, '..', '..', 'examples', 'build');

/** The suite's scalar kernels, then every built example kernel (`examples/build/*-kernel.wasm`). */
async function kernelFiles(kernels: readonly KernelSpec[]): Promise<{ name: string; path: string }[]> {
  const files = kernels.map((kernel) => ({ name: kernel.id, path: kernelWasmPath(kernel.id, 'scalar') }));
  const examples = await readdir(EXAMPLES_BUILD).catch(() => [] as string[]);
  for (const file of examples.filter((name) => name.endsWith('-kernel.wasm')).sort()) {
    files.push({ name: `examples/${file.replace(/\.wasm$/, '')}`, path: join(EXAMPLES_BUILD, file) });
  }
  return files;
}

/**
 * Times `@wasi-parallel/kernel`'s `loadKernel` (decode + validate + analyse) on the suite's
 * scalar kernels and the built example kernels: cold, right after `clearKernelCache()`, and cached, the same bytes again.
 * The package is imported by name; when it is missing or lacks those functions the report says
 * so and the bench goes on.
 */
export async function benchFrontEnd(kernels: readonly KernelSpec[], repetitions: number): Promise<FrontEndReport> {
  let frontEnd: KernelFrontEnd;
  try {
    const module = (await import(/* @vite-ignore */ PACKAGE)) as Partial<KernelFrontEnd>;
    if (typeof module.loadKernel !== 'function' || typeof module.clearKernelCache !== 'function') {
      return { available: false, reason: `${PACKAGE} exports no loadKernel/clearKernelCache yet`, rows: [] };
    }
    frontEnd = module as KernelFrontEnd;
  } catch (error) {
    return { available: false, reason: `${PACKAGE} did not load: ${(error as Error).message.split('\n')[0]}`, rows: [] };
  }
  const rows: FrontEndRow[] = [];
  for (const file of await kernelFiles(kernels)) {
    const bytes = new Uint8Array(await readFile(file.path));
    const cold: number[] = [];
    const cached: number[] = [];
    try {
      for (let i = 0; i < Math.max(1, repetitions); i++) {
        await frontEnd.clearKernelCache();
        let start = performance.now();
        await frontEnd.loadKernel(bytes);
        cold.push(performance.now() - start);
        start = performance.now();
        await frontEnd.loadKernel(bytes);
        cached.push(performance.now() - start);
      }
      rows.push({ kernel: file.name, bytes: bytes.byteLength, coldMedianMs: median(cold), cachedMedianMs: median(cached) });
    } catch (error) {
      rows.push({ kernel: file.name, bytes: bytes.byteLength, error: (error as Error).message.split('\n')[0]! });
    }
  }
  return { available: true, rows };
}
