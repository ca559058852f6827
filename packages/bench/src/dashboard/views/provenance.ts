import { formatMs } from '../../report/format.js';
import { samplingText } from '../../report/results-table.js';
import type { RunnerInfo } from '../../results/bench-results.js';
import type { Block, Section } from '../dashboard-model.js';
import type { DashboardRun } from '../dashboard-model.js';
import type { MergedResults } from '../merged-results.js';

/**
 * What a runner ran on, as its description says: a backend's device and kind with its driver or
 * engine (`swiftshader-high-performance (discrete-gpu) — …`), a baseline's own facts (compiler and flags).
 */
function deviceText(runner: RunnerInfo): string {
  const facts = runner.description ?? {};
  if (facts.device === undefined) {
    return Object.entries(facts)
      .filter(([key]) => key !== 'isolated')
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ');
  }
  const device = `${String(facts.device)}${facts.deviceKind !== undefined ? ` (${String(facts.deviceKind)})` : ''}`;
  const driver = facts['device.driver'] ?? facts['device.engine'];
  return driver === undefined ? device : `${device} — ${String(driver)}`;
}

/** The plain warning a software "GPU" row needs: its times are the CPU's. */
export function emulationWarning(runner: RunnerInfo): string {
  const device = deviceText(runner);
  // What is emulated follows the device kind: a simulated FPGA is not a software GPU.
  const fpga = String(runner.description?.deviceKind ?? '') === 'fpga';
  const what = fpga ? 'a simulation of the FPGA pipeline, cycle by cycle, on the CPU' : 'a GPU adapter such as SwiftShader or llvmpipe runs on the CPU';
  return (
    `${runner.name} ran on ${device || 'a device'}, which its backend reports as emulated in software ` +
    `(${what}): its times are CPU times, not ${fpga ? 'FPGA' : 'GPU'} times.`
  );
}

function runBlocks(run: DashboardRun, side: string): Block {
  const { results } = run;
  const m = results.machine;
  const v = results.versions;
  const packages = Object.entries(v.packages ?? {}).map(([name, version]) => `${name.replace('@wasi-parallel/', '')} ${version}`).join(', ');
  const facts: [string, string][] = [
    ['generated', results.generatedAt],
    ['sizes and sampling', samplingText(results)],
    ['interval', `${results.statistics.confidence * 100} % percentile bootstrap of the median, ${results.statistics.resamples} resamples, seed ${results.statistics.seed}`],
    ['machine', `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${m.platform} ${m.osRelease} (${m.arch})`],
    ['load average at the start', m.loadAverage ? m.loadAverage.join(' / ') : '—'],
    ['tools', `node ${v.node} (V8 ${v.v8}); ${v.gcc}; ${v.clang}; gpu.js ${v.gpujs}`],
    ['packages', `${packages || `bench ${v.bench}`}${v.commit ? `; commit ${v.commit}` : ''}`],
  ];
  const runners = results.runners.map((runner) => [
    runner.name,
    runner.role,
    runner.available ? { text: 'ran', tone: 'pass' as const } : { text: `unavailable: ${runner.reason ?? ''}`, tone: 'skip' as const },
    deviceText(runner),
    runner.emulated ? { text: 'software: CPU times', tone: 'warning' as const } : '',
  ]);
  const frontEnd = results.frontEnd.available
    ? results.frontEnd.rows.map((row) => `${row.kernel} ${row.error ? `failed: ${row.error}` : `${formatMs(row.coldMedianMs)} cold, ${formatMs(row.cachedMedianMs)} cached`}`).join('; ')
    : `not measured (${results.frontEnd.reason ?? 'unknown'})`;
  return {
    kind: 'group',
    title: `${side}${run.name}`,
    blocks: [
      { kind: 'table', header: ['', ''], rows: [...facts, ['kernel front end (loadKernel)', frontEnd]] },
      { kind: 'table', header: ['runner', 'role', 'status', 'device', ''], rows: runners },
    ],
  };
}

/** Where every number came from: machine, load, tool and package versions, devices, per results file. */
export function provenanceSection(merged: MergedResults, before: MergedResults | undefined): Section {
  return {
    id: 'provenance',
    title: 'Machine and versions',
    intro: 'Each results file’s machine, its load when the run started (other work shows there), the tools and packages that produced it, and the device every runner used.',
    blocks: [...merged.runs.map((run) => runBlocks(run, before ? 'after: ' : '')), ...(before?.runs.map((run) => runBlocks(run, 'before: ')) ?? [])],
  };
}
