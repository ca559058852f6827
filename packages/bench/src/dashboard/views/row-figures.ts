import { formatMs, formatRatio } from '../../report/format.js';
import type { ResultRow, WarmStats } from '../../results/bench-results.js';
import type { SizeName } from '../../suite/kernel-spec.js';
import type { BarSeries } from '../chart-spec.js';
import type { Cell } from '../dashboard-model.js';
import { measured } from '../merged-results.js';
import { OPENMP_REFERENCE } from '../palette.js';

/** The native OpenMP median of a kernel at a size, when that row ran and passed. */
export function openmpMs(rows: readonly ResultRow[], kernel: string, size: SizeName): number | undefined {
  return measured(rows).find((row) => row.kernel === kernel && row.size === size && row.runner === OPENMP_REFERENCE)?.warm.medianMs;
}

export function intervalText(warm: WarmStats): string {
  return `${formatMs(warm.ciLowMs)}–${formatMs(warm.ciHighMs)}`;
}

/** A bar's tooltip: where the samples sit, how they spread, and the ratio to OpenMP. */
export function statsNote(warm: WarmStats, openmp: number | undefined): string {
  const ratio = openmp !== undefined && openmp > 0 ? ` · ${formatRatio(warm.medianMs / openmp)} native OpenMP` : '';
  return `median ${formatMs(warm.medianMs)} · IQR ${formatMs(warm.iqrMs)} · 95 % interval ${intervalText(warm)} · ${warm.count} samples${ratio}`;
}

/** The check column: pass, the wrong-element count, or why the row has no numbers. */
export function statusCell(row: ResultRow): Cell {
  switch (row.status) {
    case 'ok':
      return { text: 'pass', tone: 'pass' };
    case 'check-failed':
      return { text: `FAIL (${row.checkFailures} wrong)`, tone: 'fail' };
    case 'skipped':
      return { text: 'skipped', tone: 'skip', title: row.reason ?? '' };
    case 'failed':
      return { text: `failed: ${row.reason ?? ''}`, tone: 'fail' };
  }
}

/** `runner · variant`, with a mark when the runner's device is software standing in for its kind. */
export function runnerLabel(row: Pick<ResultRow, 'runner' | 'variant'>, emulated: ReadonlySet<string>): string {
  return `${row.runner} · ${row.variant}${emulated.has(row.runner) ? ' (software)' : ''}`;
}

type MeasuredRow = ReturnType<typeof measured>[number];

/**
 * A bar series of warm medians, one bar per category (null where no row has that label), with
 * each median's interval as the whisker and its statistics as the tooltip.
 */
export function medianSeries(
  label: string,
  categories: readonly string[],
  byCategory: ReadonlyMap<string, MeasuredRow>,
  colors: BarSeries['colors'],
  openmp?: number,
): BarSeries {
  const rows = categories.map((category) => byCategory.get(category));
  return {
    label,
    values: rows.map((row) => row?.warm.medianMs ?? null),
    colors,
    intervals: rows.map((row) => (row ? ([row.warm.ciLowMs, row.warm.ciHighMs] as const) : null)),
    notes: rows.map((row) => (row ? statsNote(row.warm, openmp) : null)),
  };
}
