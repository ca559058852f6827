import { BOOTSTRAP, bootstrapMedianInterval, quantileOfSorted, type BootstrapMethod } from './bootstrap.js';

/**
 * Summary of warm samples, in milliseconds: where they sit (median), how far they spread
 * (quartiles, IQR, min/max) and how sure the median is (a bootstrap interval; see bootstrap.ts).
 */
export interface SampleStats {
  readonly count: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** First and third quartiles (linear interpolation, R type 7) and their difference. */
  readonly q1Ms: number;
  readonly q3Ms: number;
  readonly iqrMs: number;
  /** The median's bootstrap confidence interval (the run's `statistics` says which confidence). */
  readonly ciLowMs: number;
  readonly ciHighMs: number;
}

function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/** The median: the middle sample, or the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  return quantileOfSorted(sortedCopy(samples), 0.5);
}

export function summarize(samples: readonly number[], method: BootstrapMethod = BOOTSTRAP): SampleStats {
  if (samples.length === 0) throw new RangeError('no samples to summarise');
  for (const sample of samples) {
    if (!Number.isFinite(sample) || sample < 0) throw new RangeError(`a sample must be a finite time ≥ 0, got ${sample}`);
  }
  const sorted = sortedCopy(samples);
  const q1Ms = quantileOfSorted(sorted, 0.25);
  const q3Ms = quantileOfSorted(sorted, 0.75);
  const [ciLowMs, ciHighMs] = bootstrapMedianInterval(sorted, method);
  return {
    count: sorted.length,
    medianMs: quantileOfSorted(sorted, 0.5),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    q1Ms,
    q3Ms,
    iqrMs: q3Ms - q1Ms,
    ciLowMs,
    ciHighMs,
  };
}

/** `time / best`, or undefined when either is missing or best is not positive. */
export function ratio(time: number | undefined, best: number | undefined): number | undefined {
  if (time === undefined || best === undefined || !(best > 0)) return undefined;
  return time / best;
}

/** Two medians' change, and whether it is beyond the noise the two runs' samples show. */
export interface Change {
  /** (after − before) / before, as a fraction: −0.25 is 25 % faster. */
  readonly fraction: number;
  /**
   * The two medians' confidence intervals do not overlap: a conservative test (two intervals
   * that just overlap can still differ at a 5 % level), so a change called real is real.
   */
  readonly beyondNoise: boolean;
}

export function compareStats(before: SampleStats, after: SampleStats): Change {
  return {
    fraction: (after.medianMs - before.medianMs) / before.medianMs,
    beyondNoise: after.ciLowMs > before.ciHighMs || after.ciHighMs < before.ciLowMs,
  };
}
