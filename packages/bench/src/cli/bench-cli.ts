import { writeFile } from 'node:fs/promises';
import { isWasiParallelError } from '@wasi-parallel/core';
import { discoverBackends } from '../backends/discover-backends.js';
import { renderDashboard } from '../dashboard/render-dashboard.js';
import { runBench } from '../harness/run-bench.js';
import { createProgress } from '../report/progress.js';
import { renderMarkdown, renderTable } from '../report/results-table.js';
import { renderTargets } from '../report/targets.js';
import type { BenchResults } from '../results/bench-results.js';
import { IsolatedRunner } from '../runners/isolated-runner.js';
import type { RunnerSpec } from '../runners/runner-spec.js';
import { parseBenchArgs, USAGE, type BenchArgs } from './bench-args.js';

export interface BenchCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: BenchCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs the bench as `args` describe; the results, before any printing. Every runner runs in a
 * child process of its own (IsolatedRunner), so a backend that crashes costs only its rows.
 */
export async function runBenchFromArgs(args: BenchArgs, onProgress?: (done: number, total: number, what: string) => void): Promise<BenchResults> {
  const discovered = await discoverBackends();
  const selections = args.backends ?? discovered.factories.map((factory) => ({ label: factory.name, backend: factory.name, options: {} }));
  const specs: RunnerSpec[] = [
    ...selections.map((selection): RunnerSpec => ({ kind: 'backend', selection })),
    ...args.baselines.map((name): RunnerSpec => ({ kind: 'baseline', name })),
  ];
  const kernelIds = args.kernels.map((kernel) => kernel.id);
  // Packages that did not load are worth a line only when the user did not pick backends.
  const unavailable = args.backends ? [] : discovered.unavailable.map((entry) => ({ ...entry, role: 'backend' as const }));
  return runBench({
    kernels: args.kernels,
    runners: specs.map((spec) => new IsolatedRunner(spec, kernelIds, args.sizes, args.timeoutMs)),
    unavailable,
    sizes: args.sizes,
    plans: args.plans,
    fidelity: args.conformance,
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * `wasi-parallel bench …` (the CLI delegates here) and the package's own `wasi-parallel-bench`
 * bin. Resolves to the exit code; never throws for bad usage or an unavailable backend.
 */
export async function runBenchCli(argv: readonly string[], io: BenchCliIo = PROCESS_IO): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    io.stderr(`${isWasiParallelError(error) ? error.message : String(error)}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const progress = createProgress();
  let results: BenchResults;
  try {
    results = await runBenchFromArgs(args, progress.update);
  } finally {
    progress.stop();
  }
  io.stdout(`${renderTable(results)}\n\n${renderTargets(results)}\n`);
  if (args.out) {
    await writeFile(args.out, `${JSON.stringify(results, null, 2)}\n`);
    io.stderr(`bench: results written to ${args.out}\n`);
  }
  if (args.markdown) await writeFile(args.markdown, `${renderMarkdown(results)}\n\n${renderTargets(results)}\n`);
  if (args.html) {
    await writeFile(args.html, await renderDashboard({ runs: [{ name: args.out ?? 'this run', results }] }));
    io.stderr(`bench: dashboard written to ${args.html}\n`);
  }
  return results.results.some((row) => row.status === 'check-failed') ? 1 : 0;
}
