/**
 * The real seeds: the build validates with zero issues, and everything the
 * data contract promises is present (the checklist of the data issue).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type Dataset } from '../../geo/dataset.ts';
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

  it('records the precision of every named place', () => {
    for (const p of d.places) expect(['city', 'district', 'province']).toContain(p.precision);
  });
});
