import { describe, expect, it } from 'vitest';
import { median, ratio, summarize } from '@wasi-parallel/bench';

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

  it('summarises count, median, min and max', () => {
    expect(summarize([2, 8, 4, 6, 10])).toEqual({ count: 5, medianMs: 6, minMs: 2, maxMs: 10 });
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
