import { formatMs, formatRatio } from '../../report/format.js';
import type { BarChartSpec } from '../chart-spec.js';
import type { Block, Section } from '../dashboard-model.js';
import { emulatedRunners, kernelAt, measured, type MergedResults } from '../merged-results.js';
import type { Palette } from '../palette.js';
import { intervalText, medianSeries, openmpMs, runnerLabel, statusCell } from './row-figures.js';

/**
 * Per kernel and size: every backend's and baseline's warm median as a bar (log scale), the
 * median's 95 % interval as a whisker, and a table with the spread and the ratio to native
 * OpenMP. Rows that did not pass are in the table, with why.
 */
export function kernelTimesSection(merged: MergedResults, palette: Palette): Section {
  const emulated = emulatedRunners(merged);
  const blocks: Block[] = [];
  for (const size of merged.sizes) {
    for (const id of merged.kernelIds) {
      const rows = merged.rows.filter((row) => row.kernel === id && row.size === size);
      if (rows.length === 0) continue;
      const openmp = openmpMs(merged.rows, id, size);
      const ok = measured(rows);
      const kernel = kernelAt(merged, id, size);
      const categories = ok.map((row) => runnerLabel(row, emulated));
      const title = `${id} · ${size}${kernel ? ` (${kernel.label})` : ''}`;
      const spec: BarChartSpec = {
        type: 'bar',
        id: `time-${id}-${size}`,
        title: 'warm median (log scale); whisker: its 95 % interval',
        unit: 'ms',
        log: true,
        categories,
        series: [medianSeries('warm median', categories, new Map(ok.map((row) => [runnerLabel(row, emulated), row])), ok.map((row) => palette.color(row.runner)), openmp)],
      };
      const table: Block = {
        kind: 'table',
        header: ['runner · variant', 'cold', 'median', 'IQR', '95 % interval', '× OpenMP', 'check'],
        numeric: [false, true, true, true, true, true, false],
        rows: rows.map((row) => [
          runnerLabel(row, emulated),
          formatMs(row.coldMs),
          formatMs(row.warm?.medianMs),
          formatMs(row.warm?.iqrMs),
          row.warm ? intervalText(row.warm) : '—',
          formatRatio(row.status === 'ok' && row.warm && openmp ? row.warm.medianMs / openmp : undefined),
          statusCell(row),
        ]),
      };
      const chart: Block[] = ok.length > 0 ? [{ kind: 'chart', spec, heightPx: 60 + 24 * ok.length }] : [];
      blocks.push({ kind: 'group', title, blocks: [...chart, table] });
    }
  }
  return {
    id: 'kernels',
    title: 'Time per kernel',
    intro:
      'Warm median of each runner on each kernel (log scale; shorter is faster), the whisker the median’s 95 % bootstrap interval. ' +
      '“× native OpenMP” divides by the same C loop under OpenMP on every core: below 1 is faster than native.',
    blocks,
  };
}
