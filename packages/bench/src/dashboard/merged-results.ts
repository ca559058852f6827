import type { FidelityRun, KernelInfo, ResultRow, RunnerInfo } from '../results/bench-results.js';
import { SIZE_NAMES, type SizeName } from '../suite/kernel-spec.js';
import type { DashboardRun } from './dashboard-model.js';

/** Every run's rows as one set, each row still knowing which file it came from. */
export interface MergedResults {
  readonly runs: readonly DashboardRun[];
  readonly rows: readonly ResultRow[];
  readonly kernels: readonly KernelInfo[];
  /** By name; a runner is `emulated` when any run says so. */
  readonly runners: readonly RunnerInfo[];
  /** Smallest first. */
  readonly sizes: readonly SizeName[];
  readonly kernelIds: readonly string[];
  readonly fidelity: readonly FidelityRun[];
}

/** The identity of a row across files: the same kernel, size, runner and variant. */
export function rowKey(row: Pick<ResultRow, 'kernel' | 'size' | 'runner' | 'variant'>): string {
  return `${row.kernel} · ${row.size} · ${row.runner} · ${row.variant}`;
}

/** `runner · variant`, the label a row gets in a chart of one kernel. */
export function rowLabel(row: Pick<ResultRow, 'runner' | 'variant'>): string {
  return `${row.runner} · ${row.variant}`;
}

/**
 * One view of several results files: sizes and backends add up. Two files holding the same row
 * are refused, since the page could show only one of them: that is a comparison (`--before`).
 */
export function mergeRuns(runs: readonly DashboardRun[]): MergedResults {
  const seen = new Map<string, string>();
  const rows: ResultRow[] = [];
  const kernels = new Map<string, KernelInfo>();
  const runners = new Map<string, RunnerInfo>();
  const fidelity: FidelityRun[] = [];
  for (const run of runs) {
    for (const row of run.results.results) {
      const key = rowKey(row);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new RangeError(`${earlier} and ${run.name} both hold the row ${key}; to compare two runs, give the earlier one with --before`);
      }
      seen.set(key, run.name);
      rows.push(row);
    }
    for (const kernel of run.results.kernels) kernels.set(`${kernel.id}@${kernel.size}`, kernel);
    for (const runner of run.results.runners) {
      const known = runners.get(runner.name);
      const chosen = known?.available && !runner.available ? known : runner;
      runners.set(runner.name, { ...chosen, emulated: Boolean(known?.emulated || runner.emulated) });
    }
    fidelity.push(...(run.results.fidelity ?? []));
  }
  return {
    runs,
    rows,
    kernels: [...kernels.values()],
    runners: [...runners.values()],
    sizes: SIZE_NAMES.filter((size) => rows.some((row) => row.size === size)),
    kernelIds: [...new Set(rows.map((row) => row.kernel))],
    fidelity,
  };
}

export function kernelAt(merged: MergedResults, id: string, size: SizeName): KernelInfo | undefined {
  return merged.kernels.find((kernel) => kernel.id === id && kernel.size === size);
}

/** The runners whose device is software standing in for its kind. */
export function emulatedRunners(merged: MergedResults): ReadonlySet<string> {
  return new Set(merged.runners.filter((runner) => runner.emulated).map((runner) => runner.name));
}

/** Passing rows with warm statistics. */
export function measured(rows: readonly ResultRow[]): (ResultRow & { readonly warm: NonNullable<ResultRow['warm']> })[] {
  return rows.filter((row): row is ResultRow & { warm: NonNullable<ResultRow['warm']> } => row.status === 'ok' && row.warm !== undefined);
}
