import { formatRatio } from '../../report/format.js';
import type { Cell, Section } from '../dashboard-model.js';
import { emulatedRunners, measured, type MergedResults } from '../merged-results.js';
import { openmpMs, runnerLabel } from './row-figures.js';

/**
 * The whole run on one screen: every runner and variant against every kernel, as the ratio of
 * its warm median to native OpenMP's at the largest size run (below 1: faster than native).
 */
export function overviewSection(merged: MergedResults): Section {
  const emulated = emulatedRunners(merged);
  const size = merged.sizes[merged.sizes.length - 1]!;
  const rows = measured(merged.rows.filter((row) => row.size === size));
  const kernels = merged.kernelIds.filter((id) => openmpMs(merged.rows, id, size) !== undefined);
  const labels = [...new Set(rows.map((row) => runnerLabel(row, emulated)))];
  return {
    id: 'overview',
    title: 'Overview',
    intro: `Warm median over native OpenMP’s on the same kernel, at size ${size} (the largest in these results): below 1 (green) is faster than the same C loop under OpenMP on every core.`,
    blocks: [
      {
        kind: 'table',
        id: 'overview-ratios',
        header: ['runner · variant', ...kernels],
        numeric: [false, ...kernels.map(() => true)],
        rows: labels.map((label): Cell[] => [
          label,
          ...kernels.map((id): Cell => {
            const row = rows.find((candidate) => candidate.kernel === id && runnerLabel(candidate, emulated) === label);
            if (!row) return '';
            const ratio = row.warm.medianMs / openmpMs(merged.rows, id, size)!;
            return ratio < 1 ? { text: formatRatio(ratio), tone: 'better' } : formatRatio(ratio);
          }),
        ]),
      },
    ],
  };
}
