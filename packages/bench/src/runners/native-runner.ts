import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { BufferAccessKind } from '@wasi-parallel/core';
import { NATIVE_DRIVER_O3_PATH, NATIVE_DRIVER_PATH } from '../build/artifact-paths.js';
import { NATIVE_FLAGS, NATIVE_O3_FLAGS } from '../build/toolchain.js';
import type { CaseData } from '../guest/case-data.js';
import type { BenchRunner, Measurement, SamplePlan, Variant } from './runner.js';

const run = promisify(execFile);

/** `seq`: iterations in order on one thread. `omp`: the same loop under `omp parallel for`. */
export type NativeMode = 'seq' | 'omp';

/** `O2`: gcc -O2 (the suite's first baseline); `O3`: -O3 -march=native -ffp-contract=off. */
export type NativeBuild = 'O2' | 'O3';

/** The row name of each native baseline. */
export function nativeRunnerName(mode: NativeMode, build: NativeBuild): string {
  return `native-${mode === 'seq' ? 'gcc' : 'openmp'}${build === 'O3' ? '-O3' : ''}`;
}

interface DriverReport {
  readonly coldMs: number;
  readonly samplesMs: number[];
  readonly threads: number;
  readonly checkFailures: number;
}

/**
 * OpenMP threads wait for work passively (OMP_WAIT_POLICY=passive) unless the caller's
 * environment says otherwise: on a machine with more runnable threads than cores, libgomp's
 * default spinning turned sub-millisecond loops into 8 ms ones (the spinner holds the core
 * the worker needs until the scheduler's next tick).
 *
 * Baselines: the suite's C loop bodies compiled natively (native/driver.c). The driver makes its
 * inputs with the same C `init`, times itself (a sample restores read_write buffers and runs all
 * iterations; the results are then in its own memory) and runs the same C check.
 */
export class NativeRunner implements BenchRunner {
  readonly role = 'baseline';
  readonly primaryVariant = 'native' as const;
  readonly name: string;

  readonly #driver: string;

  constructor(
    private readonly mode: NativeMode,
    private readonly build: NativeBuild = 'O2',
  ) {
    this.name = nativeRunnerName(mode, build);
    this.#driver = build === 'O3' ? NATIVE_DRIVER_O3_PATH : NATIVE_DRIVER_PATH;
  }

  async open(): Promise<void> {
    await access(this.#driver).catch(() => {
      throw new Error(`the native driver is not built (${this.#driver}); run \`npm run build\` in packages/bench`);
    });
  }

  variants(): readonly Variant[] {
    return ['native'];
  }

  async measure(data: CaseData, _variant: Variant, plan: SamplePlan): Promise<Measurement> {
    const { kernelCase } = data;
    const list = (values: readonly number[]): string => (values.length > 0 ? values.join(',') : '-');
    const args = [
      kernelCase.kernel.id,
      this.mode,
      String(kernelCase.numIterations),
      String(kernelCase.blockSize),
      String(plan.warmup),
      String(plan.repetitions),
      list(kernelCase.params),
      list(kernelCase.buffers.map((buffer) => buffer.bytes)),
      list(kernelCase.buffers.map((buffer) => (buffer.access === BufferAccessKind.READ_WRITE ? 1 : 0))),
    ];
    const waitPolicy = process.env.OMP_WAIT_POLICY || 'passive';
    const env = { ...process.env, OMP_WAIT_POLICY: waitPolicy, OMP_SCHEDULE: kernelCase.ompSchedule };
    const { stdout } = await run(this.#driver, args, { maxBuffer: 1024 * 1024, env });
    const report = JSON.parse(stdout) as DriverReport;
    return {
      coldMs: report.coldMs,
      samplesMs: report.samplesMs,
      checkFailures: report.checkFailures,
      notes: { threads: report.threads, ...(this.mode === 'omp' ? { ompWaitPolicy: waitPolicy, ompSchedule: kernelCase.ompSchedule } : {}) },
    };
  }

  describe(): Readonly<Record<string, string | number | boolean>> {
    const flags = this.build === 'O3' ? NATIVE_O3_FLAGS : NATIVE_FLAGS;
    return { compiler: 'gcc', flags: `${flags.join(' ')}${this.mode === 'omp' ? ' (omp parallel for, schedule from OMP_SCHEDULE per kernel)' : ' (sequential loop)'}` };
  }

  async close(): Promise<void> {}
}
