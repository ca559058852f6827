import { performance } from 'node:perf_hooks';
import { MIN_REPETITIONS, type SamplePlan } from './runner.js';

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
 * `plan.warmup` times untimed and `plan.repetitions` times timed — fewer when the row's budget
 * runs out (see `SamplePlan.budgetMs`).
 */
export async function timeSamples(first: Sample, warm: Sample, plan: SamplePlan): Promise<TimedSamples> {
  const began = performance.now();
  const withinBudget = (): boolean => plan.budgetMs === undefined || performance.now() - began < plan.budgetMs;
  let start = performance.now();
  let last = await first();
  const coldMs = performance.now() - start;
  for (let i = 0; i < plan.warmup && withinBudget(); i++) last = await warm();
  const samplesMs: number[] = [];
  const wanted = Math.min(plan.repetitions, MIN_REPETITIONS);
  while (samplesMs.length < plan.repetitions && (samplesMs.length < wanted || withinBudget())) {
    start = performance.now();
    last = await warm();
    samplesMs.push(performance.now() - start);
  }
  return { coldMs, samplesMs, last };
}
