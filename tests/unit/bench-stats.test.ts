import { describe, expect, it } from 'vitest';
import { deltas, median, percentile, ratio } from '../../bench/lib/stats.ts';

describe('bench stats', () => {
  it('interpolates percentiles between closest ranks (numpy default)', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(
      percentile(
        Array.from({ length: 101 }, (_, i) => i),
        95,
      ),
    ).toBe(95);
  });

  it('takes the median of odd and even counts, ignoring NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5, 1, 4, 2])).toBe(3);
    expect(median([7, Number.NaN])).toBe(7);
    expect(median([42])).toBe(42);
  });

  it('returns undefined for no values', () => {
    expect(median([])).toBeUndefined();
    expect(percentile([Number.NaN], 95)).toBeUndefined();
  });

  it('rejects percentiles outside 0–100', () => {
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('turns frame timestamps into frame times', () => {
    expect(deltas([0, 16, 33, 50])).toEqual([16, 17, 17]);
    expect(deltas([5])).toEqual([]);
    expect(deltas([])).toEqual([]);
  });

  it('divides by a positive baseline only', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(1, -1)).toBeUndefined();
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(2, undefined)).toBeUndefined();
    expect(ratio(Number.POSITIVE_INFINITY, 2)).toBeUndefined();
  });
});
