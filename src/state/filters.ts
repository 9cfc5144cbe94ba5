/**
 * Filters as pure predicates. A filter applies to the features that carry its
 * field and leaves the others (context such as routes and zones) in place:
 * filtering key projects by area does not hide the Silk Road.
 */
import type { BaseProps } from '../data/contract.ts';
import type { Filters } from './app-state.ts';

export function passesFilters(p: BaseProps, f: Filters): boolean {
  if (f.areas.length && p.area !== undefined && !f.areas.includes(p.area)) return false;
  if (f.direction !== 'all' && p.direction !== undefined && p.direction !== 'both' && p.direction !== f.direction) return false;
  if (f.statuses.length && p.status !== undefined && !f.statuses.includes(p.status)) return false;
  if (f.country && p.countries.length && !p.countries.includes(f.country)) return false;
  if (f.years && p.year_start !== undefined) {
    const end = p.year_end ?? p.year_start;
    if (end < f.years[0] || p.year_start > f.years[1]) return false;
  }
  return true;
}

export function isFiltering(f: Filters): boolean {
  return f.areas.length > 0 || f.direction !== 'all' || f.statuses.length > 0 || f.country !== null || f.years !== null;
}

/** Years covered by the data (for the year slider and its play button). */
export function yearExtent(props: readonly BaseProps[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of props) {
    if (p.year_start === undefined) continue;
    lo = Math.min(lo, p.year_start);
    hi = Math.max(hi, p.year_end ?? p.year_start);
  }
  return lo <= hi ? [lo, hi] : null;
}
