import type { BarSeries } from '../chart-spec.js';
import type { Section } from '../dashboard-model.js';
import { emulatedRunners, measured, type MergedResults } from '../merged-results.js';
import { medianSeries, runnerLabel } from './row-figures.js';

/** The suite's kernel with no work and no buffers: one call's round trip and nothing else. */
const EMPTY_KERNEL = 'empty';

/** Blues from light to dark, one per size. */
const SIZE_SHADES = ['#7aa6c2', '#2f6f9f', '#0b3c5d'];

/** The `empty` kernel's warm median per runner and size: what one `parallelFor` costs before any work. */
export function dispatchSection(merged: MergedResults): Section {
  const emulated = emulatedRunners(merged);
  const rows = measured(merged.rows.filter((row) => row.kernel === EMPTY_KERNEL));
  const categories = [...new Set(rows.map((row) => runnerLabel(row, emulated)))];
  const series = merged.sizes.flatMap((size, index): BarSeries[] => {
    const atSize = rows.filter((row) => row.size === size);
    if (atSize.length === 0) return [];
    return [medianSeries(size, categories, new Map(atSize.map((row) => [runnerLabel(row, emulated), row])), SIZE_SHADES[index % SIZE_SHADES.length]!)];
  });
  return {
    id: 'dispatch',
    title: 'Dispatch overhead',
    intro:
      'The `empty` kernel (64 iterations that do nothing, no buffers): the round trip of one `parallelFor` through the host to the device and back, per size run. ' +
      'Baselines call the loop directly, so theirs is the floor.',
    blocks:
      series.length === 0
        ? [{ kind: 'note', tone: 'info', text: 'These results hold no `empty` kernel rows: run the bench with `--kernels empty,…`.' }]
        : [
            {
              kind: 'chart',
              spec: { type: 'bar', id: 'dispatch-empty', title: 'empty parallelFor round trip, warm median', unit: 'ms', log: true, categories, series },
              heightPx: 60 + 22 * categories.length * series.length,
            },
          ],
  };
}
