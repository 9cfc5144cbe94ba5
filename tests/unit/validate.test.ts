import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, sharedAtlas } from '../../geo/dataset.ts';
import type { DataIssue } from '../../geo/errors.ts';
import { checkPlaces, geometryProblem, POINT_TOLERANCE_KM } from '../../geo/validate.ts';
import { MAX_COUNTRY_POINTS } from '../../geo/layers/points.ts';
import { validTables, writeSeeds, type FixtureTables } from '../helpers/seeds-fixture.ts';

function issuesFor(mutate: (t: FixtureTables) => void): DataIssue[] {
  const t = validTables();
  mutate(t);
  return buildDataset(writeSeeds(t)).issues;
}

function expectIssue(issues: DataIssue[], match: Partial<DataIssue> & { message?: RegExp | string }) {
  const { message, ...rest } = match;
  const found = issues.find(
    (i) =>
      Object.entries(rest).every(([k, v]) => i[k as keyof DataIssue] === v) &&
      (message === undefined || (typeof message === 'string' ? i.message.includes(message) : (message as RegExp).test(i.message))),
  );
  expect(found, `expected an issue like ${JSON.stringify(match)} in:\n${issues.map((i) => JSON.stringify(i)).join('\n')}`).toBeDefined();
}

// Every build makes both worldviews' atlases: seconds, once per process.
beforeAll(() => {
  sharedAtlas('intl');
  sharedAtlas('cn');
}, 180_000);

describe('data validation on fixture seeds', () => {
  it('accepts the valid fixture without any issue', () => {
    const d = buildDataset(writeSeeds(validTables()));
    expect(d.issues).toEqual([]);
    expect(d.layers.projects).toHaveLength(38);
    expect(d.layers.events[0]!.geometry).toEqual({ type: 'Point', coordinates: [14.4208, 50.088] });
  });

  it('accepts a quote that differs from the document in whitespace only', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.sources = [{ doc: 'communique-2017.en.txt', quote: 'The Belt and Road   health\ncooperation forum was held in Prague' }];
    });
    expect(issues).toEqual([]);
  });

  it('rejects a quote that is not in its document, naming record and field', () => {
    const issues = issuesFor((t) => {
      (t.projects[4]!.sources as { quote: string }[])[0]!.quote = '第5号重点项目在华沙举办卫生合作论坛。';
    });
    expectIssue(issues, { table: 'projects', record: 'project-05', field: 'sources[0].quote', message: 'quote not found in implementation-plan-2015.zh.txt' });
  });

  it('rejects a quote with a changed punctuation mark (only whitespace is normalised)', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.sources = [{ doc: 'communique-2017.en.txt', quote: 'The Belt and Road health cooperation forum was held in Prague;' }];
    });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'sources[0].quote' });
  });

  it('rejects a quote too short to stand as evidence', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.sources = [{ doc: 'communique-2017.en.txt', quote: 'health cooperation' }];
    });
    expectIssue(issues, { table: 'events', field: 'sources[0].quote', message: 'too short' });
  });

  it('names a missing table first, before the references to its records that follow from it', () => {
    const t = validTables();
    t.events[0]!.related = ['hospital-somewhere'];
    const root = writeSeeds(t);
    const issues = buildDataset(root).issues;
    expect(issues[0]!.record).toBe('-');
    expect(issues[0]!.message).toMatch(/^the table is missing: .*tables\/[a-z0-9-]+\.json/);
    expect(issues.some((i) => i.table === 'hospitals' && i.message.includes('hospitals.json'))).toBe(true);
    expectIssue(issues, { field: 'related[0]', message: 'unknown id "hospital-somewhere"' });
    // A build without problems does not list the tables a small set of seeds leaves out.
    expect(buildDataset(writeSeeds(validTables())).issues).toEqual([]);
  });

  it('rejects a repeated id across tables', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.id = 'project-07';
      t.events[0]!.related = [];
    });
    expectIssue(issues, { record: 'project-07', field: 'id', message: 'duplicate id' });
  });

  it('rejects a missing or wrong-language name or summary', () => {
    const missing = issuesFor((t) => {
      t.projects[0]!.name_zh = '  ';
      t.projects[1]!.summary_en = '';
    });
    expectIssue(missing, { record: 'project-01', field: 'name_zh', message: 'missing' });
    expectIssue(missing, { record: 'project-02', field: 'summary_en', message: 'missing' });
    const wrong = issuesFor((t) => {
      t.projects[2]!.summary_zh = 'Key project in Prague';
    });
    expectIssue(wrong, { record: 'project-03', field: 'summary_zh', message: 'no Chinese characters' });
  });

  it('rejects a missing and a duplicated project number', () => {
    const issues = issuesFor((t) => {
      t.projects[9]!.project_no = 9;
    });
    expectIssue(issues, { table: 'projects', record: 'project-10', field: 'project_no', message: 'duplicate project number 9' });
    expectIssue(issues, { table: 'projects', field: 'project_no', message: 'project number 10 is missing' });
  });

  it('reports a broken record by its schema field instead of crashing', () => {
    const issues = issuesFor((t) => {
      t.projects[0]!.project_no = 'one';
      t.events[0]!.date = 'June 2015';
    });
    expectIssue(issues, { table: 'projects', record: 'project-01', field: 'project_no' });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'date' });
  });

  it('rejects unknown place and related ids, and a GeoNames id in another country', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.places = ['atlantis'];
      t.events[0]!.related = ['project-99'];
      t.places.push({ id: 'wrong', kind: 'city', geonameid: 3067696, country: 'PL', name_en: 'Wrong', name_zh: '错误' });
    });
    expectIssue(issues, { record: 'event-2015-prague-forum', field: 'places[0]', message: 'unknown place id "atlantis"' });
    expectIssue(issues, { record: 'event-2015-prague-forum', field: 'related[0]', message: 'unknown id "project-99"' });
    expectIssue(issues, { table: 'places', record: 'wrong', field: 'geonameid', message: 'is in CZ, not PL' });
  });

  it('rejects a record whose place lies in a country it does not list', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.countries = ['CN'];
    });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'places[0]', message: 'place prague is in CZ' });
  });

  it('rejects a record with no place unless it declares precision "country"', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.places = [];
    });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'precision', message: 'names no place' });
  });

  it('draws a declared country-precision record abroad, never at China’s centre, and lists it', () => {
    const t = validTables();
    Object.assign(t.events[0]!, { places: [], precision: 'country' });
    const d = buildDataset(writeSeeds(t));
    expect(d.issues).toEqual([]);
    const f = d.layers.events.find((x) => x.id === 'event-2015-prague-forum')!;
    expect(f.properties.precision).toBe('country');
    expect(f.geometry).toEqual({
      type: 'Point',
      coordinates: sharedAtlas()
        .anchor('CZ')!
        .map((x) => Math.round(x * 1e4) / 1e4),
    });
    expect(d.countryPlaced).toEqual([{ layer: 'events', id: 'event-2015-prague-forum', drawnAt: ['CZ'] }]);
  });

  it('rejects a record naming more countries abroad than can be dotted, with no place', () => {
    const many = ['AL', 'BA', 'BG', 'CZ', 'EE', 'HR', 'HU', 'LT', 'LV', 'ME', 'MK', 'PL', 'RO', 'RS', 'SI', 'SK'];
    expect(many.length).toBeGreaterThan(MAX_COUNTRY_POINTS);
    const issues = issuesFor((t) => {
      Object.assign(t.events[0]!, { places: [], precision: 'country', countries: ['CN', ...many] });
    });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'places', message: `names ${many.length} countries abroad and no place` });
  });

  it('rejects a declared precision its places contradict', () => {
    const issues = issuesFor((t) => {
      t.events[0]!.precision = 'country';
    });
    expectIssue(issues, { table: 'events', record: 'event-2015-prague-forum', field: 'precision', message: 'declares precision "country" but its places give "city"' });
  });

  it('rejects a corridor without countries, or with a waypoint outside them', () => {
    const corridor = {
      id: 'corridor-test',
      name_en: 'Test corridor',
      name_zh: '测试走廊',
      summary_en: 'A corridor from Beijing to Prague.',
      summary_zh: '自北京至布拉格的走廊。',
      sources: [{ doc: 'communique-2017.en.txt', quote: 'The Belt and Road health cooperation forum was held in Prague' }],
      named_in_documents: false,
      direction: 'belt',
      waypoints: ['beijing', 'prague'],
    };
    expectIssue(
      issuesFor((t) => void (t.corridors = [corridor])),
      { table: 'corridors', record: 'corridor-test', field: 'countries' },
    );
    expectIssue(
      issuesFor((t) => void (t.corridors = [{ ...corridor, countries: ['CN', 'PL'] }])),
      { table: 'corridors', record: 'corridor-test', field: 'waypoints[1]', message: 'waypoint prague is in CZ' },
    );
    expect(issuesFor((t) => void (t.corridors = [{ ...corridor, countries: ['CN', 'CZ'] }]))).toEqual([]);
  });

  it('rejects a figure stated in 万 or 亿 (money in whole yuan)', () => {
    const issues = issuesFor((t) => {
      t.projects[13]!.figures = [
        {
          label: { en: 'Funding', zh: '经费' },
          value: 200,
          unit: { en: '× CNY 10,000', zh: '万元人民币' },
          source: { doc: 'implementation-plan-2015.zh.txt', quote: '第14号重点项目在布拉格举办卫生合作论坛。' },
        },
      ];
    });
    expectIssue(issues, { table: 'projects', record: 'project-14', field: 'figures[0].unit', message: 'scales the value' });
  });

  it('rejects years on a record of a key project that gives none, or outside the project’s', () => {
    const hospital = {
      id: 'hospital-test',
      name_en: 'Test hospital',
      name_zh: '测试医院',
      summary_en: 'A hospital of key project 1 in Prague.',
      summary_zh: '第1号重点项目在布拉格的医院。',
      sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: '第1号重点项目在布拉格举办卫生合作论坛。' }],
      countries: ['CN', 'CZ'],
      places: ['prague'],
      years: { start: 2015, end: 2017 },
      status: 'planned',
      project_no: 1,
      figures: [],
    };
    expectIssue(
      issuesFor((t) => void (t.hospitals = [hospital])),
      { table: 'hospitals', record: 'hospital-test', field: 'years', message: 'key project 1 gives none' },
    );
    const outside = issuesFor((t) => {
      t.hospitals = [hospital];
      t.projects[0]!.years = { start: 2015, end: 2015 };
    });
    expectIssue(outside, { table: 'hospitals', record: 'hospital-test', field: 'years', message: 'outside key project 1' });
    const within = issuesFor((t) => {
      t.hospitals = [hospital];
      t.projects[0]!.years = { start: 2014, end: 2017 };
    });
    expect(within).toEqual([]);
  });

  it('rejects a direction naming a mechanism that does not exist', () => {
    const issues = issuesFor((t) => {
      t.directions = [
        {
          id: 'direction-belt',
          name_en: 'Silk Road Economic Belt',
          name_zh: '丝绸之路经济带',
          summary_en: 'The land direction, through Prague.',
          summary_zh: '陆上走向，经布拉格。',
          sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: '在“丝绸之路经济带”方向，举办中国—中东欧国家卫生部长论坛。' }],
          direction: 'belt',
          focus_regions: [{ en: 'Central and Eastern Europe', zh: '中东欧' }],
          priority_countries: ['CZ'],
          mechanisms: ['mech-nowhere'],
          routes: [{ name: { en: 'Land route', zh: '陆路' }, mode: 'land', waypoints: ['beijing', 'prague'] }],
        },
      ];
    });
    expectIssue(issues, { table: 'directions', record: 'direction-belt', field: 'mechanisms[0]', message: 'neither a mechanism nor a corridor' });
  });
});

describe('build rules of the fact-check', () => {
  const PLAN_CEEC = '在“丝绸之路经济带”方向，举办中国—中东欧国家卫生部长论坛。';
  const ceec = {
    id: 'ceec',
    name_en: 'Central and Eastern European Countries',
    name_zh: '中东欧国家',
    terms: ['中东欧'],
    member_of: { en: 'a Central and Eastern European country', zh: '中东欧国家之一' },
    members: ['CZ', 'HU', 'PL'],
    external_sources: [{ title: 'Cooperation between China and Central and Eastern European Countries — participants', publisher: 'Secretariat', date: '2017' }],
  };

  it('rejects a key project whose countries are abroad but whose only point is in China', () => {
    const issues = issuesFor((t) => {
      t.projects[0]!.places = ['beijing'];
    });
    expectIssue(issues, { table: 'projects', record: 'project-01', field: 'places', message: 'names countries abroad (CZ) but every point is in China' });
  });

  it('accepts such a project drawn where its work is (a whole country as a place), or one that declares why it is drawn in China', () => {
    const abroad = validTables();
    abroad.places.push({ id: 'czech-republic', kind: 'country', country: 'CZ', name_en: 'Czech Republic', name_zh: '捷克' });
    abroad.projects[0]!.places = ['czech-republic', 'beijing'];
    const d = buildDataset(writeSeeds(abroad));
    expect(d.issues).toEqual([]);
    const f = d.layers.projects.find((x) => x.id === 'project-01')!;
    expect(f.properties.precision).toBe('country');
    expect(f.geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [
        sharedAtlas()
          .anchor('CZ')!
          .map((x) => Math.round(x * 1e4) / 1e4),
        [116.3972, 39.9075],
      ],
    });

    const declared = issuesFor((t) => Object.assign(t.projects[0]!, { places: ['beijing'], drawn_in_china: 'venue' }));
    expect(declared).toEqual([]);
    // The declaration must mean what it says.
    const wrong = issuesFor((t) => Object.assign(t.projects[0]!, { drawn_in_china: 'venue' }));
    expectIssue(wrong, { table: 'projects', record: 'project-01', field: 'drawn_in_china', message: 'has a point abroad' });
  });

  it('rejects a group member cited only by the group’s name, until the membership is cited', () => {
    const only = issuesFor((t) => {
      t.groups = [ceec];
      Object.assign(t.events[0]!, { countries: ['CN', 'CZ', 'PL'], sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: PLAN_CEEC }] });
    });
    expectIssue(only, {
      table: 'events',
      record: 'event-2015-prague-forum',
      field: 'external_sources',
      message: 'lists CZ, PL, which its quotes name only as members of Central and Eastern European Countries',
    });

    const cited = issuesFor((t) => {
      t.groups = [ceec];
      Object.assign(t.events[0]!, { countries: ['CN', 'CZ', 'PL'], sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: PLAN_CEEC }], external_sources: ceec.external_sources });
    });
    expect(cited).toEqual([]);
    // A country a quote names itself is not cited through the group.
    const named = issuesFor((t) => {
      t.groups = [ceec];
      Object.assign(t.events[0]!, {
        countries: ['CN', 'CZ'],
        sources: [
          { doc: 'implementation-plan-2015.zh.txt', quote: PLAN_CEEC },
          { doc: 'communique-2017.en.txt', quote: 'held in Prague, the Czech Republic, in June 2015' },
        ],
      });
    });
    expect(named).toEqual([]);
  });

  it('gives a priority country named through a group the group’s membership source', () => {
    const t = validTables();
    t.groups = [ceec];
    t.directions = [
      {
        id: 'direction-belt',
        name_en: 'Silk Road Economic Belt',
        name_zh: '丝绸之路经济带',
        summary_en: 'The land direction, through Prague.',
        summary_zh: '陆上走向，经布拉格。',
        sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: PLAN_CEEC }],
        external_sources: ceec.external_sources,
        direction: 'belt',
        focus_regions: [{ en: 'Central and Eastern Europe', zh: '中东欧' }],
        priority_countries: ['CZ', 'HU', 'PL'],
        priority_groups: ['ceec'],
        mechanisms: [],
        routes: [{ name: { en: 'Land route', zh: '陆路' }, mode: 'land', waypoints: ['beijing', 'prague'] }],
      },
    ];
    const d = buildDataset(writeSeeds(t));
    expect(d.issues).toEqual([]);
    const hu = d.layers['priority-countries'].find((f) => f.id === 'priority-belt-hu')!;
    expect(hu.properties.external_sources).toEqual(ceec.external_sources);
    expect(hu.properties.summary_en).toContain('a Central and Eastern European country');
    // Without the group, the generated feature cites only the plan's “中东欧”: refused.
    delete (t.directions[0] as { priority_groups?: string[] }).priority_groups;
    const issues = buildDataset(writeSeeds(t)).issues;
    expectIssue(issues, { table: 'priority-countries', record: 'priority-belt-hu', field: 'external_sources', message: 'lists HU' });
  });

  it('rejects a country named differently across layers', () => {
    const statement = (iso: string, en: string, zh: string) => ({
      id: `statement-${iso.toLowerCase()}`,
      name_en: en,
      name_zh: zh,
      summary_en: `${en} took part in the video conference.`,
      summary_zh: `${zh}参加了视频会议。`,
      sources: [{ doc: 'joint-statement-2020.en.txt', quote: 'The Belt and Road health cooperation forum was held in Prague' }],
      countries: [iso],
      role: 'participant',
    });
    const issues = issuesFor((t) => {
      t['statement-2020'] = [statement('MN', 'Mongolia', '蒙古'), statement('ID', 'Indonesia', '印度尼西亚')];
    });
    expectIssue(issues, { table: 'statement-2020', record: 'statement-mn', field: 'name_zh', message: 'names MN “蒙古”, but the map’s country names' });
    expect(issues.filter((i) => i.record === 'statement-id')).toEqual([]);
  });

  it('covers China’s side of a partner-country zone only when the zone names China or its provinces', async () => {
    const { booleanPointInPolygon } = await import('@turf/boolean-point-in-polygon');
    const zone = (countries: string[]) => ({
      id: 'zone-test',
      name_en: 'Test zone',
      name_zh: '测试区域',
      summary_en: 'A zone with Mongolia.',
      summary_zh: '与蒙古国的区域。',
      sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: PLAN_CEEC }],
      countries,
      diseases: [{ en: 'Plague', zh: '鼠疫' }],
      disease_group: 'zoonoses',
      china_provinces: [],
      partner_countries: ['MN'],
      mechanism: { en: 'Test', zh: '测试' },
      project_nos: [],
      method: { kind: 'countries', width_km: 80 },
    });
    // South of Erenhot, in China about 30 km from the Mongolian border.
    const erenhot: [number, number] = [112.0, 43.4];
    const build = (countries: string[]) => {
      const t = validTables();
      t['disease-zones'] = [zone(countries)];
      const d = buildDataset(writeSeeds(t));
      expect(d.issues).toEqual([]);
      return d.layers['disease-zones'][0]!.geometry as import('geojson').MultiPolygon;
    };
    expect(booleanPointInPolygon(erenhot, build(['MN']))).toBe(false);
    expect(booleanPointInPolygon(erenhot, build(['CN', 'MN']))).toBe(true);
  });
});

describe('point-in-country check', () => {
  const atlas = { distanceKm: (iso2: string, p: [number, number]) => (iso2 === 'FR' && p[0] > 0 && p[0] < 8 && p[1] > 43 && p[1] < 51 ? 0 : 500) };

  it('accepts a point inside its country', () => {
    expect(checkPlaces([{ id: 'paris', name_en: 'Paris', name_zh: '巴黎', country: 'FR', precision: 'city', coordinates: [2.35, 48.85], geonameid: 2988507 }], atlas)).toEqual([]);
  });

  it('rejects a point outside the country it claims', () => {
    const issues = checkPlaces([{ id: 'paris', name_en: 'Paris', name_zh: '巴黎', country: 'DE', precision: 'city', coordinates: [2.35, 48.85], geonameid: 2988507 }], atlas);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ table: 'places', record: 'paris', field: 'geonameid' });
    expect(issues[0]!.message).toMatch(/lies 500 km outside DE/);
    expect(POINT_TOLERANCE_KM).toBeLessThan(500);
  });

  it('uses the real Natural Earth outlines: Prague is in CZ, not in PL', async () => {
    const { sharedAtlas } = await import('../../geo/dataset.ts');
    const a = sharedAtlas();
    expect(a.distanceKm('CZ', [14.42076, 50.08804])).toBe(0);
    expect(a.distanceKm('PL', [14.42076, 50.08804])!).toBeGreaterThan(50);
  });
});

describe('geometry validity', () => {
  const square = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  it('accepts a simple polygon and two polygons touching at a point', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [square] })).toBeUndefined();
    expect(
      geometryProblem({
        type: 'MultiPolygon',
        coordinates: [
          [square],
          [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 2],
              [1, 1],
            ],
          ],
        ],
      }),
    ).toBeUndefined();
  });
  it('rejects a self-intersecting (bow-tie) ring', () => {
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      }),
    ).toMatch(/intersects itself/);
  });
  it('rejects an unclosed ring and a ring of too few points', () => {
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toMatch(/unclosed|too few/);
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toMatch(/unclosed|too few/);
  });
  it('rejects overlapping parts and coordinates out of range', () => {
    expect(
      geometryProblem({
        type: 'MultiPolygon',
        coordinates: [
          [square],
          [
            [
              [0.5, 0.5],
              [2, 0.5],
              [2, 2],
              [0.5, 2],
              [0.5, 0.5],
            ],
          ],
        ],
      }),
    ).toMatch(/overlap/);
    expect(geometryProblem({ type: 'Point', coordinates: [10, 95] })).toMatch(/out of range/);
  });
});
