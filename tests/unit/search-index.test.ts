/**
 * Search: normalisation, ranking and the real data's cases (Prague in both
 * languages, Hradec Králové without diacritics, ASEAN in Chinese, countries,
 * project numbers).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseProps, Manifest } from '../../src/data/contract.ts';
import { type LayerId, LAYER_IDS } from '../../src/layers/registry.ts';
import { buildSearchIndex, countryNames, featureContext, normaliseForSearch, search, yearsLabel, type SearchIndex } from '../../src/data/search-index.ts';
import { formatDate } from '../../src/i18n/i18n.ts';

type F = { properties: BaseProps };

function feature(p: Partial<BaseProps> & { id: string; name_en: string; name_zh: string }): F {
  return {
    properties: {
      layer: 'projects',
      summary_en: '',
      summary_zh: '',
      precision: 'city',
      sources: [],
      countries: [],
      places: [],
      related: [],
      ...p,
    },
  };
}

const place = (id: string, name_en: string, name_zh: string, country: string) => ({ id, name_en, name_zh, country, precision: 'city' as const, coordinates: [0, 0] as [number, number] });

describe('normaliseForSearch', () => {
  it.each([
    ['case', 'PRAGUE', 'prague'],
    ['diacritics', 'Hradec Králové', 'hradec kralove'],
    ['letters NFKD keeps', 'Łódź Øresund', 'lodz oresund'],
    ['full-width Latin and digits', 'ＡＳＥＡＮ　２３', 'asean 23'],
    ['punctuation as space', 'China–CEEC (16+1)', 'china ceec 16 1'],
    ['apostrophes dropped', "Xi’an, Ministers' Forum", 'xian ministers forum'],
    ['no spaces next to Chinese', '中国—东盟（10+1）', '中国东盟10 1'],
    ['full-width Chinese punctuation', '“丝绸之路卫生合作论坛”', '丝绸之路卫生合作论坛'],
    ['blank', ' \t ', ''],
  ])('folds %s', (_name, input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });
});

describe('ranking on a small index', () => {
  const index = buildSearchIndex([
    feature({ id: 'a-substring', name_en: 'Forum of Bratislava', name_zh: '布拉迪斯拉发论坛' }),
    feature({ id: 'b-word', name_en: 'Health forum Prague', name_zh: '卫生论坛（布拉格）' }),
    feature({ id: 'c-prefix', name_en: 'Prague health forum', name_zh: '布拉格卫生论坛' }),
    feature({ id: 'd-exact', name_en: 'Prague', name_zh: '布拉格', layer: 'events' }),
    feature({ id: 'e-inside', name_en: 'Pragueland', name_zh: '某地', layer: 'events' }),
    feature({ id: 'f-mid', name_en: 'Nonpraguers club', name_zh: '俱乐部', layer: 'events' }),
    feature({ id: 'g-place', name_en: 'Hospital', name_zh: '医院', places: [place('prague', 'Prague', '布拉格', 'CZ')], countries: ['CZ'] }),
    feature({ id: 'p-23', name_en: 'Centre', name_zh: '中心', project_no: 23 }),
    feature({ id: 'p-3', name_en: 'Other centre', name_zh: '其他中心', project_no: 3 }),
  ]);
  const ids = (q: string, lang: 'en' | 'zh' = 'en', limit = 20) => search(index, q, lang, limit).map((r) => r.id);

  it('ranks exact name > prefix > word prefix > substring', () => {
    expect(ids('prague').filter((id) => !id.startsWith('g-'))).toEqual(['d-exact', 'c-prefix', 'e-inside', 'b-word', 'f-mid']);
  });

  it('ranks a place match below a name match of the same kind', () => {
    expect(ids('prague').indexOf('g-place')).toBe(1);
  });

  it('matches Chinese anywhere in a name', () => {
    expect(ids('论坛', 'zh')).toEqual(expect.arrayContaining(['a-substring', 'b-word', 'c-prefix']));
    expect(ids('布拉格', 'zh')[0]).toBe('d-exact');
  });

  it('puts names in the current language first', () => {
    const both = buildSearchIndex([feature({ id: 'zh-name', name_en: 'Something else', name_zh: 'ASEAN论坛' }), feature({ id: 'en-name', name_en: 'ASEAN forum', name_zh: '东盟论坛' })]);
    expect(search(both, 'asean', 'en').map((r) => r.id)).toEqual(['en-name', 'zh-name']);
    expect(search(both, 'asean', 'zh').map((r) => r.id)).toEqual(['zh-name', 'en-name']);
  });

  it.each([
    ['23', 'p-23'],
    ['项目23', 'p-23'],
    ['第23号', 'p-23'],
    ['No. 23', 'p-23'],
    ['Project 3', 'p-3'],
  ])('finds key project %s', (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it.each(['3', '3号', 'project 3'])('does not find project 23 when asked for "%s"', (q) => {
    expect(ids(q)).toEqual(['p-3']);
  });

  it('returns countries, which carry their code', () => {
    const r = search(index, 'Czech', 'en');
    expect(r.map((x) => x.id)).toContain('country:CZ');
    const cz = r.find((x) => x.id === 'country:CZ')!;
    expect(cz).toMatchObject({ kind: 'country', country: 'CZ', layer: 'country' });
    expect(cz.secondary).toMatch(/1/);
  });

  it('respects the limit and returns nothing for blank input', () => {
    expect(ids('prague', 'en', 2)).toHaveLength(2);
    expect(ids('   ')).toEqual([]);
    expect(ids('prague', 'en', 0)).toEqual([]);
  });

  it('needs a word start for a single Latin letter', () => {
    expect(ids('r')).toEqual([]);
    expect(ids('p')).toEqual(expect.arrayContaining(['d-exact', 'c-prefix']));
  });
});

describe('country names', () => {
  it('prefers names carried by the data, then Intl.DisplayNames', () => {
    const names = countryNames([
      feature({ id: 'priority-belt-cz', layer: 'priority-countries', name_en: 'Czech Republic', name_zh: '捷克', countries: ['CZ'] }),
      feature({ id: 'm', layer: 'mechanisms', name_en: 'M', name_zh: 'M', countries: ['TW', 'FR'], member_names: [{ iso2: 'TW', en: 'Taiwan, China', zh: '中国台湾' }] }),
    ]);
    expect(names.get('CZ')).toEqual({ en: 'Czech Republic', zh: '捷克' });
    expect(names.get('TW')).toEqual({ en: 'Taiwan, China', zh: '中国台湾' });
    expect(names.get('FR')).toEqual({ en: 'France', zh: '法国' });
  });

  it('takes the manifest’s country table first, and search finds a country by its aliases', () => {
    const features = [feature({ id: 'm', layer: 'mechanisms', name_en: 'M', name_zh: 'M', countries: ['MK'], member_names: [{ iso2: 'MK', en: 'North Macedonia', zh: '北马其顿' }] })];
    const table = [{ iso2: 'MK', name_en: 'Macedonia', name_zh: '马其顿', aliases_en: ['North Macedonia'], aliases_zh: ['北马其顿'] }];
    expect(countryNames(features, table).get('MK')).toEqual({ en: 'Macedonia', zh: '马其顿' });
    const index = buildSearchIndex(features, table);
    expect(search(index, 'north macedonia', 'en').find((r) => r.kind === 'country')).toMatchObject({ country: 'MK', name: 'Macedonia' });
    expect(search(index, '北马其顿', 'zh').find((r) => r.kind === 'country')).toMatchObject({ country: 'MK', name: '马其顿' });
  });
});

describe('short descriptions', () => {
  it.each([
    ['2015', 'en', '2015'],
    ['2015', 'zh', '2015年'],
    ['2015-06', 'en', 'June 2015'],
    ['2015-06', 'zh', '2015年6月'],
    ['2020-06-18', 'en', '18 June 2020'],
    ['2020-06-18', 'zh', '2020年6月18日'],
    ['circa 2015', 'en', 'circa 2015'],
  ] as const)('formats the date %s in %s', (date, lang, expected) => {
    expect(formatDate(date, lang)).toBe(expected);
  });

  it('gives years as a range, or an event date', () => {
    const p = (x: Partial<BaseProps>) => feature({ id: 'x', name_en: 'x', name_zh: 'x', ...x }).properties;
    expect(yearsLabel(p({ year_start: 2015, year_end: 2017 }), 'en')).toBe('2015–2017');
    expect(yearsLabel(p({ year_start: 2015, year_end: 2017 }), 'zh')).toBe('2015—2017');
    expect(yearsLabel(p({ year_start: 2016 }), 'en')).toBe('2016');
    expect(yearsLabel(p({ year_start: 2015, date: '2015-06' }), 'en')).toBe('June 2015');
    expect(yearsLabel(p({}), 'en')).toBe('');
  });

  it('describes a feature by place, years and project number', () => {
    const names = new Map([['CZ', { en: 'Czech Republic', zh: '捷克' }]]);
    const p = feature({ id: 'x', name_en: 'x', name_zh: 'x', places: [place('prague', 'Prague', '布拉格', 'CZ')], countries: ['CZ'], year_start: 2015, project_no: 3 }).properties;
    expect(featureContext(p, 'en', names)).toBe('Prague · 2015 · Key project no. 3');
    expect(featureContext(p, 'zh', names)).toBe('布拉格 · 2015 · 第3号重点项目');
    const noPlace = feature({ id: 'y', name_en: 'y', name_zh: 'y', countries: ['CZ', 'FR', 'DE', 'IT'] }).properties;
    expect(featureContext(noPlace, 'en', names)).toBe('Czech Republic, France, Germany +1');
  });
});

describe('the real data', () => {
  let index: SearchIndex;
  let byId: Map<string, BaseProps>;
  beforeAll(() => {
    const features: F[] = LAYER_IDS.flatMap((l: LayerId) => (JSON.parse(readFileSync(`public/data/${l}.geojson`, 'utf8')) as { features: F[] }).features);
    byId = new Map(features.map((f) => [f.properties.id, f.properties]));
    const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as Manifest;
    index = buildSearchIndex(features, manifest.countries);
  });

  it.each([
    ['North Macedonia', 'en', 'MK', 'Macedonia'],
    ['北马其顿', 'zh', 'MK', '马其顿'],
    ['Türkiye', 'en', 'TR', 'Turkey'],
    ['turkiye', 'en', 'TR', 'Turkey'],
    ['印尼', 'zh', 'ID', '印度尼西亚'],
  ] as const)('"%s" (today’s or a short name) finds the country under the name the data uses', (q, lang, iso, name) => {
    const hit = search(index, q, lang, 10).find((r) => r.kind === 'country');
    expect(hit?.country).toBe(iso);
    expect(hit?.name).toBe(name);
  });

  const placedIn = (p: BaseProps, en: string) => p.places.some((x) => x.name_en === en);

  it.each([
    ['prague', 'en'],
    ['布拉格', 'zh'],
    ['PRAGUE', 'zh'],
  ] as const)('"%s" finds the Prague features first', (q, lang) => {
    const results = search(index, q, lang, 50);
    const prague = [...byId.values()].filter((p) => placedIn(p, 'Prague')).map((p) => p.id);
    expect(prague.length).toBeGreaterThan(1);
    expect(
      results
        .slice(0, prague.length)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...prague].sort());
  });

  it('"Hradec Kralove" (no diacritics) finds Hradec Králové', () => {
    const results = search(index, 'Hradec Kralove', 'en');
    expect(results.length).toBeGreaterThan(0);
    for (const r of results.slice(0, 2)) expect(placedIn(byId.get(r.id)!, 'Hradec Králové')).toBe(true);
    expect(results[0]!.secondary).toContain('Hradec Králové');
  });

  it('"东盟" finds ASEAN items, and only those: named first, then those whose summary says it', () => {
    const results = search(index, '东盟', 'zh', 100);
    const ids = results.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['org-asean', 'mech-china-asean', 'project-02']));
    const named = (id: string) => /东盟|ASEAN/.test(`${byId.get(id)!.name_zh} ${byId.get(id)!.name_en}`);
    for (const r of results) expect(named(r.id) || byId.get(r.id)!.summary_zh.includes('东盟')).toBe(true);
    const firstSummaryOnly = ids.findIndex((id) => !named(id));
    if (firstSummaryOnly >= 0) expect(ids.slice(firstSummaryOnly).every((id) => !named(id))).toBe(true);
  });

  it('"Czech" offers the country, which filters the map', () => {
    const country = search(index, 'Czech', 'en', 20).find((r) => r.kind === 'country');
    expect(country).toMatchObject({ id: 'country:CZ', country: 'CZ', name: 'Czech Republic' });
  });

  it.each(['23', '项目23'])('"%s" finds key project 23 first', (q) => {
    expect(search(index, q, 'zh')[0]!.id).toBe('project-23');
  });

  it.each(['xqzzv', 'zzzz prague', '龘龘'])('the nonsense query "%s" returns nothing', (q) => {
    expect(search(index, q, 'en')).toEqual([]);
  });

  it('gives stable results: same query, same order, also from a rebuilt index', () => {
    const again = buildSearchIndex(LAYER_IDS.flatMap((l) => (JSON.parse(readFileSync(`public/data/${l}.geojson`, 'utf8')) as { features: F[] }).features));
    for (const q of ['forum', '中国', 'china', 'a']) {
      const first = search(index, q, 'en', 30);
      expect(search(index, q, 'en', 30)).toEqual(first);
      expect(search(again, q, 'en', 30)).toEqual(first);
    }
  });

  it('names every result in the language asked for', () => {
    for (const r of search(index, 'forum', 'zh', 30)) expect(r.name).toMatch(/[\u3400-\u9fff]/);
  });
});

describe('words of the summaries', () => {
  const index = buildSearchIndex([
    feature({
      id: 'mission',
      name_en: 'Brightness Journey to Cambodia',
      name_zh: '光明行·柬埔寨',
      summary_en: 'Free cataract surgery by eye doctors from Guangxi.',
      summary_zh: '广西眼科医生为患者免费实施白内障手术。',
    }),
    feature({ id: 'cataract-centre', name_en: 'Cataract centre', name_zh: '白内障中心' }),
    feature({ id: 'other', name_en: 'Malaria control', name_zh: '疟疾防控', summary_en: 'Surveillance along the border.', summary_zh: '边境监测。' }),
  ]);

  it.each([
    ['白内障', 'zh'],
    ['cataract', 'en'],
    ['眼科', 'zh'],
    ['eye doctors', 'en'],
  ] as const)('"%s" finds a record whose summary says it', (q, lang) => {
    expect(search(index, q, lang).map((r) => r.id)).toContain('mission');
  });

  it('ranks a name match before a summary match', () => {
    expect(search(index, '白内障', 'zh').map((r) => r.id)).toEqual(['cataract-centre', 'mission']);
    expect(search(index, 'cataract', 'en').map((r) => r.id)).toEqual(['cataract-centre', 'mission']);
  });

  it('matches words of a summary, not letters inside them, nor a single letter', () => {
    expect(search(index, 'ataract', 'en').map((r) => r.id)).toEqual(['cataract-centre']);
    expect(search(index, 'f', 'en')).toEqual([]);
  });
});

describe('summaries in the real data', () => {
  const features: F[] = LAYER_IDS.flatMap((l: LayerId) => (JSON.parse(readFileSync(`public/data/${l}.geojson`, 'utf8')) as { features: F[] }).features);
  const index = buildSearchIndex(features);

  it.each([
    ['白内障', 'zh', 'summary_zh'],
    ['cataract', 'en', 'summary_en'],
  ] as const)('"%s" finds every cataract mission, whose summaries say it', (q, lang, key) => {
    const expected = features.filter((f) => f.properties.layer === 'cataract-missions' && normaliseForSearch(f.properties[key]).includes(normaliseForSearch(q))).map((f) => f.properties.id);
    expect(expected.length).toBeGreaterThan(0);
    const found = search(index, q, lang, 100).map((r) => r.id);
    expect(found).toEqual(expect.arrayContaining(expected));
  });
});
