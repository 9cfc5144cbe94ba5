/**
 * The real seeds: the build validates with zero issues, and everything the
 * data contract promises is present (the checklist of the data issue).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, sharedAtlas, type Dataset } from '../../geo/dataset.ts';
import { recordsCsv } from '../../geo/outputs.ts';
import type { LayerFeature } from '../../geo/layers/context.ts';
import { LAYER_IDS } from '../../src/layers/registry.ts';

let d: Dataset;
beforeAll(() => {
  d = buildDataset('seeds');
}, 120_000);

const ids = (layer: (typeof LAYER_IDS)[number]) => d.layers[layer].map((f) => f.id);

describe('the real seeds', () => {
  it('validate without a single issue', () => {
    expect(d.issues.map((i) => `${i.table}: ${i.record}: ${i.field}: ${i.message}`)).toEqual([]);
  });

  it('fill every layer, and every feature carries the contract fields', () => {
    for (const layer of LAYER_IDS) {
      expect(d.layers[layer].length, layer).toBeGreaterThan(0);
      for (const f of d.layers[layer]) {
        const p = f.properties;
        expect(p.id).toBe(f.id);
        expect(p.layer).toBe(layer);
        for (const k of ['name_en', 'name_zh', 'summary_en', 'summary_zh'] as const) expect(p[k].trim(), `${f.id}.${k}`).not.toBe('');
        expect(['city', 'district', 'province', 'country', 'region', 'schematic']).toContain(p.precision);
        expect(p.sources.length, f.id).toBeGreaterThan(0);
        for (const c of p.countries) expect(c).toMatch(/^[A-Z]{2}$/);
      }
    }
  });

  it('has the two directions with their priority countries and mechanisms', () => {
    const [belt, sea] = ['direction-belt', 'direction-maritime'].map((id) => d.layers.directions.find((f) => f.id === id)!.properties);
    expect(belt!.priority_countries).toEqual(expect.arrayContaining(['CZ', 'RU', 'MN', 'KZ', 'KG', 'TJ', 'TM', 'UZ']));
    expect(sea!.priority_countries).toEqual(expect.arrayContaining(['IN', 'PK', 'AU', 'FJ', 'TH', 'VN']));
    expect(d.layers['priority-countries'].filter((f) => f.properties.direction === 'maritime')).toHaveLength(14);
  });

  it('has the six economic corridors, four marked with their external source', () => {
    expect(d.layers.corridors).toHaveLength(6);
    const external = d.layers.corridors.filter((f) => !f.properties.named_in_documents);
    expect(external).toHaveLength(4);
    for (const f of external) expect(f.properties.external_sources?.length).toBeGreaterThan(0);
    expect(ids('corridors')).toEqual(expect.arrayContaining(['corridor-cpec', 'corridor-bcim']));
  });

  it('has the mechanisms the documents name, with members', () => {
    expect(ids('mechanisms')).toEqual(expect.arrayContaining(['mech-sco', 'mech-china-asean', 'mech-china-ceec', 'mech-gms', 'mech-lmc', 'mech-apec', 'mech-brics', 'mech-china-arab']));
    const ceec = d.layers.mechanisms.find((f) => f.id === 'mech-china-ceec')!;
    expect((ceec.properties.members as string[]).length).toBe(17);
  });

  it('has disease-control zones with diseases, partners, provinces and polygons', () => {
    expect(d.layers['disease-zones'].length).toBeGreaterThanOrEqual(7);
    const gms = d.layers['disease-zones'].find((f) => f.id === 'zone-gms-cross-border')!;
    expect(gms.properties.partner_countries).toEqual(['LA', 'MM', 'VN']);
    expect(['Polygon', 'MultiPolygon']).toContain(gms.geometry.type);
  });

  it('has all 38 key projects, numbered, with area and status', () => {
    const nos = d.layers.projects.map((f) => f.properties.project_no).sort((a, b) => a! - b!);
    expect(nos).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    expect(
      d.layers.projects
        .filter((f) => f.properties.status === 'intended')
        .map((f) => f.properties.project_no)
        .sort((a, b) => a! - b!),
    ).toEqual([24, 25, 26, 27, 35, 36, 37, 38]);
  });

  it('has the Chinese medicine centres in the Czech Republic and Oman', () => {
    const countries = d.layers['tcm-centres'].flatMap((f) => f.properties.countries);
    expect(countries).toEqual(expect.arrayContaining(['CZ', 'OM', 'MN']));
    expect(d.layers['tcm-centres'].filter((f) => f.properties.countries.includes('CZ'))).toHaveLength(3);
  });

  it('has the forums and meetings named in the issue, dated', () => {
    const byYearPlace = d.layers.events.map((f) => `${String(f.properties.date).slice(0, 4)} ${f.properties.places.map((p) => p.id).join(' ')}`);
    for (const e of ['2015 prague', '2015 yinchuan', '2016 nanning', '2016 xian', '2017 geneva', '2017 beijing']) expect(byYearPlace).toContain(e);
    expect(d.layers.events.find((f) => f.properties.date === '2020-06-18')).toBeDefined();
  });

  it('has the 26 countries of the 2020 joint statement, Russia by written statement', () => {
    expect(d.layers['statement-2020']).toHaveLength(26);
    expect(d.layers['statement-2020'].find((f) => f.properties.role === 'written-statement')!.properties.countries).toEqual(['RU']);
  });

  it('keeps both patient counts where the documents disagree, each with its source', () => {
    const patients = d.seeds.tables.headlines.filter((h) => h.measure === 'patients-treated');
    expect(patients.map((h) => h.value).sort()).toEqual([270_000_000, 280_000_000]);
    expect(new Set(patients.map((h) => h.sources[0]!.doc)).size).toBe(2);
  });

  it('never draws a record about activity abroad at China’s centre; records with no place say precision "country" and are listed', () => {
    const cn = sharedAtlas()
      .anchor('CN')!
      .map((x) => Math.round(x * 1e4) / 1e4);
    const pointLayers = ['projects', 'tcm-centres', 'hospitals', 'training', 'events', 'organisations'] as const;
    const placeless: string[] = [];
    for (const layer of pointLayers) {
      for (const f of d.layers[layer]) {
        const p = f.properties;
        const coords = f.geometry.type === 'Point' ? [f.geometry.coordinates] : (f.geometry as { coordinates: number[][] }).coordinates;
        if (p.places.length) continue;
        placeless.push(f.id);
        expect(p.precision, f.id).toBe('country');
        const seeds = Object.values(d.seeds.tables).flat() as { id?: string; precision?: string }[];
        expect(seeds.find((r) => r.id === f.id)?.precision, `${f.id} declares it`).toBe('country');
        if (p.countries.some((c) => c !== 'CN')) for (const c of coords) expect(c, f.id).not.toEqual(cn);
      }
    }
    expect(d.countryPlaced.map((c) => c.id).sort()).toEqual(placeless.sort());
  });

  it('places the records the audit found in the wrong place', () => {
    const f = (id: string): LayerFeature =>
      Object.values(d.layers)
        .flat()
        .find((x) => x.id === id)!;
    const at = (id: string) => f(id).properties.places.map((p) => p.id);
    expect(at('event-2015-china-indonesia-joint-statement')).toEqual(['beijing']);
    expect(at('event-2015-china-russia-disaster-health-emergency-exercise')).toEqual(['heilongjiang', 'khabarovsk']);
    expect(f('event-2015-china-russia-disaster-health-emergency-exercise').properties.precision).toBe('province');
    // Key projects whose work is abroad are drawn there, the lead unit's home beside it.
    expect(at('project-31')).toEqual(['sudan', 'xian']);
    expect(at('project-36')).toEqual(['mongolia', 'inner-mongolia']);
    expect(at('project-16')).toEqual(['heilongjiang', 'khabarovsk']);
    expect(at('project-08')).toEqual(['pu-er']);
    expect(at('org-journey-of-smile')).toEqual(['beijing']);
    expect(at('event-2014-china-russia-medical-universities-alliance-founding')).toEqual(['harbin', 'moscow']);
    expect(at('project-25')).toEqual(expect.arrayContaining(['muscat']));
    expect(at('project-02')).toEqual(['nanning']);
    expect(at('project-22')).toEqual(['yinchuan']);
    expect(at('project-28')).toEqual(['beijing']);
    expect(at('event-2011-china-asean-leaders-meeting')).toEqual(['bali']);
    for (const id of ['project-09', 'project-18']) {
      expect(f(id).properties.precision).toBe('country');
      expect(f(id).geometry.type, id).toBe('MultiPoint');
    }
  });

  it('names the countries of every corridor, each waypoint among them', () => {
    const byId = new Map(d.places.map((p) => [p.id, p.country]));
    for (const c of d.layers.corridors) {
      expect(c.properties.countries.length, c.id).toBeGreaterThanOrEqual(2);
      for (const w of c.properties.waypoints as string[]) expect(c.properties.countries, `${c.id} ${w}`).toContain(byId.get(w));
    }
    expect(d.layers.corridors.find((c) => c.id === 'corridor-bcim')!.properties.countries).toEqual(['BD', 'CN', 'IN', 'MM']);
  });

  it('writes every record, headlines included, to records.csv', () => {
    const csv = recordsCsv(d);
    const ids = new Set(
      csv
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    for (const f of Object.values(d.layers).flat()) expect(ids.has(f.id), f.id).toBe(true);
    for (const h of d.seeds.tables.headlines) expect(ids.has(h.id), h.id).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/,measure,value,unit_en,unit_zh,period$/);
  });

  it('has the records the documents name that the audit found missing', () => {
    const f = (id: string) =>
      Object.values(d.layers)
        .flat()
        .find((x) => x.id === id);
    const where = (id: string) => f(id)?.properties.places.map((p) => p.id);
    expect(where('org-who-wpro')).toEqual(['manila']);
    expect(f('org-who-emro')).toBeUndefined();
    expect(f('org-who-wpro')!.properties.identification_note?.en).toContain('Western Pacific');
    expect(f('mech-g20')!.properties.members).toHaveLength(19);
    for (const [id, iso] of [
      ['bilateral-china-south-africa-people-to-people', 'ZA'],
      ['bilateral-china-israel-innovation', 'IL'],
      ['bilateral-china-us-health-policy-dialogue', 'US'],
      ['bilateral-china-gb-health-policy-dialogue', 'GB'],
      ['bilateral-china-fr-health-policy-dialogue', 'FR'],
      ['bilateral-china-de-health-policy-dialogue', 'DE'],
      ['bilateral-israel-health-emergency', 'IL'],
    ] as const) {
      const b = f(id)!;
      expect(b.properties.precision, id).toBe('country');
      expect(b.geometry, id).toEqual({
        type: 'Point',
        coordinates: sharedAtlas()
          .anchor(iso)!
          .map((x) => Math.round(x * 1e4) / 1e4),
      });
    }
    for (const id of ['org-cma-talent-exchange-training', 'org-nhfpc-iecc-health-industry']) expect(where(id), id).toEqual(['beijing']);
    const xb = f('hospital-cross-border-medical-services')!;
    expect(xb.properties.places.map((p) => p.id)).toEqual(['yunnan', 'xinjiang', 'inner-mongolia']);
    expect(xb.properties.figures![0]!.value).toBe(30000);
    expect(where('org-who-china-office')).toEqual(['beijing']);
    expect(f('event-2014-ebola-aid-west-africa')!.properties.countries).toEqual(['CN', 'GN', 'LR', 'SL']);
    for (const id of [
      'org-belt-and-road-health-policy-research-network',
      'org-belt-and-road-public-health-cooperation-network',
      'org-belt-and-road-hospital-alliance',
      'org-belt-and-road-health-industry-alliance',
      'org-china-cdc-public-health-network',
      'org-cams-medical-research-partnership',
      'org-china-hospital-association-hospital-cooperation-alliance',
    ])
      expect(where(id), id).toEqual(['beijing']);
    expect(f('org-journey-of-smile')).toBeDefined();
    expect(where('org-rnas-plus')).toEqual(['shanghai']);
    expect(f('event-2017-belt-and-road-forum-leaders-roundtable')!.properties.date).toBe('2017-05-15');
    expect(f('event-2019-2nd-belt-and-road-forum-leaders-roundtable')!.properties.date).toBe('2019-04-27');
    expect(where('event-2012-dubai-china-arab-friendship-hospital-agreement')).toEqual(['yinchuan']);
    expect(where('event-2014-2nd-china-czech-health-forum')).toEqual(['tianjin']);
    expect(where('training-china-asean-nursing-training')).toEqual(['nanning']);
    expect(where('training-china-asean-health-worker-training')).toEqual(['nanning']);
  });

  it('names things one way, and states money in yuan', () => {
    // Names, summaries and notes (quotes keep the documents' own wording, typos included).
    const names = JSON.stringify(
      Object.values(d.layers)
        .flat()
        .map((x) => ({ ...x.properties, sources: [], figures: [] })),
    );
    for (const variant of [
      'World Congress of Ethnopharmacology',
      'Society of Ethnopharmacology',
      'State Administration of TCM',
      'State Administration of Traditional Chinese Medicine',
      'China Hospital Association',
      'China–Russia Medical Universities Alliance',
      'NHFPC International Exchange Center',
      'NHFPC International Exchange Centre',
      'Western China International Fair /',
      'Western China International Fair for',
      'Türkiye',
      'Priority (“fulcrum”)',
    ])
      expect(names).not.toContain(variant);
    for (const typo of ['新疆维吾尔族自治区', '宁夏回族卫生计生委', '广西自治区']) expect(names).not.toContain(typo);
    const money = Object.values(d.layers)
      .flat()
      .flatMap((x) => x.properties.figures ?? [])
      .filter((g) => /人民币/.test(g.unit.zh));
    expect(money.length).toBeGreaterThanOrEqual(3);
    for (const g of money) expect(g.unit.en).toMatch(/^CNY/);
    const dubai = d.layers.hospitals.find((x) => x.id === 'hospital-china-arab-friendship-hospital-dubai')!;
    expect(dubai.properties.figures!.find((g) => g.label.en === 'Planned investment')!.value).toBe(1_000_000_000);
  });

  it('gives the SCO the members of the time it shades', () => {
    const sco = d.layers.mechanisms.find((x) => x.id === 'mech-sco')!;
    expect(sco.properties.members).toEqual(['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ']);
    expect(sco.properties.summary_en).toContain('from 2015 to June 2017');
  });

  it('records the precision of every named place', () => {
    for (const p of d.places) expect(['city', 'district', 'province', 'country']).toContain(p.precision);
  });

  it('shades and bands the zones and mechanisms as far as their documents go', async () => {
    const { booleanPointInPolygon } = await import('@turf/boolean-point-in-polygon');
    const zone = (id: string) => d.layers['disease-zones'].find((x) => x.id === id)!;
    // Mengla, Yunnan, 15 km from the Lao border: China is not among the schistosomiasis zone's countries.
    const mengla: [number, number] = [101.56, 21.47];
    expect(booleanPointInPolygon(mengla, zone('zone-mekong-schistosomiasis').geometry as never)).toBe(false);
    expect(booleanPointInPolygon(mengla, zone('zone-mekong-surveillance').geometry as never)).toBe(true);
    // The artemisinin zone has China's side only along Laos and Myanmar: it no longer hides the surveillance zone.
    expect(zone('zone-artemisinin-resistance').geometry).not.toEqual(zone('zone-mekong-surveillance').geometry);
    // Guangxi near the Viet Nam border (Pingxiang): surveillance only.
    const pingxiang: [number, number] = [106.75, 22.1];
    expect(booleanPointInPolygon(pingxiang, zone('zone-mekong-surveillance').geometry as never)).toBe(true);
    expect(booleanPointInPolygon(pingxiang, zone('zone-artemisinin-resistance').geometry as never)).toBe(false);
    expect((zone('zone-china-russia-disaster-medicine').properties.china_provinces as { id: string }[]).map((p) => p.id)).toEqual(['xinjiang', 'inner-mongolia', 'heilongjiang', 'jilin']);
    const arab = d.layers.mechanisms.find((x) => x.id === 'mech-china-arab')!;
    expect(arab.properties.members).not.toContain('SY');
    for (const f of Object.values(d.layers).flat()) expect(f.properties.countries, f.id).not.toContain('SY');
  });

  it('cites the membership of the priority countries the plan names only as a group', () => {
    for (const f of d.layers['priority-countries']) {
      const iso = f.properties.countries[0]!;
      const group = ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'VN'].includes(iso)
        ? 'Association of Southeast Asian Nations'
        : ['KG', 'KZ', 'TJ', 'TM', 'UZ'].includes(iso)
          ? 'Central Asia'
          : undefined;
      if (group) expect(f.properties.external_sources?.map((e) => e.title).join(' '), f.id).toContain(group);
      expect(f.properties.summary_en, f.id).toContain('priority country (重点国家)');
    }
    const mn = d.layers['priority-countries'].find((f) => f.id === 'priority-belt-mn')!;
    expect(mn.properties.name_zh).toBe('蒙古国');
  });
});
