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
  /** Smallest first. */
  readonly sizes: readonly SizeName[];
  readonly plans: Readonly<Partial<Record<SizeName, SamplePlan>>>;
  readonly out: string | undefined;
  readonly markdown: string | undefined;
  /** Where to write the dashboard page. */
  readonly html: string | undefined;
  /** Run the conformance suite on every backend too (the dashboard's fidelity matrix). */
  readonly conformance: boolean;
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
  --size S[,S…]        problem sizes, small|medium|large (default: small; large = the issue's
                       target sizes); several run one after another into the same results
  --warmup N           untimed warm-up samples (default: per size; medium and large also
                       warm up for at least 200 or 500 ms)
  --reps N             timed samples (default: per size; medium and large also sample until
                       the timed samples add up to 200 or 500 ms). Given counts are exact.
  --budget SECONDS     a row's time budget: past it, no more warm-up and at least 3 timed
                       samples (default: 10 small, 20 medium, 30 large)
  --timeout SECONDS    end a runner whose one measurement takes longer (default: 300)
  --out FILE           write the results as JSON (schema: schema/results-v2.schema.json)
  --markdown FILE      write the table as markdown too
  --html FILE          write the dashboard: one self-contained page (docs/dashboard.md)
  --conformance        also run the conformance suite on every backend, for the dashboard's
                       fidelity matrix (stored under \`fidelity\` in the JSON)
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

const VALUE_OPTIONS = ['kernels', 'backends', 'baselines', 'size', 'warmup', 'reps', 'budget', 'out', 'markdown', 'html', 'timeout'];

/** The plan for one size: its defaults, or the counts given by hand. */
function planFor(size: SizeName, values: ReadonlyMap<string, string>): SamplePlan {
  const defaults = DEFAULT_PLANS[size];
  return {
    warmup: values.has('warmup') ? count('--warmup', values.get('warmup')!, 0) : defaults.warmup,
    repetitions: values.has('reps') ? count('--reps', values.get('reps')!, 1) : defaults.repetitions,
    budgetMs: values.has('budget') ? count('--budget', values.get('budget')!, 1) * 1000 : defaults.budgetMs!,
    // Counts given by hand are taken as they are.
    ...(defaults.minTimeMs !== undefined && !values.has('reps') && !values.has('warmup') ? { minTimeMs: defaults.minTimeMs } : {}),
  };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  let help = false;
  let conformance = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--conformance') {
      conformance = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !VALUE_OPTIONS.includes(match[1]!)) throw usage(`unknown argument \`${arg}\``);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw usage(`${arg} needs a value`);
    values.set(match[1]!, value);
  }
  const sizeNames = list(values.get('size') ?? 'small');
  for (const size of sizeNames) if (!(SIZE_NAMES as readonly string[]).includes(size)) throw usage(`--size takes ${SIZE_NAMES.join(', ')} (comma-separated), got \`${size}\``);
  if (sizeNames.length === 0) throw usage('--size names no size');
  const sizes = SIZE_NAMES.filter((size) => sizeNames.includes(size));
  const kernelIds = values.has('kernels') ? list(values.get('kernels')!) : KERNEL_SUITE.map((kernel) => kernel.id);
  const kernels = kernelIds.map((id) => kernelById(id) ?? (() => { throw usage(`unknown kernel \`${id}\``); })());
  const baselineText = values.get('baselines');
  const baselines = baselineText === undefined ? [...BASELINE_NAMES] : baselineText === 'none' ? [] : list(baselineText);
  for (const name of baselines) if (!(BASELINE_NAMES as readonly string[]).includes(name)) throw usage(`unknown baseline \`${name}\``);
  return {
    help,
    kernels,
    backends: values.has('backends') ? list(values.get('backends')!).map(parseBackendSelection) : undefined,
    baselines: baselines as BaselineName[],
    sizes,
    plans: Object.fromEntries(sizes.map((size) => [size, planFor(size, values)])),
    out: values.get('out'),
    markdown: values.get('markdown'),
    html: values.get('html'),
    conformance,
    timeoutMs: (values.has('timeout') ? count('--timeout', values.get('timeout')!, 1) : 300) * 1000,
  };
}
