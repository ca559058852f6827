/** Summary of warm samples, in milliseconds. */
export interface SampleStats {
  readonly count: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** The median: the middle sample, or the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): SampleStats {
  if (samples.length === 0) throw new RangeError('no samples to summarise');
  for (const sample of samples) {
    if (!Number.isFinite(sample) || sample < 0) throw new RangeError(`a sample must be a finite time ≥ 0, got ${sample}`);
  }
  return { count: samples.length, medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples) };
}

/** `time / best`, or undefined when either is missing or best is not positive. */
export function ratio(time: number | undefined, best: number | undefined): number | undefined {
  if (time === undefined || best === undefined || !(best > 0)) return undefined;
  return time / best;
}
