/**
 * The real seeds: the build validates with zero issues, and everything the
 * data contract promises is present (the checklist of the data issue).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, sharedAtlas, type Dataset } from '../../geo/dataset.ts';
import { recordsCsv } from '../../geo/outputs.ts';
import type { LayerFeature } from '../../geo/layers/context.ts';
import { LAYER_IDS } from '../../src/data/contract.ts';

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
    expect(d.layers.projects.filter((f) => f.properties.status === 'intended').map((f) => f.properties.project_no).sort((a, b) => a! - b!)).toEqual([24, 25, 26, 27, 35, 36, 37, 38]);
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
    const cn = sharedAtlas().anchor('CN')!.map((x) => Math.round(x * 1e4) / 1e4);
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
    const f = (id: string): LayerFeature => Object.values(d.layers).flat().find((x) => x.id === id)!;
    const at = (id: string) => f(id).properties.places.map((p) => p.id);
    expect(at('event-2015-china-indonesia-joint-statement')).toEqual(['beijing']);
    expect(at('event-2015-china-russia-disaster-health-emergency-exercise')).toEqual(['heilongjiang']);
    expect(f('event-2015-china-russia-disaster-health-emergency-exercise').properties.precision).toBe('province');
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
    const ids = new Set(csv.split('\r\n').slice(1).map((line) => line.split(',')[1]));
    for (const f of Object.values(d.layers).flat()) expect(ids.has(f.id), f.id).toBe(true);
    for (const h of d.seeds.tables.headlines) expect(ids.has(h.id), h.id).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/,measure,value,unit_en,unit_zh,period$/);
  });

  it('has the records the documents name that the audit found missing', () => {
    const f = (id: string) => Object.values(d.layers).flat().find((x) => x.id === id);
    const where = (id: string) => f(id)?.properties.places.map((p) => p.id);
    expect(where('org-who-emro')).toEqual(['cairo']);
    expect(where('org-who-china-office')).toEqual(['beijing']);
    expect(f('event-2014-ebola-aid-west-africa')!.properties.countries).toEqual(['CN', 'GN', 'LR', 'SL']);
    for (const id of ['org-belt-and-road-health-policy-research-network', 'org-belt-and-road-public-health-cooperation-network', 'org-belt-and-road-hospital-alliance', 'org-belt-and-road-health-industry-alliance', 'org-china-cdc-public-health-network', 'org-cams-medical-research-partnership', 'org-china-hospital-association-hospital-cooperation-alliance']) expect(where(id), id).toEqual(['beijing']);
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
    const text = JSON.stringify(d.seeds.tables);
    for (const variant of ['International Congress of Ethnopharmacology', 'Society of Ethnopharmacology', 'State Administration of TCM', 'State Administration of Traditional Chinese Medicine']) expect(text).not.toContain(variant);
    const money = Object.values(d.layers).flat().flatMap((x) => x.properties.figures ?? []).filter((g) => /人民币/.test(g.unit.zh));
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
    for (const p of d.places) expect(['city', 'district', 'province']).toContain(p.precision);
  });
});
