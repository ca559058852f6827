import { accessSync, constants, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorCodeName, isWasiParallelError } from '@wasi-parallel/core';
import { applyBackendOptions } from '../backends/backend-selection.js';
import { CORE_BACKEND_SOURCES, type BackendSource, type UnavailableBackend } from '../backends/backend-sources.js';
import { renderDashboard } from '../dashboard/render-dashboard.js';
import { runBench } from '../harness/run-bench.js';
import { createProgress } from '../report/progress.js';
import { renderMarkdown, renderTable } from '../report/results-table.js';
import { renderTargets } from '../report/targets.js';
import type { BenchResults } from '../results/bench-results.js';
import { IsolatedRunner } from '../runners/isolated-runner.js';
import type { RunnerSpec } from '../runners/runner-spec.js';
import { parseBenchArgs, usage, USAGE, type BenchArgs } from './bench-args.js';

export interface BenchCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: BenchCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** The backends the bench may measure: what the CLI's discovery found, or core's alone. */
export interface BenchBackends {
  readonly sources: readonly BackendSource[];
  /** Packages found that did not load, listed in the results when no `--backends` is given. */
  readonly unavailable?: readonly UnavailableBackend[];
}

const CORE_ONLY: BenchBackends = { sources: CORE_BACKEND_SOURCES };

/** Refuses, before anything runs, a backend that is not there and an output file that could not be written. */
export function checkBenchArgs(args: BenchArgs, backends: BenchBackends): void {
  const names = backends.sources.map((source) => source.name);
  const named = [...(args.backends ?? []).map((selection) => selection.backend), ...Object.keys(args.backendOptions)];
  for (const name of named) if (!names.includes(name)) throw usage(`no backend named \`${name}\` is registered (registered: ${names.join(', ')})`);
  for (const [flag, file] of [['--out', args.out], ['--markdown', args.markdown], ['--html', args.html]] as const) {
    if (file === undefined) continue;
    const path = resolve(file);
    const dir = dirname(path);
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      accessSync(dir, constants.W_OK);
    } catch {
      throw usage(`${flag} ${file}: the directory ${dir} does not exist or is not writable; create it first`);
    }
    try {
      if (statSync(path).isDirectory()) throw usage(`${flag} ${file} is a directory; give a file name`);
    } catch (error) {
      if (isWasiParallelError(error)) throw error;
    }
  }
}

/**
 * Runs the bench as `args` describe; the results, before any printing. Every runner runs in a
 * child process of its own (IsolatedRunner), so a backend that crashes costs only its rows.
 */
export async function runBenchFromArgs(
  args: BenchArgs,
  onProgress?: (done: number, total: number, what: string) => void,
  backends: BenchBackends = CORE_ONLY,
): Promise<BenchResults> {
  checkBenchArgs(args, backends);
  const chosen = args.backends ?? backends.sources.map((source) => ({ label: source.name, backend: source.name, options: {} }));
  const selections = applyBackendOptions(chosen, args.backendOptions);
  const specs: RunnerSpec[] = [
    ...selections.map((selection): RunnerSpec => ({ kind: 'backend', selection, source: backends.sources.find((source) => source.name === selection.backend)! })),
    ...args.baselines.map((name): RunnerSpec => ({ kind: 'baseline', name })),
  ];
  const kernelIds = args.kernels.map((kernel) => kernel.id);
  // Packages that did not load are worth a line only when the user did not pick backends.
  const unavailable = args.backends ? [] : (backends.unavailable ?? []).map((entry) => ({ ...entry, role: 'backend' as const }));
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
 * `wasi-parallel bench …` delegates here, with the backends the CLI found. Resolves to the exit
 * code: 2 for bad usage (an unknown backend, an output path that cannot be written), checked
 * before anything runs.
 */
export async function runBenchCli(argv: readonly string[], io: BenchCliIo = PROCESS_IO, backends: BenchBackends = CORE_ONLY): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
    if (!args.help) checkBenchArgs(args, backends);
  } catch (error) {
    // One line as the CLI prints usage errors: the message, without the code's name in front.
    const message = isWasiParallelError(error) ? error.message.replace(`${errorCodeName(error.code)}: `, '') : String(error);
    io.stderr(`wasi-parallel bench: ${message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const progress = createProgress();
  let results: BenchResults;
  try {
    results = await runBenchFromArgs(args, progress.update, backends);
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
