import { describe, expect, it } from 'vitest';
import { BOOTSTRAP, bootstrapMedianInterval, compareStats, median, quantileOfSorted, ratio, summarize } from '@wasi-parallel/bench';

describe('statistics', () => {
  it('takes the middle sample of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([9])).toBe(9);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('summarises count, median, min, max and the quartiles (linear interpolation, R type 7)', () => {
    expect(summarize([2, 8, 4, 6, 10])).toMatchObject({ count: 5, medianMs: 6, minMs: 2, maxMs: 10, q1Ms: 4, q3Ms: 8, iqrMs: 4 });
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('gives the median a bootstrap interval that holds it and is the same every time', () => {
    const samples = Array.from({ length: 101 }, (_, i) => ((i * 37) % 101) + 1); // 1…101, shuffled
    const stats = summarize(samples);
    expect(stats.medianMs).toBe(51);
    // The median of 101 samples spread evenly over 1…101 has a standard error of 101 / (2·√101) ≈ 5:
    // a 95 % interval of about ±10.
    expect(stats.ciLowMs).toBeGreaterThanOrEqual(38);
    expect(stats.ciLowMs).toBeLessThanOrEqual(45);
    expect(stats.ciHighMs).toBeGreaterThanOrEqual(57);
    expect(stats.ciHighMs).toBeLessThanOrEqual(64);
    // Seeded: the same samples in any order give exactly the same interval.
    expect(summarize([...samples].reverse())).toEqual(stats);
    // Another seed draws other resamples: the seed is what makes it repeatable.
    const roots = Array.from({ length: 50 }, (_, i) => Math.sqrt(i + 1));
    expect(bootstrapMedianInterval(roots, { ...BOOTSTRAP, seed: 1 })).not.toEqual(bootstrapMedianInterval(roots));
  });

  it('has an interval as wide as the data allows: none for one sample or identical samples', () => {
    expect(summarize([3])).toMatchObject({ q1Ms: 3, q3Ms: 3, iqrMs: 0, ciLowMs: 3, ciHighMs: 3 });
    expect(summarize([5, 5, 5, 5])).toMatchObject({ ciLowMs: 5, ciHighMs: 5 });
  });

  it('calls a change beyond the noise only when the two medians’ intervals do not overlap', () => {
    const before = summarize([10, 10.2, 9.9, 10.1, 10, 10.3, 9.8]);
    const faster = summarize([8, 8.1, 7.9, 8.2, 8, 7.8, 8.1]);
    const same = summarize([10.1, 9.9, 10.2, 10, 10.4, 9.7, 10]);
    expect(compareStats(before, faster).fraction).toBeCloseTo(-0.2, 9);
    expect(compareStats(before, faster).beyondNoise).toBe(true);
    expect(compareStats(before, same).beyondNoise).toBe(false);
  });

  it('rejects no samples and samples that are not times', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
    expect(() => summarize([1, -2])).toThrow(RangeError);
  });

  it('divides by the best time only when both are there', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(3, undefined)).toBeUndefined();
    expect(ratio(3, 0)).toBeUndefined();
  });
});
