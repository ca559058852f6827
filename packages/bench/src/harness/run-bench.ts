import { isWasiParallelError } from '@wasi-parallel/core';
import { buildKernels } from '../build/build-kernels.js';
import { CaseData, checkFailuresOf } from '../guest/case-data.js';
import type { BenchResults, KernelInfo, ResultRow, RunnerInfo } from '../results/bench-results.js';
import { RESULTS_SCHEMA_VERSION } from '../results/bench-results.js';
import { machineInfo, toolVersions } from '../results/machine-info.js';
import type { BenchRunner, SamplePlan, Variant } from '../runners/runner.js';
import { ratio, summarize } from '../stats/statistics.js';
import type { KernelSpec, SizeName } from '../suite/kernel-spec.js';
import { benchFrontEnd } from './front-end-bench.js';
import { NATIVE_BASELINES } from './baselines.js';

export interface BenchOptions {
  readonly kernels: readonly KernelSpec[];
  readonly runners: readonly BenchRunner[];
  /** Runners that could not even be created (a backend that is not registered), with why. */
  readonly unavailable?: readonly { name: string; role: 'backend' | 'baseline'; reason: string }[];
  readonly size: SizeName;
  readonly plan: SamplePlan;
  /** Called before each measurement and once more at the end (`done === total`). */
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

function failureRow(base: Omit<ResultRow, 'status'>, error: unknown): ResultRow {
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, status: 'failed', reason: message.split('\n')[0]!, ...(isWasiParallelError(error) ? { errorCode: error.code } : {}) };
}

async function measureRow(runner: BenchRunner, data: CaseData, variant: Variant, plan: SamplePlan): Promise<ResultRow> {
  const base = { kernel: data.kernelCase.kernel.id, runner: runner.name, role: runner.role, variant } as const;
  try {
    const measurement = await runner.measure(data, variant, plan);
    const checkFailures = await checkFailuresOf(measurement, data);
    return {
      ...base,
      status: checkFailures === 0 ? 'ok' : 'check-failed',
      ...(checkFailures === 0 ? {} : { reason: `the guest-side check found ${checkFailures} wrong element(s)` }),
      coldMs: measurement.coldMs,
      warm: summarize(measurement.samplesMs),
      samplesMs: measurement.samplesMs,
      checkFailures,
      ...(measurement.notes ? { notes: measurement.notes } : {}),
    };
  } catch (error) {
    return failureRow(base, error);
  }
}

/** The faster passing native baseline per kernel: what every ratio divides by. */
function bestNative(rows: readonly ResultRow[], kernel: string): { ms: number; runner: string } | undefined {
  let best: { ms: number; runner: string } | undefined;
  for (const row of rows) {
    if (row.kernel !== kernel || row.status !== 'ok' || !row.warm || !NATIVE_BASELINES.includes(row.runner)) continue;
    if (!best || row.warm.medianMs < best.ms) best = { ms: row.warm.medianMs, runner: row.runner };
  }
  return best;
}

/**
 * Runs every kernel on every runner in every variant the runner accepts, all on the same inputs
 * (made by the guest's C `init`), and checks each result with the guest's C `check`. A runner
 * that cannot open, or a run that throws, becomes a row with its reason.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  await buildKernels();
  const { plan } = options;
  // Taken before anything runs: the load the run itself adds is not the machine's.
  const machine = machineInfo();
  const runnerInfo: RunnerInfo[] = (options.unavailable ?? []).map((entry) => ({ name: entry.name, role: entry.role, available: false, reason: entry.reason }));
  const cases = options.kernels.map((kernel) => kernel.caseFor(options.size));
  const open: BenchRunner[] = [];
  for (const runner of options.runners) {
    try {
      await runner.open();
      open.push(runner);
      runnerInfo.push({ name: runner.name, role: runner.role, available: true, description: runner.describe() });
    } catch (error) {
      runnerInfo.push({ name: runner.name, role: runner.role, available: false, reason: (error as Error).message.split('\n')[0]! });
      await runner.close().catch(() => undefined);
    }
  }
  const total = open.length * cases.length;
  let done = 0;
  const rows: ResultRow[] = [];
  // Kernel by kernel, every runner in turn: the rows that are compared with each other (one
  // kernel's) are measured minutes apart at most, whatever else the machine is doing that hour.
  try {
    for (const kernelCase of cases) {
      const data = new CaseData(kernelCase);
      for (const runner of open) {
        options.onProgress?.(done, total, `${kernelCase.kernel.id} · ${runner.name}`);
        const variants = runner.variants(kernelCase);
        if (typeof variants === 'string') {
          rows.push({ kernel: kernelCase.kernel.id, runner: runner.name, role: runner.role, variant: runner.primaryVariant, status: 'skipped', reason: variants });
        } else {
          for (const variant of variants) rows.push(await measureRow(runner, data, variant, plan));
        }
        done++;
      }
    }
  } finally {
    await Promise.allSettled(open.map((runner) => runner.close()));
  }
  options.onProgress?.(total, total, 'done');

  const kernels: KernelInfo[] = cases.map((kernelCase) => {
    const best = bestNative(rows, kernelCase.kernel.id);
    return {
      id: kernelCase.kernel.id,
      description: kernelCase.kernel.description,
      label: kernelCase.label,
      numIterations: kernelCase.numIterations,
      blockSize: kernelCase.blockSize,
      bufferBytes: kernelCase.buffers.map((buffer) => buffer.bytes),
      ...(kernelCase.bytesMoved !== undefined ? { bytesMoved: kernelCase.bytesMoved } : {}),
      ...(best ? { bestNativeMs: best.ms, bestNativeRunner: best.runner } : {}),
    };
  });

  const withRatios = rows.map((row): ResultRow => {
    const best = kernels.find((kernel) => kernel.id === row.kernel)?.bestNativeMs;
    const value = row.status === 'ok' ? ratio(row.warm?.medianMs, best) : undefined;
    return value === undefined ? row : { ...row, ratioToBestNative: value };
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    size: options.size,
    plan,
    machine,
    versions: await toolVersions(),
    runners: runnerInfo,
    kernels,
    results: withRatios,
    frontEnd: await benchFrontEnd(options.kernels, plan.repetitions),
  };
}
