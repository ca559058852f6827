import type { BenchResults } from '../results/bench-results.js';
import { formatMs, formatRatio, markdownTable, textTable } from './format.js';

const HEADER = ['kernel', 'size', 'runner', 'variant', 'cold', 'warm median', 'min', 'max', '× best native', 'check'];
const ALIGN = 'llllrrrrrl';

function cells(results: BenchResults): string[][] {
  return results.results.map((row) => {
    const kernel = results.kernels.find((entry) => entry.id === row.kernel);
    const check = row.status === 'ok' ? 'pass' : row.status === 'check-failed' ? `FAIL (${row.checkFailures} wrong)` : `${row.status}: ${row.reason ?? ''}`;
    return [
      row.kernel,
      kernel?.label ?? '',
      row.runner,
      row.variant,
      formatMs(row.coldMs),
      formatMs(row.warm?.medianMs),
      formatMs(row.warm?.minMs),
      formatMs(row.warm?.maxMs),
      formatRatio(row.ratioToBestNative),
      check.length > 70 ? `${check.slice(0, 69)}…` : check,
    ];
  });
}

function unavailable(results: BenchResults): string[] {
  return results.runners.filter((runner) => !runner.available).map((runner) => `${runner.name} (${runner.role}) unavailable: ${runner.reason ?? 'unknown'}`);
}

function frontEnd(results: BenchResults, markdown: boolean): string {
  const { frontEnd: report } = results;
  if (!report.available) return `kernel front-end: not measured (${report.reason ?? 'unknown'})`;
  const title = 'kernel front-end (@wasi-parallel/kernel), medians:';
  const rows = report.rows.map((row) => [row.kernel, String(row.bytes), row.error ? `failed: ${row.error}` : formatMs(row.coldMedianMs), formatMs(row.cachedMedianMs)]);
  const header = ['kernel', 'bytes', 'loadKernel cold (decode + validate + analyse)', 'loadKernel cached'];
  return `${title}\n\n${(markdown ? markdownTable : textTable)(header, rows, 'lrrr')}`;
}

/** How each size's rows were sampled, e.g. `large: 2 warm-up + 7 timed (each ≥ 500 ms in all)`. */
export function samplingText(results: BenchResults): string {
  return results.sizes
    .map((size) => {
      const plan = results.plans[size]!;
      const least = plan.minTimeMs ? ` (each ≥ ${plan.minTimeMs} ms in all)` : '';
      return `${size}: ${plan.warmup} warm-up + ${plan.repetitions} timed${least}`;
    })
    .join('; ');
}

/** The run as the terminal shows it: the results table, then what was unavailable and why. */
export function renderTable(results: BenchResults): string {
  const m = results.machine;
  const load = m.loadAverage ? ` · load ${m.loadAverage.join(' ')}` : '';
  return [
    `wasi-parallel bench · ${samplingText(results)} · ${m.cpuModel} (${m.cores} cores)${load} · node ${results.versions.node}`,
    '',
    textTable(HEADER, cells(results), ALIGN),
    '',
    ...unavailable(results),
    frontEnd(results, false),
  ].join('\n');
}

/** The same, as markdown for the package README. */
export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  return [
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${m.platform} ${m.osRelease} (${m.arch})` +
      `${m.loadAverage ? `, load average ${m.loadAverage.join(' / ')} at the start` : ''}; ` +
      `node ${results.versions.node}, ${results.versions.gcc}, ${results.versions.clang}, gpu.js ${results.versions.gpujs}. ` +
      `Sampling ${samplingText(results)}; ${results.generatedAt}.`,
    '',
    markdownTable(HEADER, cells(results), ALIGN),
    '',
    ...unavailable(results).map((line) => `- ${line}`),
    '',
    frontEnd(results, true),
  ].join('\n');
}
