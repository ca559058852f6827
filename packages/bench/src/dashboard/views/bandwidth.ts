import { formatRatio } from '../../report/format.js';
import type { BarSeries } from '../chart-spec.js';
import type { Block, Section } from '../dashboard-model.js';
import { emulatedRunners, kernelAt, measured, type MergedResults } from '../merged-results.js';
import { OPENMP_REFERENCE } from '../palette.js';
import { runnerLabel } from './row-figures.js';

/** One colour per bandwidth kernel (they are the series here, runners the bars). */
const KERNEL_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#882255'];

export function formatGbPerSecond(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(value < 10 ? 2 : 1)} GB/s`;
}

/**
 * The kernels that say how many bytes a call moves (STREAM-style: each element read or written
 * once): GB/s per runner, against native OpenMP's on the same kernel. Higher is better.
 */
export function bandwidthSection(merged: MergedResults): Section {
  const emulated = emulatedRunners(merged);
  const blocks: Block[] = [];
  for (const size of merged.sizes) {
    const kernels = merged.kernelIds.filter((id) => kernelAt(merged, id, size)?.bytesMoved !== undefined);
    const rows = measured(merged.rows.filter((row) => row.size === size && kernels.includes(row.kernel) && row.gbPerSecond !== undefined));
    if (rows.length === 0) continue;
    const categories = [...new Set(rows.map((row) => runnerLabel(row, emulated)))];
    const series = kernels.map((id, index): BarSeries => {
      const bytes = kernelAt(merged, id, size)!.bytesMoved!;
      const native = rows.find((row) => row.kernel === id && row.runner === OPENMP_REFERENCE)?.gbPerSecond;
      const byCategory = new Map(rows.filter((row) => row.kernel === id).map((row) => [runnerLabel(row, emulated), row]));
      const found = categories.map((category) => byCategory.get(category));
      return {
        label: id,
        values: found.map((row) => row?.gbPerSecond ?? null),
        colors: KERNEL_COLORS[index % KERNEL_COLORS.length]!,
        // A shorter time is more bandwidth: the time interval's ends swap.
        intervals: found.map((row) => (row && row.warm.ciLowMs > 0 ? ([bytes / row.warm.ciHighMs / 1e6, bytes / row.warm.ciLowMs / 1e6] as const) : null)),
        notes: found.map((row) =>
          row ? `${formatGbPerSecond(row.gbPerSecond)}${native ? ` · ${formatRatio(row.gbPerSecond! / native)} native OpenMP’s` : ''}` : null,
        ),
      };
    });
    blocks.push({
      kind: 'chart',
      spec: { type: 'bar', id: `bandwidth-${size}`, title: `memory bandwidth at size ${size}`, unit: 'GB/s', log: false, categories, series },
      heightPx: 60 + 16 * categories.length * series.length,
    });
    blocks.push({
      kind: 'table',
      header: ['kernel', 'runner · variant', 'bytes a call', 'GB/s', '× native OpenMP'],
      numeric: [false, false, true, true, true],
      rows: rows.map((row) => {
        const native = rows.find((other) => other.kernel === row.kernel && other.runner === OPENMP_REFERENCE)?.gbPerSecond;
        return [
          row.kernel,
          runnerLabel(row, emulated),
          `${(kernelAt(merged, row.kernel, size)!.bytesMoved! / 1e6).toFixed(2)} MB`,
          formatGbPerSecond(row.gbPerSecond),
          formatRatio(native ? row.gbPerSecond! / native : undefined),
        ];
      }),
    });
  }
  if (blocks.length === 0) {
    blocks.push({ kind: 'note', tone: 'info', text: 'No kernel in these results says how many bytes it moves, so there is no bandwidth to show.' });
  }
  return {
    id: 'bandwidth',
    title: 'Memory bandwidth',
    intro: 'GB/s (10⁹ bytes a second) on the kernels that only stream memory: the bytes each call must read and write over the warm median; the whisker follows the median’s interval.',
    blocks,
  };
}
