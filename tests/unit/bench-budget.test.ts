import { describe, expect, it } from 'vitest';
import { atLeast, atMost, ratioAtLeast, ratioAtMost, summarise, type BudgetResult } from '../../bench/lib/budget.ts';

describe('bench budget verdicts', () => {
  it('atMost passes at and below the limit', () => {
    expect(atMost(900, 900)).toBe('PASS');
    expect(atMost(899.9, 900)).toBe('PASS');
    expect(atMost(900.1, 900)).toBe('MISS');
  });

  it('atLeast passes at and above the limit', () => {
    expect(atLeast(1, 1)).toBe('PASS');
    expect(atLeast(0.99, 1)).toBe('MISS');
  });

  it('is n/a when nothing was measured', () => {
    expect(atMost(undefined, 1)).toBe('n/a');
    expect(atLeast(Number.NaN, 1)).toBe('n/a');
    expect(ratioAtMost(1, undefined, 1.5)).toBe('n/a');
    expect(ratioAtMost(undefined, 1, 1.5)).toBe('n/a');
  });

  it('compares ratios to the baseline', () => {
    expect(ratioAtMost(150, 100, 1.5)).toBe('PASS');
    expect(ratioAtMost(151, 100, 1.5)).toBe('MISS');
    expect(ratioAtMost(120, 100, 1.2)).toBe('PASS');
    expect(ratioAtLeast(0.9, 0.9, 1)).toBe('PASS');
    expect(ratioAtLeast(0.89, 0.9, 1)).toBe('MISS');
  });

  it('treats a baseline score of 0 as met by any score', () => {
    expect(ratioAtLeast(0, 0, 1)).toBe('PASS');
    expect(ratioAtLeast(0.5, 0, 1)).toBe('PASS');
    expect(ratioAtLeast(undefined, 0, 1)).toBe('n/a');
  });

  it('summarises verdicts and names the misses', () => {
    const r = (name: string, verdict: BudgetResult['verdict']): BudgetResult => ({ name, rule: '', measured: '', verdict });
    expect(summarise([r('a', 'PASS'), r('b', 'MISS'), r('c', 'n/a'), r('d', 'MISS')])).toEqual({ pass: 1, miss: 2, na: 1, missed: ['b', 'd'] });
    expect(summarise([])).toEqual({ pass: 0, miss: 0, na: 0, missed: [] });
  });
});
