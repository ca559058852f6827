import { writeFile } from 'node:fs/promises';
import { isWasiParallelError } from '@wasi-parallel/core';
import { discoverBackends, selectBackends } from '../backends/discover-backends.js';
import { createBaseline } from '../harness/baselines.js';
import { runBench } from '../harness/run-bench.js';
import { createProgress } from '../report/progress.js';
import { renderMarkdown, renderTable } from '../report/results-table.js';
import { renderTargets } from '../report/targets.js';
import type { BenchResults } from '../results/bench-results.js';
import { HostRunner } from '../runners/host-runner.js';
import type { BenchRunner } from '../runners/runner.js';
import { parseBenchArgs, USAGE, type BenchArgs } from './bench-args.js';

export interface BenchCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: BenchCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the bench as `args` describe; the results, before any printing. */
export async function runBenchFromArgs(args: BenchArgs, onProgress?: (done: number, total: number, what: string) => void): Promise<BenchResults> {
  const discovered = await discoverBackends();
  const { selected, unavailable } = selectBackends(discovered, args.backends);
  const runners: BenchRunner[] = [
    ...selected.map(({ selection, factory }) => new HostRunner(selection.label, factory, selection.options)),
    ...args.baselines.map(createBaseline),
  ];
  return runBench({
    kernels: args.kernels,
    runners,
    unavailable: unavailable.map((entry) => ({ ...entry, role: 'backend' as const })),
    size: args.size,
    plan: args.plan,
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
  return results.results.some((row) => row.status === 'check-failed') ? 1 : 0;
}
