import type { KernelInfo, ResultRow } from '../results/bench-results.js';
import { ratio } from '../stats/statistics.js';
import { NATIVE_BASELINES } from './baselines.js';

/** The faster passing native baseline per kernel and size: what every ratio divides by. */
function bestNative(rows: readonly ResultRow[], kernel: KernelInfo): { ms: number; runner: string } | undefined {
  let best: { ms: number; runner: string } | undefined;
  for (const row of rows) {
    if (row.kernel !== kernel.id || row.size !== kernel.size || row.status !== 'ok' || !row.warm || !NATIVE_BASELINES.includes(row.runner)) continue;
    if (!best || row.warm.medianMs < best.ms) best = { ms: row.warm.medianMs, runner: row.runner };
  }
  return best;
}

/**
 * What follows from the measured rows: each kernel's best native time, each passing row's
 * ratio to it and, on the kernels that say how many bytes a call moves, its GB/s.
 */
export function withDerivedFigures(kernels: readonly KernelInfo[], rows: readonly ResultRow[]): { kernels: KernelInfo[]; results: ResultRow[] } {
  const withBest = kernels.map((kernel): KernelInfo => {
    const best = bestNative(rows, kernel);
    return best ? { ...kernel, bestNativeMs: best.ms, bestNativeRunner: best.runner } : kernel;
  });
  const results = rows.map((row): ResultRow => {
    const kernel = withBest.find((entry) => entry.id === row.kernel && entry.size === row.size);
    if (row.status !== 'ok' || !row.warm || !kernel) return row;
    const toBest = ratio(row.warm.medianMs, kernel.bestNativeMs);
    // bytes / ms / 1e6 = GB/s (10⁹ bytes a second).
    const gbPerSecond = kernel.bytesMoved !== undefined && row.warm.medianMs > 0 ? kernel.bytesMoved / row.warm.medianMs / 1e6 : undefined;
    return { ...row, ...(toBest !== undefined ? { ratioToBestNative: toBest } : {}), ...(gbPerSecond !== undefined ? { gbPerSecond } : {}) };
  });
  return { kernels: withBest, results };
}
