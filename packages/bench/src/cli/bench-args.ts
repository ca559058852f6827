import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { parseBackendSelection, type BackendSelection } from '../backends/backend-selection.js';
import { BASELINE_NAMES, type BaselineName } from '../harness/baselines.js';
import type { SamplePlan } from '../runners/runner.js';
import { KERNEL_SUITE, kernelById } from '../suite/kernel-suite.js';
import { SIZE_NAMES, type KernelSpec, type SizeName } from '../suite/kernel-spec.js';

export interface BenchArgs {
  readonly help: boolean;
  readonly kernels: readonly KernelSpec[];
  /** Undefined: every discovered backend. */
  readonly backends: readonly BackendSelection[] | undefined;
  readonly baselines: readonly BaselineName[];
  readonly size: SizeName;
  readonly plan: SamplePlan;
  readonly out: string | undefined;
  readonly markdown: string | undefined;
  /** Longest one measurement (or a runner's start) may take before its process is ended. */
  readonly timeoutMs: number;
}

/** Samples per size: large runs long kernels, so fewer of them fit the same minutes. */
export const DEFAULT_PLANS: Readonly<Record<SizeName, SamplePlan>> = {
  small: { warmup: 1, repetitions: 3, budgetMs: 10_000 },
  medium: { warmup: 2, repetitions: 5, budgetMs: 20_000, minTimeMs: 200 },
  large: { warmup: 2, repetitions: 7, budgetMs: 30_000, minTimeMs: 500 },
};

export const USAGE = `Usage: wasi-parallel bench [options]

Runs the kernel suite on every registered backend and on the baselines, on the same inputs,
checks every result with the kernel's own guest-side check, and prints a table.

  --kernels a,b,…      kernels to run (default: all): ${KERNEL_SUITE.map((kernel) => kernel.id).join(', ')}
  --backends a,b,…     backends by name, each optionally with init options:
                       name@key=value[@key=value…], e.g. threads@workers=1,threads@workers=2
                       (default: every backend that loads, default options)
  --baselines a,b,…|none  baselines (default: all): ${BASELINE_NAMES.join(', ')}
  --size small|medium|large  problem sizes (default: small; large = the issue's target sizes)
  --warmup N           untimed warm-up samples (default: per size; medium and large also
                       warm up for at least 200 or 500 ms)
  --reps N             timed samples (default: per size; medium and large also sample until
                       the timed samples add up to 200 or 500 ms). Given counts are exact.
  --budget SECONDS     a row's time budget: past it, no more warm-up and at least 3 timed
                       samples (default: 10 small, 20 medium, 30 large)
  --timeout SECONDS    end a runner whose one measurement takes longer (default: 300)
  --out FILE           write the results as JSON (schema: schema/results-v1.schema.json)
  --markdown FILE      write the table as markdown too
  --help               this text

Exit code: 0 when every run that happened passed its check, 1 when a check failed, 2 on bad usage.`;

function usage(message: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${message}; see --help`);
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function count(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw usage(`${flag} takes an integer ≥ ${min}, got \`${text}\``);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !['kernels', 'backends', 'baselines', 'size', 'warmup', 'reps', 'budget', 'out', 'markdown', 'timeout'].includes(match[1]!)) throw usage(`unknown argument \`${arg}\``);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw usage(`${arg} needs a value`);
    values.set(match[1]!, value);
  }
  const size = (values.get('size') ?? 'small') as SizeName;
  if (!SIZE_NAMES.includes(size)) throw usage(`--size must be one of ${SIZE_NAMES.join(', ')}, got \`${size}\``);
  const kernelIds = values.has('kernels') ? list(values.get('kernels')!) : KERNEL_SUITE.map((kernel) => kernel.id);
  const kernels = kernelIds.map((id) => kernelById(id) ?? (() => { throw usage(`unknown kernel \`${id}\``); })());
  const baselineText = values.get('baselines');
  const baselines = baselineText === undefined ? [...BASELINE_NAMES] : baselineText === 'none' ? [] : list(baselineText);
  for (const name of baselines) if (!(BASELINE_NAMES as readonly string[]).includes(name)) throw usage(`unknown baseline \`${name}\``);
  const defaults = DEFAULT_PLANS[size];
  return {
    help,
    kernels,
    backends: values.has('backends') ? list(values.get('backends')!).map(parseBackendSelection) : undefined,
    baselines: baselines as BaselineName[],
    size,
    plan: {
      warmup: values.has('warmup') ? count('--warmup', values.get('warmup')!, 0) : defaults.warmup,
      repetitions: values.has('reps') ? count('--reps', values.get('reps')!, 1) : defaults.repetitions,
      budgetMs: values.has('budget') ? count('--budget', values.get('budget')!, 1) * 1000 : defaults.budgetMs!,
      // Counts given by hand are taken as they are.
      ...(defaults.minTimeMs !== undefined && !values.has('reps') && !values.has('warmup') ? { minTimeMs: defaults.minTimeMs } : {}),
    },
    out: values.get('out'),
    markdown: values.get('markdown'),
    timeoutMs: (values.has('timeout') ? count('--timeout', values.get('timeout')!, 1) : 300) * 1000,
  };
}
