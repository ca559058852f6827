import { formatRatio } from '../../report/format.js';
import type { BarSeries } from '../chart-spec.js';
import type { Block, Cell, Section } from '../dashboard-model.js';
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
    const find = (id: string, category: string) => rows.find((row) => row.kernel === id && runnerLabel(row, emulated) === category);
    const native = (id: string) => rows.find((row) => row.kernel === id && row.runner === OPENMP_REFERENCE)?.gbPerSecond;
    const series = kernels.map((id, index): BarSeries => {
      const bytes = kernelAt(merged, id, size)!.bytesMoved!;
      const found = categories.map((category) => find(id, category));
      return {
        label: id,
        values: found.map((row) => row?.gbPerSecond ?? null),
        colors: KERNEL_COLORS[index % KERNEL_COLORS.length]!,
        // A shorter time is more bandwidth: the time interval's ends swap.
        intervals: found.map((row) => (row && row.warm.ciLowMs > 0 ? ([bytes / row.warm.ciHighMs / 1e6, bytes / row.warm.ciLowMs / 1e6] as const) : null)),
        notes: found.map((row) => (row ? `${formatGbPerSecond(row.gbPerSecond)}${native(id) ? ` · ${formatRatio(row.gbPerSecond! / native(id)!)} native OpenMP’s` : ''}` : null)),
      };
    });
    // One row per runner, two columns per kernel: GB/s and the ratio to native OpenMP's.
    const table: Block = {
      kind: 'table',
      header: ['runner · variant', ...kernels.flatMap((id) => [`${id} GB/s`, '× OpenMP'])],
      numeric: [false, ...kernels.flatMap(() => [true, true])],
      rows: categories.map((category): Cell[] => [
        category,
        ...kernels.flatMap((id) => {
          const row = find(id, category);
          const reference = native(id);
          return [formatGbPerSecond(row?.gbPerSecond), formatRatio(row && reference ? row.gbPerSecond! / reference : undefined)];
        }),
      ]),
    };
    const bytes = kernels.map((id) => `${id} ${(kernelAt(merged, id, size)!.bytesMoved! / 1e6).toFixed(2)} MB`).join(', ');
    blocks.push({
      kind: 'group',
      title: `size ${size} (bytes a call: ${bytes})`,
      blocks: [
        { kind: 'chart', spec: { type: 'bar', id: `bandwidth-${size}`, title: 'GB/s; whisker: from the median’s 95 % interval', unit: 'GB/s', log: false, categories, series }, heightPx: 60 + 14 * categories.length * series.length },
        table,
      ],
    });
  }
  if (blocks.length === 0) {
    blocks.push({ kind: 'note', tone: 'info', text: 'No kernel in these results says how many bytes it moves, so there is no bandwidth to show.' });
  }
  return {
    id: 'bandwidth',
    title: 'Memory bandwidth',
    intro: 'GB/s (10⁹ bytes a second) on the kernels that only stream memory: the bytes each call must read and write over the warm median. Higher is better.',
    blocks,
  };
}
