import { formatMs } from '../../report/format.js';
import type { MachineInfo } from '../../results/bench-results.js';
import { compareStats } from '../../stats/statistics.js';
import type { Block, Cell, Section } from '../dashboard-model.js';
import { measured, rowKey, type MergedResults } from '../merged-results.js';
import { intervalText } from './row-figures.js';

const TONE_COLORS = { better: '#009E73', worse: '#D55E00', neutral: '#b0b0b0' } as const;

function percent(fraction: number): string {
  return `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
}

function machineText(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.platform} ${machine.osRelease}`;
}

/**
 * Before and after, row by row (same kernel, size, runner and variant): the median's change in
 * %, called beyond the noise only when the two medians' 95 % intervals do not overlap. The
 * whisker spans the change the two intervals allow.
 */
export function compareSection(before: MergedResults, after: MergedResults): Section {
  const earlier = new Map(measured(before.rows).map((row) => [rowKey(row), row]));
  const pairs = measured(after.rows).flatMap((row) => {
    const old = earlier.get(rowKey(row));
    return old && old.warm.medianMs > 0 ? [{ key: rowKey(row), before: old.warm, after: row.warm, change: compareStats(old.warm, row.warm) }] : [];
  });
  const blocks: Block[] = [];
  const machines = new Set([...before.runs, ...after.runs].map((run) => machineText(run.results.machine)));
  if (machines.size > 1) {
    blocks.push({ kind: 'note', tone: 'warning', text: `The two sides ran on different machines (${[...machines].join(' / ')}): a change may be the machine’s.` });
  }
  const tone = (pair: (typeof pairs)[number]): 'better' | 'worse' | 'neutral' =>
    !pair.change.beyondNoise ? 'neutral' : pair.change.fraction < 0 ? 'better' : 'worse';
  if (pairs.length === 0) {
    blocks.push({ kind: 'note', tone: 'info', text: 'The two sides have no passing row in common (same kernel, size, runner and variant).' });
  } else {
    blocks.push({
      kind: 'chart',
      spec: {
        type: 'bar',
        id: 'compare-change',
        title: 'change of the warm median, after against before',
        unit: '%',
        log: false,
        categories: pairs.map((pair) => pair.key),
        series: [
          {
            label: 'change',
            values: pairs.map((pair) => pair.change.fraction * 100),
            colors: pairs.map((pair) => TONE_COLORS[tone(pair)]),
            intervals: pairs.map((pair) => {
              const base = pair.before.medianMs;
              return [((pair.after.ciLowMs - pair.before.ciHighMs) / base) * 100, ((pair.after.ciHighMs - pair.before.ciLowMs) / base) * 100] as const;
            }),
            notes: pairs.map(
              (pair) =>
                `${formatMs(pair.before.medianMs)} → ${formatMs(pair.after.medianMs)}: ${percent(pair.change.fraction)}, ${pair.change.beyondNoise ? 'beyond the noise' : 'within the noise'}`,
            ),
          },
        ],
      },
      heightPx: 60 + 20 * pairs.length,
    });
    blocks.push({
      kind: 'table',
      id: 'compare-table',
      header: ['row', 'before: median', '95 % interval', 'after: median', '95 % interval', 'change', 'verdict'],
      numeric: [false, true, true, true, true, true, false],
      rows: pairs.map((pair): Cell[] => [
        pair.key,
        formatMs(pair.before.medianMs),
        intervalText(pair.before),
        formatMs(pair.after.medianMs),
        intervalText(pair.after),
        percent(pair.change.fraction),
        { text: pair.change.beyondNoise ? (pair.change.fraction < 0 ? 'faster' : 'slower') : 'within noise', tone: tone(pair) },
      ]),
    });
  }
  const beforeKeys = new Set(before.rows.map(rowKey));
  const afterKeys = new Set(after.rows.map(rowKey));
  const onlyBefore = before.rows.filter((row) => !afterKeys.has(rowKey(row))).length;
  const onlyAfter = after.rows.filter((row) => !beforeKeys.has(rowKey(row))).length;
  if (onlyBefore + onlyAfter > 0) {
    blocks.push({ kind: 'note', tone: 'info', text: `Not compared: ${onlyBefore} row(s) only before, ${onlyAfter} only after.` });
  }
  return {
    id: 'compare',
    title: 'Before / after',
    intro: `Before: ${before.runs.map((run) => run.name).join(', ')}. After: ${after.runs.map((run) => run.name).join(', ')}. A change counts as beyond the noise only when the two medians’ 95 % intervals do not overlap (green faster, red slower, grey within the noise).`,
    blocks,
  };
}
