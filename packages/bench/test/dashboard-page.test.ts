import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStats, renderDashboard, rowKey, runBenchCli, type BenchResults, type ResultRow } from '@wasi-parallel/bench';
import { afterRun, mediumRun } from './dashboard-fixtures.js';

// The dashboard in a real browser: `bench --size small --html` writes the page, Debian's
// chromium (scripts/setup.sh installs it) opens it from disk with the network unused, and every
// chart is read back from Chart.js and from the canvas's pixels against the results JSON.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

interface DrawnChart {
  readonly type: string;
  readonly labels: readonly string[];
  readonly datasets: readonly { label: string; data: unknown[] }[];
  /** Per dataset, each element's centre in canvas pixels; every one must lie in the chart area. */
  readonly elementsInArea: boolean;
  /** Whether a pixel inside the widest bar has the bar's colour (bar charts). */
  readonly widestBarPainted: boolean | null;
  readonly areaWidth: number;
}

let dir: string;
let results: BenchResults;
let html: string;
let context: BrowserContext;
let exitCode: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashboard-page-'));
  const json = join(dir, 'results.json');
  html = join(dir, 'dashboard.html');
  exitCode = await runBenchCli(
    ['--size', 'small', '--kernels', 'empty,saxpy', '--backends', 'sequential', '--baselines', 'native-gcc,native-openmp,wasm-node', '--conformance', '--out', json, '--html', html],
    { stdout: () => undefined, stderr: () => undefined },
  );
  results = JSON.parse(await readFile(json, 'utf8')) as BenchResults;
  context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'dashboard-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await context?.close();
});

/** Opens a page from disk; collects console errors, uncaught errors and any request off the disk. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => {
    const state = (window as { dashboard?: { ready: boolean; error?: string } }).dashboard;
    return state?.ready === true || state?.error !== undefined;
  }, undefined, { timeout: 20_000 });
  return { page, problems };
}

/** Every chart as Chart.js holds it, and whether it really was drawn on its canvas. */
function readCharts(page: Page): Promise<Record<string, DrawnChart>> {
  return page.evaluate(() => {
    type Element = { x: number; y: number; base?: number };
    type ChartLike = {
      config: { type: string };
      data: { labels?: string[]; datasets: { label: string; data: unknown[]; backgroundColor?: string | string[] }[] };
      chartArea: { left: number; right: number; top: number; bottom: number; width: number };
      canvas: HTMLCanvasElement;
      currentDevicePixelRatio: number;
      getDatasetMeta(index: number): { data: Element[] };
    };
    const state = (window as unknown as { dashboard: { charts: Record<string, ChartLike>; error?: string } }).dashboard;
    if (state.error) throw new Error(state.error);
    const hex = (rgba: Uint8ClampedArray) => `#${[...rgba.slice(0, 3)].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
    return Object.fromEntries(
      Object.entries(state.charts).map(([id, chart]) => {
        const area = chart.chartArea;
        const inArea = (e: Element) => Number.isFinite(e.x) && Number.isFinite(e.y) && e.x >= area.left - 1 && e.x <= area.right + 1 && e.y >= area.top - 1 && e.y <= area.bottom + 1;
        let widestBarPainted: boolean | null = null;
        if (chart.config.type === 'bar') {
          const dataset = chart.data.datasets[0]!;
          const bars = chart.getDatasetMeta(0).data;
          const width = (i: number) => (dataset.data[i] === null ? -1 : Math.abs(bars[i]!.x - bars[i]!.base!));
          const index = bars.reduce((best, _, i) => (width(i) > width(best) ? i : best), 0);
          const bar = bars[index]!;
          // A pixel inside the bar, between its base and its end, just off the centre line where
          // the interval's whisker runs.
          const x = (bar.base! + bar.x) / 2;
          const ratio = chart.currentDevicePixelRatio;
          const pixel = chart.canvas.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round((bar.y + 3) * ratio), 1, 1).data;
          const color = Array.isArray(dataset.backgroundColor) ? dataset.backgroundColor[index] : dataset.backgroundColor;
          widestBarPainted = hex(pixel).toLowerCase() === String(color).toLowerCase();
        }
        return [
          id,
          {
            type: chart.config.type,
            labels: chart.data.labels ?? [],
            datasets: chart.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })),
            elementsInArea: chart.data.datasets.every((dataset, i) => chart.getDatasetMeta(i).data.every((element, j) => dataset.data[j] === null || inArea(element))),
            widestBarPainted,
            areaWidth: area.width,
          },
        ];
      }),
    );
  });
}

function expectDrawn(charts: Record<string, DrawnChart>, canvases: number): void {
  expect(Object.keys(charts)).toHaveLength(canvases);
  for (const [id, chart] of Object.entries(charts)) {
    expect(chart.areaWidth, id).toBeGreaterThan(200);
    expect(chart.elementsInArea, id).toBe(true);
    if (chart.type === 'bar') expect(chart.widestBarPainted, id).toBe(true);
  }
}

const label = (row: ResultRow) => `${row.runner} · ${row.variant}`;
const ok = (rows: readonly ResultRow[]) => rows.filter((row) => row.status === 'ok');

describe('the dashboard page in headless Chromium', () => {
  it('bench --size small --html writes a page whose every chart shows the results’ values, with no console error or request', async () => {
    expect(exitCode).toBe(0);
    const { page, problems } = await open(html);
    const charts = await readCharts(page);
    expectDrawn(charts, await page.locator('canvas').count());
    for (const kernel of ['empty', 'saxpy']) {
      const rows = ok(results.results.filter((row) => row.kernel === kernel));
      const chart = charts[`time-${kernel}-small`]!;
      expect(chart.labels).toEqual(rows.map(label));
      expect(chart.datasets[0]!.data).toEqual(rows.map((row) => row.warm!.medianMs));
    }
    const empty = ok(results.results.filter((row) => row.kernel === 'empty'));
    expect(charts['dispatch-empty']!.datasets[0]!.data).toEqual(empty.map((row) => row.warm!.medianMs));
    const saxpy = ok(results.results.filter((row) => row.kernel === 'saxpy'));
    expect(charts['bandwidth-small']!.labels).toEqual(saxpy.map(label));
    expect(charts['bandwidth-small']!.datasets[0]!.data).toEqual(saxpy.map((row) => row.gbPerSecond));
    const fidelity = results.fidelity!;
    expect(fidelity.map((run) => run.runner)).toEqual(['sequential']);
    expect(charts['fidelity-counts']!.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual(
      ['pass', 'skip', 'fail'].map((status) => [status, [fidelity[0]!.cases.filter((result) => result.status === status).length]]),
    );
    // Every case is in the matrix, each cell saying what the run said.
    const cells = await page.locator('#fidelity-matrix tbody tr, #fidelity-matrix-passing tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    expect(cells.sort()).toEqual(fidelity[0]!.cases.map((result) => [result.id, result.status]).sort());
    await expect(page.locator('#provenance').textContent()).resolves.toContain(results.machine.cpuModel);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-small.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a before/after comparison, a second size, a software "GPU" and a device report each get their view', async () => {
    const after = afterRun(results, 'sequential');
    const file = join(dir, 'compare.html');
    await writeFile(file, await renderDashboard({ runs: [{ name: 'after.json', results: after }, { name: 'medium.json', results: mediumRun(results) }], before: [{ name: 'before.json', results }] }));
    const { page, problems } = await open(file);
    const charts = await readCharts(page);
    expectDrawn(charts, await page.locator('canvas').count());
    // Before/after: every passing row in both, its change in %, sequential's halving beyond the noise.
    const compare = charts['compare-change']!;
    const before = new Map(ok(results.results).map((row) => [rowKey(row), row]));
    const paired = ok(after.results).filter((row) => before.has(rowKey(row)));
    expect(compare.labels).toEqual(paired.map(rowKey));
    const changes = compare.datasets[0]!.data as number[];
    paired.forEach((row, i) => expect(changes[i]).toBeCloseTo(((row.warm!.medianMs - before.get(rowKey(row))!.warm!.medianMs) / before.get(rowKey(row))!.warm!.medianMs) * 100, 9));
    const verdicts = await page.locator('#compare-table tbody tr td:last-child').allTextContents();
    // Unchanged rows are within the noise; sequential's halving is "faster" where the samples'
    // spread allows (three samples on a busy machine can straddle a factor of two).
    paired.forEach((row, i) => {
      const change = compareStats(before.get(rowKey(row))!.warm!, row.warm!);
      expect(verdicts[i], rowKey(row)).toBe(change.beyondNoise ? (change.fraction < 0 ? 'faster' : 'slower') : 'within noise');
      if (row.runner !== 'sequential') expect(verdicts[i], rowKey(row)).toBe('within noise');
    });
    // Scaling: small and medium on one log-log chart per kernel with data.
    const scaling = charts['scaling-saxpy']!;
    const sequential = scaling.datasets.find((dataset) => dataset.label === 'sequential · scalar')!;
    expect((sequential.data as { y: number }[]).map((point) => point.y)).toEqual(
      ['small', 'medium'].map((size) => after.results.concat(mediumRun(results).results).find((row) => row.kernel === 'saxpy' && row.size === size && row.runner === 'sequential' && row.variant === 'scalar')!.warm!.medianMs),
    );
    // The software adapter, said plainly before anything else; the device report's estimated time.
    await expect(page.locator('#warnings').textContent()).resolves.toContain('webgpu ran on swiftshader-high-performance (discrete-gpu)');
    await expect(page.locator('#warnings').textContent()).resolves.toContain('CPU times, not GPU times');
    expect(charts['device-report-times']!.datasets.map((dataset) => [dataset.label, dataset.data[0]])).toEqual([
      ['measured warm median', after.results.find((row) => row.runner === 'fpga-sim')!.warm!.medianMs],
      ['reported estimatedMs', 0.233],
    ]);
    await expect(page.locator('#device-report-fields').textContent()).resolves.toContain('70,000');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-compare.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
