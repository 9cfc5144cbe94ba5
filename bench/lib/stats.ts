/**
 * Order statistics for the bench. Pure; no clock.
 */

/** Sorted copy, ascending, without NaN. */
function sorted(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
}

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks
 * (numpy's default, Excel's PERCENTILE.INC). `undefined` for no values.
 *
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const s = sorted(values);
  if (s.length === 0) return undefined;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

/** The median (50th percentile); `undefined` for no values. */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** Successive differences (frame times from requestAnimationFrame timestamps). */
export function deltas(timestamps: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < timestamps.length; i++) out.push(timestamps[i]! - timestamps[i - 1]!);
  return out;
}

/** `value / baseline`, or `undefined` when either is missing or the baseline is not positive. */
export function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
  if (value === undefined || baseline === undefined || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return undefined;
  return value / baseline;
}
