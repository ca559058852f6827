/**
 * The bootstrap interval of a median: resample the samples with replacement, take each
 * resample's median, and read the interval off those medians' quantiles (the percentile
 * bootstrap, Efron & Tibshirani ch. 13). The generator is seeded with a constant, so the same
 * samples always give the same interval and a results file can be recomputed exactly.
 */

/** How every interval in a results file was computed; stored with the results. */
export interface BootstrapMethod {
  readonly resamples: number;
  readonly confidence: number;
  readonly seed: number;
}

export const BOOTSTRAP: BootstrapMethod = { resamples: 1000, confidence: 0.95, seed: 0x5eed_ba5e };

/** mulberry32: a small, fast 32-bit generator; plenty for drawing resample indices. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * The k-th smallest index drawn, from counts of how often each index was drawn: a resample of
 * sorted samples is itself sorted by index, so its order statistics are the samples at these
 * indices. O(n) a resample instead of a sort.
 */
function indexAtRank(counts: Int32Array, rank: number): number {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen > rank) return i;
  }
  return counts.length - 1;
}

/** The `confidence` interval of the median of `sorted` (ascending), as [low, high]. */
export function bootstrapMedianInterval(sorted: readonly number[], method: BootstrapMethod = BOOTSTRAP): [number, number] {
  const n = sorted.length;
  if (n === 0) throw new RangeError('bootstrap of no samples');
  const random = mulberry32(method.seed);
  const counts = new Int32Array(n);
  const medians = new Float64Array(method.resamples);
  const lower = (n - 1) >> 1;
  const upper = n >> 1;
  for (let b = 0; b < method.resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
    const low = sorted[indexAtRank(counts, lower)]!;
    medians[b] = lower === upper ? low : (low + sorted[indexAtRank(counts, upper)]!) / 2;
  }
  medians.sort();
  const tail = (1 - method.confidence) / 2;
  return [quantileOfSorted(medians, tail), quantileOfSorted(medians, 1 - tail)];
}

/**
 * The q-quantile of ascending values by linear interpolation between order statistics (R's
 * type 7, numpy's default): q = 0.5 is the usual median.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no samples');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
