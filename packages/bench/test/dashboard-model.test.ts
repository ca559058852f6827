import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@wasi-parallel/core';
import { buildDashboard, loadResultsFile, mergeRuns, runDashboardCli, type BarChartSpec, type Block, type Dashboard, type LineChartSpec } from '@wasi-parallel/bench';
import { madeUpRun, mediumRun } from './dashboard-fixtures.js';

const RUN = madeUpRun({
  'empty sequential scalar': [0.02, 0.021, 0.019],
  'empty native-openmp native': [0.008, 0.008, 0.009],
  'saxpy sequential scalar': [4, 4.2, 3.9],
  'saxpy native-openmp native': [1, 1.1, 0.9],
  'saxpy native-gcc native': [2, 2, 2.1],
});

function blocksOf(dashboard: Dashboard, section: string): Block[] {
  const flat = (blocks: readonly Block[]): Block[] => blocks.flatMap((block) => (block.kind === 'group' || block.kind === 'details' ? [block, ...flat(block.blocks)] : [block]));
  return flat(dashboard.sections.find((candidate) => candidate.id === section)!.blocks);
}

function chart<T extends BarChartSpec | LineChartSpec>(dashboard: Dashboard, section: string, id: string): T {
  const block = blocksOf(dashboard, section).find((candidate) => candidate.kind === 'chart' && candidate.spec.id === id);
  if (!block || block.kind !== 'chart') throw new Error(`no chart ${id} in ${section}`);
  return block.spec as T;
}

describe('dashboard model', () => {
  it('draws each kernel’s warm medians with their intervals, and says the ratio to native OpenMP', () => {
    const dashboard = buildDashboard({ runs: [{ name: 'run', results: RUN }] });
    const saxpy = chart<BarChartSpec>(dashboard, 'kernels', 'time-saxpy-small');
    expect(saxpy.categories).toEqual(['sequential · scalar', 'native-openmp · native', 'native-gcc · native']);
    expect(saxpy.series[0]!.values).toEqual([4, 1, 2]);
    const seq = RUN.results.find((row) => row.kernel === 'saxpy' && row.runner === 'sequential')!;
    expect(saxpy.series[0]!.intervals![0]).toEqual([seq.warm!.ciLowMs, seq.warm!.ciHighMs]);
    expect(saxpy.series[0]!.notes![0]).toContain('4.00× native OpenMP');
    const bandwidth = chart<BarChartSpec>(dashboard, 'bandwidth', 'bandwidth-small');
    expect(bandwidth.series.map((series) => series.label)).toEqual(['saxpy']);
    expect(bandwidth.series[0]!.values).toEqual([8192 / 4 / 1e6, 8192 / 1 / 1e6, 8192 / 2 / 1e6]);
    expect(chart<BarChartSpec>(dashboard, 'dispatch', 'dispatch-empty').series[0]!.values).toEqual([0.02, 0.008]);
  });

  it('sums the run up as ratios to native OpenMP, runner by kernel, marking what beats it', () => {
    const dashboard = buildDashboard({ runs: [{ name: 'run', results: RUN }] });
    const table = blocksOf(dashboard, 'overview')[0]!;
    expect(table.kind === 'table' && table.header).toEqual(['runner · variant', 'empty', 'saxpy']);
    expect(table.kind === 'table' && table.rows).toEqual([
      ['sequential · scalar', '2.50×', '4.00×'],
      ['native-openmp · native', '1.00×', '1.00×'],
      ['native-gcc · native', '', '2.00×'],
    ]);
    const faster = buildDashboard({ runs: [{ name: 'run', results: madeUpRun({ 'saxpy native-openmp native': [2, 2, 2], 'saxpy native-gcc native': [1, 1, 1] }) }] });
    const cells = blocksOf(faster, 'overview')[0]!;
    expect(cells.kind === 'table' && cells.rows[1]).toEqual(['native-gcc · native', { text: '0.50×', tone: 'better' }]);
  });

  it('says where a view has nothing to show rather than drawing an empty chart', () => {
    const dashboard = buildDashboard({ runs: [{ name: 'run', results: RUN }] });
    for (const section of ['scaling', 'fidelity', 'device-reports']) {
      expect(blocksOf(dashboard, section).map((block) => block.kind)).toEqual(['note']);
    }
    expect(dashboard.sections.map((section) => section.id)).not.toContain('compare');
  });

  it('merges sizes from several files into the scaling view, log-log over the buffers’ bytes', () => {
    const dashboard = buildDashboard({ runs: [{ name: 'small', results: RUN }, { name: 'medium', results: mediumRun(RUN) }] });
    const saxpy = chart<LineChartSpec>(dashboard, 'scaling', 'scaling-saxpy');
    const seq = saxpy.lines.find((line) => line.label === 'sequential · scalar')!;
    expect(seq.points.map((point) => [point.x, point.y])).toEqual([
      [16 + 8192, 4],
      [4 * (16 + 8192), 16],
    ]);
    expect(saxpy.lines.find((line) => line.label === 'native-openmp · native')!.dashed).toBe(true);
    // The empty kernel's data does not grow: nothing to scale.
    expect(blocksOf(dashboard, 'scaling').some((block) => block.kind === 'chart' && block.spec.id === 'scaling-empty')).toBe(false);
  });

  it('refuses two files holding the same row: that is a comparison, given with --before', () => {
    expect(() => mergeRuns([{ name: 'a.json', results: RUN }, { name: 'b.json', results: RUN }])).toThrow(/a\.json and b\.json both hold the row empty · small · sequential · scalar/);
  });

  it('compares before and after row by row, calling a change beyond the noise only outside both intervals', () => {
    const after = madeUpRun({
      'saxpy sequential scalar': [2, 2.1, 1.95], // half the time: beyond the noise
      'saxpy native-openmp native': [1.05, 1.1, 1], // 5 % slower, within the noise
    });
    const dashboard = buildDashboard({ runs: [{ name: 'after', results: after }], before: [{ name: 'before', results: RUN }] });
    const change = chart<BarChartSpec>(dashboard, 'compare', 'compare-change');
    expect(change.categories).toEqual(['saxpy · small · sequential · scalar', 'saxpy · small · native-openmp · native']);
    expect(change.series[0]!.values[0]).toBeCloseTo(-50, 9);
    expect(change.series[0]!.values[1]).toBeCloseTo(5, 9);
    const table = blocksOf(dashboard, 'compare').find((block) => block.kind === 'table' && block.id === 'compare-table');
    expect(table?.kind === 'table' && table.rows.map((row) => row[6])).toEqual([
      { text: 'faster', tone: 'better' },
      { text: 'within noise', tone: 'neutral' },
    ]);
  });

  it('warns plainly, first thing, when a "GPU" ran on a software adapter', () => {
    const results = { ...RUN, runners: [...RUN.runners, { name: 'webgpu', role: 'backend' as const, available: true, emulated: true, description: { device: 'swiftshader-high-performance', deviceKind: 'discrete-gpu' } }] };
    const dashboard = buildDashboard({ runs: [{ name: 'run', results }] });
    expect(dashboard.warnings).toEqual([expect.stringContaining('webgpu ran on swiftshader-high-performance (discrete-gpu)')]);
    expect(dashboard.warnings[0]).toContain('CPU times, not GPU times');
  });

  it('loads schema-version-1 files, computing the spread from their stored samples', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    const { sizes, plans, statistics, ...rest } = RUN;
    const v1 = {
      ...rest,
      schemaVersion: 1,
      size: sizes[0],
      plan: plans.small,
      kernels: RUN.kernels.map(({ size, ...kernel }) => kernel),
      results: RUN.results.map(({ size, warm, ...row }) => ({ ...row, warm: { count: warm!.count, medianMs: warm!.medianMs, minMs: warm!.minMs, maxMs: warm!.maxMs } })),
    };
    const path = join(dir, 'v1.json');
    await writeFile(path, JSON.stringify(v1));
    const loaded = await loadResultsFile(path);
    expect(loaded.results.sizes).toEqual(['small']);
    expect(loaded.results.results.map((row) => row.warm)).toEqual(RUN.results.map((row) => ({ ...row.warm!, ...{ ciLowMs: expect.any(Number), ciHighMs: expect.any(Number) } })));
    expect(loaded.results.results.every((row) => row.size === 'small')).toBe(true);
  });

  it('rejects a file that is not results with INVALID_ARGUMENT, and the CLI answers it with exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ schemaVersion: 2, results: [] }));
    await expect(loadResultsFile(path)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => void err.push(text) };
    expect(await runDashboardCli([path, '-o', join(dir, 'out.html')], io)).toBe(1);
    expect(err.join('')).toContain('missing required');
    expect(await runDashboardCli([path], io)).toBe(2);
  });

  it('writes one self-contained page: no external script, stylesheet or image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    const input = join(dir, 'r.json');
    const out = join(dir, 'd.html');
    await writeFile(input, JSON.stringify(RUN));
    expect(await runDashboardCli([input, '-o', out], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)=/i);
    expect(html).toContain('Chart.js v4');
    expect(JSON.parse(/<script type="application\/json" id="dashboard-charts">(.*?)<\/script>/s.exec(html)![1]!).map((spec: { id: string }) => spec.id)).toContain('time-saxpy-small');
  });
});
