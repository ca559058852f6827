import type { Variant } from '../../runners/runner.js';
import type { LineChartSpec, LineSeries } from '../chart-spec.js';
import type { Block, Section } from '../dashboard-model.js';
import { emulatedRunners, kernelAt, measured, type MergedResults } from '../merged-results.js';
import type { Palette } from '../palette.js';
import { runnerLabel } from './row-figures.js';

const MARKERS: Readonly<Record<Variant, LineSeries['marker']>> = { scalar: 'circle', simd: 'triangle', native: 'rect', js: 'rectRot' };

/** A kernel's problem size as one number: the bytes of all its buffers, what grows with the size. */
function problemBytes(bufferBytes: readonly number[]): number {
  return bufferBytes.reduce((sum, bytes) => sum + bytes, 0);
}

/**
 * Per kernel run at two or more sizes: warm median against problem size, log-log, one line per
 * runner and variant. Where two lines cross, one device overtakes the other; a line's slope is
 * how its cost grows (1 = linear in the data).
 */
export function scalingSection(merged: MergedResults, palette: Palette): Section {
  const emulated = emulatedRunners(merged);
  const blocks: Block[] = [];
  for (const id of merged.kernelIds) {
    const sizes = merged.sizes.filter((size) => kernelAt(merged, id, size) !== undefined);
    const xs = new Set(sizes.map((size) => problemBytes(kernelAt(merged, id, size)!.bufferBytes)));
    // A kernel whose data does not grow with the size (the empty kernel) has nothing to scale.
    if (xs.size < 2) continue;
    const lines = new Map<string, LineSeries & { points: { x: number; y: number; label: string }[] }>();
    for (const row of measured(merged.rows.filter((candidate) => candidate.kernel === id))) {
      const kernel = kernelAt(merged, id, row.size)!;
      const label = runnerLabel(row, emulated);
      const line = lines.get(label) ?? { label, color: palette.color(row.runner), dashed: row.role === 'baseline', marker: MARKERS[row.variant], points: [] };
      line.points.push({ x: problemBytes(kernel.bufferBytes), y: row.warm.medianMs, label: `${row.size} (${kernel.label})` });
      lines.set(label, line);
    }
    for (const line of lines.values()) line.points.sort((a, b) => a.x - b.x);
    const spec: LineChartSpec = {
      type: 'line',
      id: `scaling-${id}`,
      title: 'warm median against problem size, log-log',
      unit: 'ms',
      xTitle: 'bytes in the kernel’s buffers',
      xUnit: 'bytes',
      lines: [...lines.values()],
    };
    blocks.push({ kind: 'group', title: `${id} (${sizes.map((size) => kernelAt(merged, id, size)!.label).join(' → ')})`, blocks: [{ kind: 'chart', spec, heightPx: 300 + 9 * lines.size }] });
  }
  if (blocks.length === 0) {
    blocks.push({
      kind: 'note',
      tone: 'info',
      text: 'These results hold one size per kernel. Run `wasi-parallel bench --size small,medium,large`, or give the dashboard several results files, to see how each cost grows.',
    });
  }
  return {
    id: 'scaling',
    title: 'Scaling',
    intro: 'Warm median against problem size (log-log; dashed lines are baselines; ● scalar, ▲ simd, ■ native, ◆ gpu.js). Where lines cross, one device overtakes another.',
    blocks,
  };
}
