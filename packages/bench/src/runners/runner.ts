import type { CaseData } from '../guest/case-data.js';
import type { FidelityCase } from '../results/bench-results.js';
import type { KernelCase } from '../suite/kernel-spec.js';

/** How many samples a measurement takes: one cold, `warmup` discarded, `repetitions` kept. */
export interface SamplePlan {
  readonly warmup: number;
  readonly repetitions: number;
  /**
   * A row's time budget in ms: once it is spent, no more warm-up samples start and timed ones
   * stop at MIN_REPETITIONS, so a runner that takes seconds a call (a software GPU) still
   * finishes. Absent: no budget. The native driver, fast on every kernel, takes the full plan.
   */
  readonly budgetMs?: number;
  /**
   * Samples of microseconds are noise one by one: warm-up continues until it has run this long
   * and timed samples until they add up to it (within the budget, at most MAX_SAMPLES), so a
   * row's median rests on enough samples whatever the kernel costs. Absent: counts alone.
   */
  readonly minTimeMs?: number;
}

/** The most warm-up or timed samples one row takes, however short they are. */
export const MAX_SAMPLES = 20_000;

/** Timed samples a row gets even past its budget, so its median means something. */
export const MIN_REPETITIONS = 3;

/** What a runner hands back for one kernel case and variant. */
export interface Measurement {
  /** The first call, compile and first-time setup included. */
  readonly coldMs: number;
  /** Warm samples, each from dispatch through results visible to the caller. */
  readonly samplesMs: readonly number[];
  /** Every buffer's bytes after the last sample; the harness runs the guest-side check on them. */
  readonly outputs?: readonly Uint8Array[];
  /** Set instead of `outputs` by a runner that ran the same guest-side check itself (the native driver). */
  readonly checkFailures?: number;
  /** e.g. threads used, the device that ran it. */
  readonly notes?: Readonly<Record<string, string | number>>;
  /** What the device said about the last sample's call (HostRunner: the `DispatchResult`, flattened). */
  readonly deviceReport?: DeviceReport;
}

/**
 * A device's own account of a call, e.g. an FPGA simulator's pipeline report (II, cycles,
 * estimated time at its clock) or a GPU's measured cycles: nested objects flattened to dotted
 * keys (`loops.0.ii`). Fields whose name ends in `Ms` are times in ms the dashboard draws next
 * to the measured median.
 */
export type DeviceReport = Readonly<Record<string, string | number | boolean>>;

/** A row's variant: the wasm build it ran, or the runner's own code (native C, gpu.js JS). */
export type Variant = 'scalar' | 'simd' | 'native' | 'js';

/**
 * Anything that can run the suite: every registered backend (through the same Host API) and
 * every baseline (native gcc, native OpenMP, one-thread wasm, gpu.js) sit behind this one
 * interface, so the harness never branches on which one it holds.
 */
export interface BenchRunner {
  /** Row name in the table and JSON, e.g. `sequential`, `threads@workers=2`, `native-openmp`. */
  readonly name: string;
  readonly role: 'backend' | 'baseline';
  /** The variant a row names when this runner skips a kernel altogether. */
  readonly primaryVariant: Variant;
  /** Probes once; a rejection's message is the reason the runner is reported unavailable. */
  open(): Promise<void>;
  /** The variants this runner runs `kernelCase` in; a string is the reason it cannot run it at all. */
  variants(kernelCase: KernelCase): readonly Variant[] | string;
  /** One row: cold, warm-up and timed samples of `data.kernelCase` (inputs from `data.inputs()`). */
  measure(data: CaseData, variant: Variant, plan: SamplePlan): Promise<Measurement>;
  /** Facts for the JSON: versions, device, options; `emulated: true` when the device is software standing in for its kind. */
  describe(): Readonly<Record<string, string | number | boolean>>;
  /** Backends only: the conformance suite on this runner's backend, with the same options (`--conformance`). */
  fidelity?(): Promise<FidelityOutcome>;
  close(): Promise<void>;
}

/** What `fidelity()` gives: every case's result, or why the suite could not run at all. */
export type FidelityOutcome = { readonly cases: readonly FidelityCase[] } | { readonly reason: string };
