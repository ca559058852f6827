import { parseArgs } from 'node:util';
import { ErrorCode, groupBackendOptions, parseBackendOptionAssignment, WasiParallelError } from '@wasi-parallel/core';
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
  /** `--backend-option BACKEND.KEY=VALUE`, grouped by backend: applied to every row of that backend. */
  readonly backendOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
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
                       (default: every backend that loads, default options). A name that
                       is not registered is an error.
  --backend-package NAME|PATH  load a backend package too (as for every wasi-parallel
                       command; also WASI_PARALLEL_BACKENDS and wasi-parallel.config.json)
  --backend-option BACKEND.KEY=VALUE  an init option for every row of one backend, as for
                       \`wasi-parallel run\` (e.g. threads.workers=4). Repeatable.
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
  --out FILE           write the results as JSON (schema: schema/results-v2.schema.json);
                       its directory must exist (checked before the run)
  --markdown FILE      write the table as markdown too (likewise checked first)
  --html FILE          write the dashboard: one self-contained page (docs/dashboard.md;
                       likewise checked first)
  --conformance        also run the conformance suite on every backend, for the dashboard's
                       fidelity matrix (stored under \`fidelity\` in the JSON)
  --help               this text

Exit code: 0 when every run that happened passed its check, 1 when a check failed, 2 on bad usage.`;

/** A usage mistake: INVALID_ARGUMENT, exit 2 from `runBenchCli`. */
export function usage(message: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${message}; see wasi-parallel bench --help`);
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function count(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw usage(`${flag} takes an integer ≥ ${min}, got \`${text}\``);
  return value;
}

const OPTIONS = {
  kernels: { type: 'string' },
  backends: { type: 'string' },
  'backend-option': { type: 'string', multiple: true },
  baselines: { type: 'string' },
  size: { type: 'string' },
  warmup: { type: 'string' },
  reps: { type: 'string' },
  budget: { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  markdown: { type: 'string' },
  html: { type: 'string' },
  conformance: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Strict `node:util` parsing; its several-line messages become one line naming the option. */
function parseFlags(argv: readonly string[]): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'] {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usage(`unknown option \`${option}\``);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw usage(`unexpected argument \`${/'([^']*)'/.exec(message)?.[1] ?? ''}\``);
    if (message.includes('does not take an argument')) throw usage(`${option} takes no value`);
    throw usage(`${option} needs a value`);
  }
}

type Flags = ReturnType<typeof parseFlags>;

/** The plan for one size: its defaults, or the counts given by hand. */
function planFor(size: SizeName, values: Flags): SamplePlan {
  const defaults = DEFAULT_PLANS[size];
  return {
    warmup: values.warmup !== undefined ? count('--warmup', values.warmup, 0) : defaults.warmup,
    repetitions: values.reps !== undefined ? count('--reps', values.reps, 1) : defaults.repetitions,
    budgetMs: values.budget !== undefined ? count('--budget', values.budget, 1) * 1000 : defaults.budgetMs!,
    // Counts given by hand are taken as they are.
    ...(defaults.minTimeMs !== undefined && values.reps === undefined && values.warmup === undefined ? { minTimeMs: defaults.minTimeMs } : {}),
  };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const values = parseFlags(argv);
  const sizeNames = list(values.size ?? 'small');
  for (const size of sizeNames) if (!(SIZE_NAMES as readonly string[]).includes(size)) throw usage(`--size takes ${SIZE_NAMES.join(', ')} (comma-separated), got \`${size}\``);
  if (sizeNames.length === 0) throw usage('--size names no size');
  const sizes = SIZE_NAMES.filter((size) => sizeNames.includes(size));
  const kernelIds = values.kernels !== undefined ? list(values.kernels) : KERNEL_SUITE.map((kernel) => kernel.id);
  const kernels = kernelIds.map((id) => kernelById(id) ?? (() => { throw usage(`unknown kernel \`${id}\``); })());
  const baselineText = values.baselines;
  const baselines = baselineText === undefined ? [...BASELINE_NAMES] : baselineText === 'none' ? [] : list(baselineText);
  for (const name of baselines) if (!(BASELINE_NAMES as readonly string[]).includes(name)) throw usage(`unknown baseline \`${name}\``);
  return {
    help: values.help === true,
    kernels,
    backends: values.backends !== undefined ? list(values.backends).map(parseBackendSelection) : undefined,
    backendOptions: groupBackendOptions((values['backend-option'] ?? []).map(parseBackendOptionAssignment)),
    baselines: baselines as BaselineName[],
    sizes,
    plans: Object.fromEntries(sizes.map((size) => [size, planFor(size, values)])),
    out: values.out,
    markdown: values.markdown,
    html: values.html,
    conformance: values.conformance === true,
    timeoutMs: (values.timeout !== undefined ? count('--timeout', values.timeout, 1) : 300) * 1000,
  };
}
