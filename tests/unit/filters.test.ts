import { describe, expect, it } from 'vitest';
import { isFiltering, passesFilters, yearExtent } from '../../src/state/filters.ts';
import { EMPTY_FILTERS, type Filters } from '../../src/state/app-state.ts';
import type { BaseProps } from '../../src/data/contract.ts';

const props = (p: Partial<BaseProps>): BaseProps => ({
  id: 'x',
  layer: 'projects',
  name_en: 'x',
  name_zh: '甲',
  summary_en: '',
  summary_zh: '',
  precision: 'city',
  sources: [],
  countries: [],
  places: [],
  related: [],
  ...p,
});
const f = (x: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, ...x });

describe('filters', () => {
  it.each([
    ['no filter passes everything', props({ area: 3 }), f({}), true],
    ['area match', props({ area: 5 }), f({ areas: [5, 2] }), true],
    ['area mismatch', props({ area: 5 }), f({ areas: [2] }), false],
    ['area filter leaves features without an area', props({ layer: 'directions' }), f({ areas: [2] }), true],
    ['direction mismatch', props({ direction: 'belt' }), f({ direction: 'maritime' }), false],
    ['direction both passes', props({ direction: 'both' }), f({ direction: 'maritime' }), true],
    ['status', props({ status: 'intended' }), f({ statuses: ['planned'] }), false],
    ['country match', props({ countries: ['CN', 'CZ'] }), f({ country: 'CZ' }), true],
    ['country mismatch', props({ countries: ['CN'] }), f({ country: 'CZ' }), false],
    ['years overlap', props({ year_start: 2014, year_end: 2016 }), f({ years: [2016, 2017] }), true],
    ['years before', props({ year_start: 2013, year_end: 2014 }), f({ years: [2015, 2017] }), false],
    ['years after', props({ year_start: 2020 }), f({ years: [2015, 2017] }), false],
    ['undated passes a year filter', props({}), f({ years: [2015, 2015] }), true],
  ])('%s', (_name, p, filters, expected) => {
    expect(passesFilters(p, filters)).toBe(expected);
  });

  it('knows when it is filtering', () => {
    expect(isFiltering(EMPTY_FILTERS)).toBe(false);
    expect(isFiltering(f({ country: 'CZ' }))).toBe(true);
  });

  it('finds the year extent of dated features only', () => {
    expect(yearExtent([props({ year_start: 2015, year_end: 2017 }), props({}), props({ year_start: 1978 })])).toEqual([1978, 2017]);
    expect(yearExtent([props({})])).toBeNull();
  });
});
