/**
 * Budget verdicts: a measured value against a limit, printed as PASS / MISS
 * (or n/a when the value could not be measured). The bench never fails on a
 * verdict; these only label the numbers.
 */
import { ratio } from './stats.ts';

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export interface BudgetResult {
  /** What is budgeted, e.g. "transferred before interactive". */
  name: string;
  /** The rule as text, e.g. "≤ 900 KB". */
  rule: string;
  /** The measured value as text, e.g. "812 KB". */
  measured: string;
  verdict: Verdict;
}

/** PASS when `value ≤ limit`. */
export function atMost(value: number | undefined, limit: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'PASS' : 'MISS';
}

/** PASS when `value ≥ limit`. */
export function atLeast(value: number | undefined, limit: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value >= limit ? 'PASS' : 'MISS';
}

/** PASS when `value ≤ factor × baseline` (e.g. time to first frame ≤ 1.5× the baseline's). */
export function ratioAtMost(value: number | undefined, baseline: number | undefined, factor: number): Verdict {
  const r = ratio(value, baseline);
  return r === undefined ? 'n/a' : atMost(r, factor);
}

/** PASS when `value ≥ factor × baseline` (e.g. a Lighthouse score at least the baseline's). */
export function ratioAtLeast(value: number | undefined, baseline: number | undefined, factor: number): Verdict {
  const r = ratio(value, baseline);
  if (r === undefined) {
    // A baseline score of 0 is met by any score.
    return value !== undefined && baseline === 0 ? 'PASS' : 'n/a';
  }
  return atLeast(r, factor);
}

/** Counts of each verdict, and the names of the missed budgets. */
export function summarise(results: readonly BudgetResult[]): { pass: number; miss: number; na: number; missed: string[] } {
  return {
    pass: results.filter((r) => r.verdict === 'PASS').length,
    miss: results.filter((r) => r.verdict === 'MISS').length,
    na: results.filter((r) => r.verdict === 'n/a').length,
    missed: results.filter((r) => r.verdict === 'MISS').map((r) => r.name),
  };
}
