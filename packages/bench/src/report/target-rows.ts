import type { BenchResults, ResultRow } from '../results/bench-results.js';

/** One of the issues' targets, as measured by this run. */
export interface TargetLine {
  readonly target: string;
  readonly measured: string;
  readonly goal: string;
  /** Undefined when the run had nothing to measure it with. */
  readonly met: boolean | undefined;
}

/** Passing rows at the run's largest size: the targets are set for the large sizes. */
export function ok(results: BenchResults, filter: (row: ResultRow) => boolean): ResultRow[] {
  const size = results.sizes[results.sizes.length - 1];
  return results.results.filter((row) => row.size === size && row.status === 'ok' && row.warm !== undefined && filter(row));
}

export function fastest(rows: readonly ResultRow[]): ResultRow | undefined {
  return [...rows].sort((a, b) => a.warm!.medianMs - b.warm!.medianMs)[0];
}
