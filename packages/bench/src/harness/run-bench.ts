import { isWasiParallelError } from '@wasi-parallel/core';
import { buildKernels } from '../build/build-kernels.js';
import { CaseData, checkFailuresOf } from '../guest/case-data.js';
import type { BenchResults, FidelityRun, KernelInfo, ResultRow, RunnerInfo } from '../results/bench-results.js';
import { RESULTS_SCHEMA_VERSION } from '../results/bench-results.js';
import { machineInfo, toolVersions } from '../results/machine-info.js';
import type { BenchRunner, SamplePlan, Variant } from '../runners/runner.js';
import { BOOTSTRAP } from '../stats/bootstrap.js';
import { summarize } from '../stats/statistics.js';
import { SIZE_NAMES, type KernelCase, type KernelSpec, type SizeName } from '../suite/kernel-spec.js';
import { benchFrontEnd } from './front-end-bench.js';
import { withDerivedFigures } from './derived-figures.js';

export interface BenchOptions {
  readonly kernels: readonly KernelSpec[];
  readonly runners: readonly BenchRunner[];
  /** Runners that could not even be created (a backend that is not registered), with why. */
  readonly unavailable?: readonly { name: string; role: 'backend' | 'baseline'; reason: string }[];
  /** Every kernel runs at each size, smallest first whatever the order given. */
  readonly sizes: readonly SizeName[];
  /** The sampling plan of each size in `sizes`. */
  readonly plans: Readonly<Partial<Record<SizeName, SamplePlan>>>;
  /** Also run the conformance suite on every backend runner, for the fidelity matrix. */
  readonly fidelity?: boolean;
  /** Called before each measurement and once more at the end (`done === total`). */
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

function failureRow(base: Omit<ResultRow, 'status'>, error: unknown): ResultRow {
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, status: 'failed', reason: message.split('\n')[0]!, ...(isWasiParallelError(error) ? { errorCode: error.code } : {}) };
}

async function measureRow(runner: BenchRunner, data: CaseData, variant: Variant, plan: SamplePlan): Promise<ResultRow> {
  const { kernel, size } = data.kernelCase;
  const base = { kernel: kernel.id, size, runner: runner.name, role: runner.role, variant } as const;
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
      ...(measurement.deviceReport ? { deviceReport: measurement.deviceReport } : {}),
    };
  } catch (error) {
    return failureRow(base, error);
  }
}

function kernelInfo(kernelCase: KernelCase): KernelInfo {
  return {
    id: kernelCase.kernel.id,
    size: kernelCase.size,
    description: kernelCase.kernel.description,
    label: kernelCase.label,
    numIterations: kernelCase.numIterations,
    blockSize: kernelCase.blockSize,
    bufferBytes: kernelCase.buffers.map((buffer) => buffer.bytes),
    ...(kernelCase.bytesMoved !== undefined ? { bytesMoved: kernelCase.bytesMoved } : {}),
  };
}

async function runFidelity(runners: readonly BenchRunner[]): Promise<FidelityRun[]> {
  const runs: FidelityRun[] = [];
  for (const runner of runners) {
    if (!runner.fidelity) continue;
    try {
      const outcome = await runner.fidelity();
      runs.push('reason' in outcome ? { runner: runner.name, available: false, reason: outcome.reason, cases: [] } : { runner: runner.name, available: true, cases: outcome.cases });
    } catch (error) {
      runs.push({ runner: runner.name, available: false, reason: (error as Error).message.split('\n')[0]!, cases: [] });
    }
  }
  return runs;
}

/**
 * Runs every kernel at every size on every runner in every variant the runner accepts, all on
 * the same inputs (made by the guest's C `init`), and checks each result with the guest's C
 * `check`. A runner that cannot open, or a run that throws, becomes a row with its reason.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  await buildKernels();
  const sizes = SIZE_NAMES.filter((size) => options.sizes.includes(size));
  for (const size of sizes) if (!options.plans[size]) throw new RangeError(`no sampling plan for size ${size}`);
  // Taken before anything runs: the load the run itself adds is not the machine's.
  const machine = machineInfo();
  const runnerInfo: RunnerInfo[] = (options.unavailable ?? []).map((entry) => ({ name: entry.name, role: entry.role, available: false, reason: entry.reason }));
  const cases = sizes.flatMap((size) => options.kernels.map((kernel) => kernel.caseFor(size)));
  const open: BenchRunner[] = [];
  for (const runner of options.runners) {
    try {
      await runner.open();
      open.push(runner);
      const description = runner.describe();
      runnerInfo.push({ name: runner.name, role: runner.role, available: true, description, ...(description.emulated === true ? { emulated: true } : {}) });
    } catch (error) {
      runnerInfo.push({ name: runner.name, role: runner.role, available: false, reason: (error as Error).message.split('\n')[0]! });
      await runner.close().catch(() => undefined);
    }
  }
  const total = open.length * cases.length;
  let done = 0;
  const rows: ResultRow[] = [];
  let fidelity: FidelityRun[] | undefined;
  // Kernel by kernel, every runner in turn: the rows that are compared with each other (one
  // kernel's at one size) are measured minutes apart at most, whatever else the machine is doing.
  try {
    for (const kernelCase of cases) {
      const data = new CaseData(kernelCase);
      for (const runner of open) {
        options.onProgress?.(done, total, `${kernelCase.kernel.id} ${kernelCase.size} · ${runner.name}`);
        const variants = runner.variants(kernelCase);
        if (typeof variants === 'string') {
          rows.push({ kernel: kernelCase.kernel.id, size: kernelCase.size, runner: runner.name, role: runner.role, variant: runner.primaryVariant, status: 'skipped', reason: variants });
        } else {
          for (const variant of variants) rows.push(await measureRow(runner, data, variant, options.plans[kernelCase.size]!));
        }
        done++;
      }
    }
    // After the timing, so conformance's own work never lands in a sample.
    if (options.fidelity) {
      options.onProgress?.(done, total, 'conformance');
      fidelity = await runFidelity(open);
    }
  } finally {
    await Promise.allSettled(open.map((runner) => runner.close()));
  }
  options.onProgress?.(total, total, 'done');
  const { kernels, results } = withDerivedFigures(cases.map(kernelInfo), rows);
  const plans = Object.fromEntries(sizes.map((size) => [size, options.plans[size]!]));
  const repetitions = Math.max(...sizes.map((size) => options.plans[size]!.repetitions));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    sizes,
    plans,
    statistics: BOOTSTRAP,
    machine,
    versions: await toolVersions(),
    runners: runnerInfo,
    kernels,
    results,
    frontEnd: await benchFrontEnd(options.kernels, repetitions),
    ...(fidelity ? { fidelity } : {}),
  };
}
