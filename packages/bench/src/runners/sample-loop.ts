import { performance } from 'node:perf_hooks';
import { MAX_SAMPLES, MIN_REPETITIONS, type SamplePlan } from './runner.js';

/** One timed sample: returns every buffer's bytes after the call, as the caller sees them. */
export type Sample = () => Promise<readonly Uint8Array[]>;

export interface TimedSamples {
  readonly coldMs: number;
  readonly samplesMs: number[];
  /** What the last sample returned: what the guest-side check reads. */
  readonly last: readonly Uint8Array[];
}

/**
 * Times `first` once (cold: whatever compiling and first-time setup it includes), then `warm`
 * `plan.warmup` times untimed and `plan.repetitions` times timed — more of each while they add
 * up to less than `plan.minTimeMs`, fewer when the row's budget runs out (see `SamplePlan`).
 */
export async function timeSamples(first: Sample, warm: Sample, plan: SamplePlan): Promise<TimedSamples> {
  const began = performance.now();
  const withinBudget = (): boolean => plan.budgetMs === undefined || performance.now() - began < plan.budgetMs;
  let start = performance.now();
  let last = await first();
  const coldMs = performance.now() - start;
  const minTimeMs = plan.minTimeMs ?? 0;
  const warmupStart = performance.now();
  for (let i = 0; i < MAX_SAMPLES && (i < plan.warmup || performance.now() - warmupStart < minTimeMs) && withinBudget(); i++) {
    last = await warm();
  }
  const samplesMs: number[] = [];
  const wanted = Math.min(plan.repetitions, MIN_REPETITIONS);
  let timedMs = 0;
  while (
    samplesMs.length < MAX_SAMPLES &&
    (samplesMs.length < plan.repetitions || timedMs < minTimeMs) &&
    (samplesMs.length < wanted || withinBudget())
  ) {
    start = performance.now();
    last = await warm();
    const sampleMs = performance.now() - start;
    samplesMs.push(sampleMs);
    timedMs += sampleMs;
  }
  return { coldMs, samplesMs, last };
}
