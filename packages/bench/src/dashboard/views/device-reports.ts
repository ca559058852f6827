import { formatMs } from '../../report/format.js';
import type { BarSeries } from '../chart-spec.js';
import type { Block, Section } from '../dashboard-model.js';
import { emulatedRunners, measured, type MergedResults } from '../merged-results.js';
import { runnerLabel } from './row-figures.js';

const REPORTED_COLORS = ['#E69F00', '#CC79A7', '#56B4E9', '#009E73'];

/** A report field that is a time in ms (by the `DeviceReport` convention: its name ends in `Ms`). */
function timeField(key: string, value: unknown): number | undefined {
  return typeof value === 'number' && /Ms$/.test(key) ? value : undefined;
}

function formatField(key: string, value: string | number | boolean): string {
  const time = timeField(key, value);
  if (time !== undefined) return formatMs(time);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toPrecision(4);
  return String(value);
}

/**
 * What devices reported about their calls (an FPGA simulator's pipeline report: II, depth,
 * cycles, the time the design would take at its clock): every field in a table, and the
 * reported times next to the measured median, which for a simulator is how long simulating took.
 */
export function deviceReportsSection(merged: MergedResults): Section {
  const emulated = emulatedRunners(merged);
  const rows = measured(merged.rows).filter((row) => row.deviceReport !== undefined);
  const intro =
    'Fields a device reported about the last timed call (the `DispatchResult`, e.g. an FPGA simulator’s II, cycles and estimated time at its clock). ' +
    'The chart puts each reported time next to the measured median: for a simulator, the measured time is how long simulating took.';
  if (rows.length === 0) {
    return { id: 'device-reports', title: 'Device reports', intro, blocks: [{ kind: 'note', tone: 'info', text: 'No device in these results reported anything about its calls.' }] };
  }
  const label = (row: (typeof rows)[number]) => `${row.kernel} · ${row.size} · ${runnerLabel(row, emulated)}`;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row.deviceReport!)))];
  const timeKeys = keys.filter((key) => rows.some((row) => timeField(key, row.deviceReport![key]) !== undefined));
  const blocks: Block[] = [];
  const timed = rows.filter((row) => timeKeys.some((key) => timeField(key, row.deviceReport![key]) !== undefined));
  if (timed.length > 0) {
    const series: BarSeries[] = [
      { label: 'measured warm median', values: timed.map((row) => row.warm.medianMs), colors: '#555555', intervals: timed.map((row) => [row.warm.ciLowMs, row.warm.ciHighMs] as const) },
      ...timeKeys.map((key, index): BarSeries => ({
        label: `reported ${key}`,
        values: timed.map((row) => timeField(key, row.deviceReport![key]) ?? null),
        colors: REPORTED_COLORS[index % REPORTED_COLORS.length]!,
      })),
    ];
    blocks.push({
      kind: 'chart',
      spec: { type: 'bar', id: 'device-report-times', title: 'reported device time against measured time', unit: 'ms', log: true, categories: timed.map(label), series },
      heightPx: 60 + 18 * timed.length * series.length,
    });
  }
  blocks.push({
    kind: 'table',
    id: 'device-report-fields',
    header: ['row', 'measured warm median', ...keys],
    numeric: [false, true, ...keys.map(() => true)],
    rows: rows.map((row) => [label(row), formatMs(row.warm.medianMs), ...keys.map((key) => (row.deviceReport![key] === undefined ? '' : formatField(key, row.deviceReport![key]!)))]),
  });
  return { id: 'device-reports', title: 'Device reports', intro, blocks };
}
