import { describe, expect, it } from 'vitest';
import { MIN_REPETITIONS, timeSamples } from '@wasi-parallel/bench';

/** A sample that takes at least `ms` and counts its calls. */
function slowSample(ms: number): { calls: () => number; sample: () => Promise<Uint8Array[]> } {
  let calls = 0;
  return {
    calls: () => calls,
    sample: async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return [Uint8Array.of(calls)];
    },
  };
}

describe('timeSamples', () => {
  it('takes one cold sample, the warm-ups, then every timed sample when there is no budget', async () => {
    const first = slowSample(0);
    const warm = slowSample(0);
    const timed = await timeSamples(first.sample, warm.sample, { warmup: 2, repetitions: 5 });
    expect(first.calls()).toBe(1);
    expect(warm.calls()).toBe(7);
    expect(timed.samplesMs).toHaveLength(5);
    // The last sample's output is what the check reads.
    expect(Array.from(timed.last[0]!)).toEqual([7]);
  });

  it('past its budget, skips the remaining warm-ups and stops at the minimum of timed samples', async () => {
    const first = slowSample(30);
    const warm = slowSample(30);
    // 30 ms cold, one warm-up starts inside the 50 ms budget, the second would not.
    const timed = await timeSamples(first.sample, warm.sample, { warmup: 2, repetitions: 10, budgetMs: 50 });
    expect(timed.samplesMs).toHaveLength(MIN_REPETITIONS);
    expect(warm.calls()).toBe(1 + MIN_REPETITIONS);
  });

  it('never takes more timed samples than asked, even under the minimum', async () => {
    const warm = slowSample(20);
    const timed = await timeSamples(warm.sample, warm.sample, { warmup: 0, repetitions: 1, budgetMs: 1 });
    expect(timed.samplesMs).toHaveLength(1);
  });

  it('keeps sampling short calls until warm-up and timed samples each add up to minTimeMs', async () => {
    const warm = slowSample(0);
    const timed = await timeSamples(warm.sample, warm.sample, { warmup: 1, repetitions: 2, minTimeMs: 40 });
    const timedMs = timed.samplesMs.reduce((sum, ms) => sum + ms, 0);
    expect(timedMs).toBeGreaterThanOrEqual(40);
    // Each sample is a timer turn (≈1 ms or more), so 40 ms takes more than the 2 asked for.
    expect(timed.samplesMs.length).toBeGreaterThan(2);
    expect(warm.calls()).toBeGreaterThan(1 + 1 + timed.samplesMs.length);
  });

  it('lets long samples stop at the repetitions asked for when they pass minTimeMs', async () => {
    const warm = slowSample(25);
    const timed = await timeSamples(warm.sample, warm.sample, { warmup: 0, repetitions: 2, minTimeMs: 20 });
    expect(timed.samplesMs).toHaveLength(2);
  });
});
