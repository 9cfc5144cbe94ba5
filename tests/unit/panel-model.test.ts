import { describe, expect, it } from 'vitest';
import { LAYER_IDS, type LayerId, LAYERS, layerSpec, styleContextOf } from '../../src/layers/registry.ts';
import { makeDataset, allFeatures } from '../../src/data/dataset.ts';
import { mechanismColors } from '../../src/layers/palette.ts';
import { countryLabel, countryNames } from '../../src/data/search-index.ts';
import { featureGlyph, swatchImage } from '../../src/ui/swatch-svg.ts';
import { defaultState, EMPTY_FILTERS, type Filters } from '../../src/state/app-state.ts';
import {
  GROUP_ORDER,
  countryOptions,
  datasetYears,
  layerCounts,
  layerGroups,
  mechanismOptions,
  playStartIndex,
  playSteps,
  statusOptions,
  toggleLayer,
  toggleMechanism,
  toggleValue,
  yearsFilter,
} from '../../src/ui/panel-model.ts';
import { EMPTY_MANIFEST, feat } from '../helpers/features.ts';

const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] });
const box = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});

/** A small dataset: three projects, two mechanisms, country layers that name countries, an undated route. */
function fixture() {
  return makeDataset(EMPTY_MANIFEST, {
    projects: [
      feat('projects', 'p1', pt(87, 43), { area: 1, status: 'planned', countries: ['CN'], year_start: 2015, year_end: 2017 }),
      feat('projects', 'p2', pt(103, 1), { area: 5, status: 'intended', countries: ['CN', 'SG'], year_start: 2016 }),
      feat('projects', 'p3', pt(69, 41), { area: 2, status: 'planned', countries: ['UZ'], direction: 'belt', year_start: 2013, year_end: 2013 }),
    ],
    directions: [
      feat(
        'directions',
        'direction-belt',
        {
          type: 'LineString',
          coordinates: [
            [108, 34],
            [87, 43],
          ],
        },
        { direction: 'belt', precision: 'schematic' },
      ),
    ],
    mechanisms: [
      feat('mechanisms', 'mech-sco', box(60, 40), {
        countries: ['CN', 'RU', 'KZ'],
        member_names: [
          { iso2: 'KZ', en: 'Kazakhstan', zh: '哈萨克斯坦' },
          { iso2: 'RU', en: 'Russia (member list)', zh: '俄罗斯（成员表）' },
        ],
      }),
      feat('mechanisms', 'mech-asean', box(100, 10), { countries: ['SG', 'VN'] }),
    ],
    'priority-countries': [feat('priority-countries', 'priority-uz', box(64, 41), { name_en: 'Uzbekistan', name_zh: '乌兹别克斯坦', countries: ['UZ'], direction: 'belt', precision: 'country' })],
    'statement-2020': [
      feat('statement-2020', 'statement-ru', box(37, 55), { name_en: 'Russia', name_zh: '俄罗斯', countries: ['RU'], year_start: 2020, precision: 'country' }),
      feat('statement-2020', 'statement-ae', box(54, 24), { name_en: 'United Arab Emirates', name_zh: '阿联酋', countries: ['AE'], year_start: 2020, precision: 'country' }),
    ],
  });
}

const filters = (f: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, areas: [], statuses: [], ...f });

describe('layerGroups', () => {
  it('lists every registry layer exactly once, in the group order', () => {
    const groups = layerGroups();
    expect(groups.map((g) => g.group)).toEqual([...GROUP_ORDER]);
    expect(groups.flatMap((g) => g.layers.map((l) => l.id)).sort()).toEqual([...LAYER_IDS].sort());
  });

  it.each(GROUP_ORDER.map((g) => [g]))('lists the %s group top-most layer first (reverse drawing order)', (group) => {
    const expected = LAYERS.filter((l) => l.group === group)
      .map((l) => l.id)
      .reverse();
    expect(
      layerGroups()
        .find((g) => g.group === group)!
        .layers.map((l) => l.id),
    ).toEqual(expected);
  });
});

describe('layerCounts', () => {
  const d = fixture();
  it.each<[string, Partial<Filters>, string[], Partial<Record<LayerId, [number, number]>>]>([
    ['no filter', {}, [], { projects: [3, 3], mechanisms: [2, 2], directions: [1, 1], hospitals: [0, 0] }],
    ['area 5', { areas: [5] }, [], { projects: [1, 3], directions: [1, 1] }],
    ['status planned', { statuses: ['planned'] }, [], { projects: [2, 3] }],
    ['country SG', { country: 'SG' }, [], { projects: [1, 3], mechanisms: [1, 2], 'statement-2020': [0, 2] }],
    ['maritime direction', { direction: 'maritime' }, [], { projects: [2, 3], directions: [0, 1], 'priority-countries': [0, 1] }],
    ['years 2014–2015', { years: [2014, 2015] }, [], { projects: [1, 3], 'statement-2020': [0, 2] }],
    ['one mechanism chosen', {}, ['mech-asean'], { mechanisms: [1, 2], projects: [3, 3] }],
  ])('%s', (_name, f, mechanisms, expected) => {
    const counts = layerCounts(d, { filters: filters(f), mechanisms });
    expect(Object.keys(counts).sort()).toEqual([...LAYER_IDS].sort());
    for (const [id, [shown, total]] of Object.entries(expected)) expect(counts[id as LayerId], id).toEqual({ shown, total });
  });
});

describe('toggleLayer', () => {
  it.each<[LayerId[], LayerId, boolean, LayerId[]]>([
    [['projects'], 'directions', true, ['directions', 'projects']],
    [['projects', 'directions'], 'mechanisms', true, ['mechanisms', 'directions', 'projects']],
    [['directions', 'projects'], 'projects', false, ['directions']],
    [['projects'], 'projects', true, ['projects']],
    [[], 'events', false, []],
  ])('%j + %s on=%s → %j (registry order, no duplicates)', (layers, id, on, expected) => {
    expect(toggleLayer(layers, id, on)).toEqual(expected);
  });
});

describe('swatchImage', () => {
  const svgOf = (src: string) => decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  it.each([
    ['projects', 'area-1'],
    ['projects', 'intended'],
    ['directions', 'maritime'],
    ['corridors', 'corridor'],
    ['disease-zones', 'zoonoses'],
    ['priority-countries', 'belt'],
    ['statement-2020', 'written'],
  ] as const)('%s legend item %s is drawn in its colour, hollow and dashed as the item says', (layer, key) => {
    const item = layerSpec(layer).legend.find((i) => i.key === key)!;
    const svg = svgOf(swatchImage(item).src);
    expect(svg).toContain(item.color);
    const s = item.swatch;
    if (s.kind === 'symbol') expect(svg.includes('fill="none"')).toBe(s.hollow === true);
    else if (s.kind === 'line' || s.kind === 'fill') expect(svg.includes('stroke-dasharray')).toBe(s.dashed === true);
    if (s.kind === 'fill') expect(svg).toContain(s.outline!);
  });

  it('draws a feature glyph the way its layer draws it: a mechanism in its own colour, a dashed outline dashed', () => {
    const d = fixture();
    const ctx = styleContextOf(d);
    const [sco, asean] = mechanismOptions(d, 'en');
    expect(svgOf(featureGlyph(d.byId.get('mech-sco')!.properties, ctx))).toContain(sco!.color);
    expect(svgOf(featureGlyph(d.byId.get('mech-asean')!.properties, ctx))).toContain(asean!.color);
    const written = feat('statement-2020', 'statement-ru', box(37, 55), { role: 'written-statement' });
    expect(svgOf(featureGlyph(written.properties))).toContain('stroke-dasharray');
    expect(svgOf(featureGlyph(feat('projects', 'p', pt(0, 0), { status: 'intended' }).properties))).toContain('fill="none"');
  });
});

describe('mechanismOptions', () => {
  const d = fixture();
  it.each([
    ['en', ['mech-sco', 'mech-asean'], ['mech-sco', 'mech-asean']],
    ['zh', ['要素mech-sco', '要素mech-asean'], ['mech-sco', 'mech-asean']],
  ] as const)('names in %s, in data order', (lang, names, ids) => {
    const options = mechanismOptions(d, lang);
    expect(options.map((o) => o.name)).toEqual(names);
    expect(options.map((o) => o.id)).toEqual(ids);
  });

  it('gives each mechanism the colour the map gives it', () => {
    const expected = mechanismColors(['mech-sco', 'mech-asean']);
    for (const o of mechanismOptions(d, 'en')) expect(o.color, o.id).toBe(expected(o.id));
    const colors = mechanismOptions(d, 'en').map((o) => o.color);
    expect(new Set(colors).size).toBe(colors.length);
  });
});

describe('toggleMechanism', () => {
  const all = ['a', 'b', 'c'];
  it.each<[string, string[], string, boolean, { mechanisms: string[]; hideLayer: boolean }]>([
    ['unchecking one of "all" keeps the others', [], 'b', false, { mechanisms: ['a', 'c'], hideLayer: false }],
    ['checking the last missing one means all again', ['a', 'c'], 'b', true, { mechanisms: [], hideLayer: false }],
    ['checking one adds it in data order', ['c'], 'a', true, { mechanisms: ['a', 'c'], hideLayer: false }],
    ['unchecking the only one hides the layer', ['b'], 'b', false, { mechanisms: [], hideLayer: true }],
    ['unknown ids in the state are dropped', ['zz', 'a'], 'b', true, { mechanisms: ['a', 'b'], hideLayer: false }],
  ])('%s', (_name, current, id, on, expected) => {
    expect(toggleMechanism(all, current, id, on)).toEqual(expected);
  });
});

describe('toggleValue', () => {
  it.each<[number[], number, boolean, number[]]>([
    [[], 3, true, [3]],
    [[5, 1], 3, true, [1, 3, 5]],
    [[1, 3], 3, true, [1, 3]],
    [[1, 3], 1, false, [3]],
    [[1], 2, false, [1]],
  ])('%j toggle %i on=%s → %j', (list, v, on, expected) => {
    expect(toggleValue(list, v, on)).toEqual(expected);
  });

  it('follows a given order', () => {
    const order = ['planned', 'intended', 'established', 'held'];
    expect(toggleValue(['held'], 'planned', true, order)).toEqual(['planned', 'held']);
  });
});

describe('countryOptions', () => {
  const d = fixture();
  it('offers every country code that appears in any feature, once', () => {
    expect(
      countryOptions(d, 'en')
        .map((o) => o.code)
        .sort(),
    ).toEqual(['AE', 'CN', 'KZ', 'RU', 'SG', 'UZ', 'VN']);
  });

  it.each<[string, 'en' | 'zh', string, string]>([
    ['data name (priority countries)', 'zh', 'UZ', '乌兹别克斯坦'],
    ['data name (statement) wins over mechanism members', 'en', 'RU', 'Russia'],
    ['data name (mechanism members)', 'zh', 'KZ', '哈萨克斯坦'],
    ['Intl.DisplayNames fallback', 'en', 'SG', 'Singapore'],
    ['Intl.DisplayNames fallback in Chinese', 'zh', 'SG', '新加坡'],
  ])('%s: %s %s → %s', (_name, lang, code, name) => {
    expect(countryOptions(d, lang).find((o) => o.code === code)?.name).toBe(name);
  });

  it.each([
    ['en', ['China', 'Kazakhstan', 'Russia', 'Singapore', 'United Arab Emirates', 'Uzbekistan', 'Vietnam']],
    // Pinyin: a(联酋) e(罗斯) ha(萨克斯坦) wu(兹别克斯坦) xin(加坡) yue(南) zhong(国).
    ['zh', ['阿联酋', '俄罗斯', '哈萨克斯坦', '乌兹别克斯坦', '新加坡', '越南', '中国']],
  ] as const)('sorts by the displayed name in %s', (lang, names) => {
    expect(countryOptions(d, lang).map((o) => o.name)).toEqual(names);
  });

  it('is empty for a dataset without countries', () => {
    expect(countryOptions(makeDataset(EMPTY_MANIFEST, {}), 'en')).toEqual([]);
  });

  it.each(['en', 'zh'] as const)('names countries as search and the detail panel do (%s), Macao included', (lang) => {
    const withMacao = makeDataset(EMPTY_MANIFEST, { projects: [feat('projects', 'p-mo', pt(113.5, 22.2), { countries: ['MO', 'HK', 'CN'] })] });
    const names = countryNames(allFeatures(withMacao));
    for (const o of countryOptions(withMacao, lang)) expect(o.name, o.code).toBe(countryLabel(names, o.code, lang));
    expect(countryOptions(withMacao, lang).find((o) => o.code === 'MO')!.name).toBe(lang === 'en' ? 'Macao, China' : '中国澳门');
  });
});

describe('statusOptions', () => {
  it('offers only the statuses some record has, in the given order', () => {
    expect(statusOptions(fixture(), ['planned', 'intended', 'established', 'held'])).toEqual(['planned', 'intended']);
  });
});

describe('datasetYears', () => {
  it.each([
    ['fixture', fixture(), [2013, 2020]],
    ['no dated feature', makeDataset(EMPTY_MANIFEST, { projects: [feat('projects', 'x', pt(0, 0))] }), null],
  ] as const)('%s', (_name, d, expected) => {
    expect(datasetYears(d)).toEqual(expected);
  });
});

describe('yearsFilter', () => {
  const extent: [number, number] = [2013, 2020];
  it.each<[number, number, [number, number] | null]>([
    [2013, 2020, null],
    [2015, 2017, [2015, 2017]],
    [2017, 2015, [2015, 2017]],
    [2000, 2016, [2013, 2016]],
    [2016, 2099, [2016, 2020]],
    [2000, 2099, null],
    [2014.6, 2016.2, [2015, 2016]],
  ])('%d–%d → %j', (from, to, expected) => {
    expect(yearsFilter(from, to, extent)).toEqual(expected);
  });
});

describe('playSteps', () => {
  it.each<[[number, number], number, number[]]>([
    [[2013, 2016], Infinity, [2013, 2014, 2015, 2016]],
    [[2020, 2020], Infinity, [2020]],
    [[2016, 2013], Infinity, []],
    [[2010, 2020], 6, [2010, 2012, 2014, 2016, 2018, 2020]],
    [[1978, 2020], 6, [1978, 1986, 1995, 2003, 2012, 2020]],
    [[2013, 2016], 6, [2013, 2014, 2015, 2016]],
    [[2013, 2016], 1, [2016]],
  ])('%j with at most %d frames → %j', (extent, maxFrames, expected) => {
    expect(playSteps(extent, maxFrames)).toEqual(expected);
  });

  it('always ends on the last year and never repeats one', () => {
    for (const frames of [2, 3, 5, 7, 50]) {
      const steps = playSteps([1978, 2020], frames);
      expect(steps.at(-1), String(frames)).toBe(2020);
      expect(new Set(steps).size).toBe(steps.length);
      expect(steps.length).toBeLessThanOrEqual(frames);
    }
  });
});

describe('playStartIndex', () => {
  const steps = [2013, 2014, 2015, 2016];
  it.each<[number | null, number]>([
    [null, 0],
    [2014, 2],
    [2013, 1],
    [2016, 0],
    [2030, 0],
    [2000, 0],
  ])('upper year %s → index %d', (upper, expected) => {
    expect(playStartIndex(steps, upper)).toBe(expected);
  });
});

describe('defaults', () => {
  it('an untouched state counts every feature of the default layers', () => {
    const d = fixture();
    const counts = layerCounts(d, defaultState());
    expect(counts.projects).toEqual({ shown: 3, total: 3 });
  });
});

describe('playSteps with eventful years', () => {
  it.each([
    [[1978, 2020], new Set([1978, 1991, 2015, 2016]), [1978, 1991, 2015, 2016, 2020]],
    [[2014, 2017], new Set([2015]), [2015, 2017]],
    [[2015, 2015], new Set<number>(), [2015]],
  ] as const)('skips years in which nothing starts: %j', (extent, eventful, expected) => {
    expect(playSteps(extent, Infinity, eventful)).toEqual(expected);
  });
  it('still caps the number of frames', () => {
    expect(playSteps([2000, 2010], 3, new Set([2001, 2002, 2003, 2004, 2005]))).toHaveLength(3);
  });
});
