import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { kernelWasmPath } from '../build/artifact-paths.js';
import type { FrontEndReport, FrontEndRow } from '../results/bench-results.js';
import { median } from '../stats/statistics.js';
import type { KernelSpec } from '../suite/kernel-spec.js';

interface KernelFrontEnd {
  loadKernel(bytes: Uint8Array): unknown;
  clearKernelCache(): unknown;
}

const PACKAGE = '@wasi-parallel/kernel';

/**
 * Times `@wasi-parallel/kernel`'s `loadKernel` (decode + validate + analyse) on the suite's
 * scalar kernels: cold, right after `clearKernelCache()`, and cached, the same bytes again.
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
  for (const kernel of kernels) {
    const bytes = new Uint8Array(await readFile(kernelWasmPath(kernel.id, 'scalar')));
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
      rows.push({ kernel: kernel.id, bytes: bytes.byteLength, coldMedianMs: median(cold), cachedMedianMs: median(cached) });
    } catch (error) {
      rows.push({ kernel: kernel.id, bytes: bytes.byteLength, error: (error as Error).message.split('\n')[0]! });
    }
  }
  return { available: true, rows };
}
