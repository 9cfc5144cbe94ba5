import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanValid } from '@turf/boolean-valid';
import { linesOf, maxLonStep, signedArea } from '../../geo/antimeridian.ts';
import {
  BASEMAP_LAYERS,
  basemapFiles,
  buildBasemap,
  buildGraticule,
  loadWorldAtlas,
  scalerankOf,
  serializeCollection,
  type Basemap,
  type CountriesTopology,
} from '../../geo/basemap.ts';

let topology: CountriesTopology;
let basemap: Basemap;

beforeAll(() => {
  topology = loadWorldAtlas('50m');
  basemap = buildBasemap(topology);
});

const country = (iso2: string) => basemap.countries.features.find((f) => f.properties.iso2 === iso2);
const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

describe('buildBasemap', () => {
  it('has no ring or line segment jumping more than 180° in longitude', () => {
    const offenders: string[] = [];
    for (const name of BASEMAP_LAYERS) {
      for (const f of basemap[name].features) {
        if (f.geometry.type === 'Point') continue;
        for (const line of linesOf(f.geometry)) {
          if (maxLonStep(line) > 180) offenders.push(`${name} ${JSON.stringify(f.properties)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it.each([
    ['FJ', 'Fiji'],
    ['RU', 'Russia'],
    ['AQ', 'Antarctica'],
  ])('%s (%s) is present, closed, valid and wound per RFC 7946', (iso2, name) => {
    const f = country(iso2)!;
    expect(f, iso2).toBeDefined();
    expect(f.properties.name_en).toBe(name);
    for (const poly of polygonsOf(f.geometry)) {
      expect(signedArea(poly[0]!)).toBeGreaterThan(0);
      for (const [i, ring] of poly.entries()) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        if (i > 0) expect(signedArea(ring)).toBeLessThan(0);
      }
    }
    expect(booleanValid(f.geometry)).toBe(true);
  });

  it('closes Antarctica via the South Pole across the whole width, and continues Russia past 180° into Chukotka', () => {
    const aq = linesOf(country('AQ')!.geometry).flat();
    expect(Math.min(...aq.map((p) => p[1]!))).toBe(-90);
    expect(Math.min(...aq.map((p) => p[0]!))).toBe(-180);
    expect(Math.max(...aq.map((p) => p[0]!))).toBe(180);
    const ru = linesOf(country('RU')!.geometry).flat().map((p) => p[0]!);
    expect(Math.min(...ru)).toBeGreaterThanOrEqual(-180);
    expect(Math.max(...ru)).toBeGreaterThan(185);
    // Fiji straddles the antimeridian: its islands lie on both sides, none far beyond it.
    const fj = linesOf(country('FJ')!.geometry).flat().map((p) => p[0]!);
    expect(Math.min(...fj)).toBeGreaterThanOrEqual(-180);
    expect(Math.max(...fj)).toBeLessThanOrEqual(181);
    expect(fj.some((x) => x < -178) && fj.some((x) => x > 178)).toBe(true);
  });

  it('gives every country with an ISO code a unique code and both names', () => {
    const iso = basemap.countries.features.filter((f) => f.properties.iso2 !== '');
    expect(iso.length).toBeGreaterThan(230);
    const missing = iso.filter((f) => !f.properties.name_en.trim() || !f.properties.name_zh.trim()).map((f) => f.properties.iso2);
    expect(missing).toEqual([]);
    const codes = iso.map((f) => f.properties.iso2);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it('keeps the units without an ISO code, named from the topology, and gives Kosovo XK', () => {
    const noIso = basemap.countries.features.filter((f) => f.properties.iso2 === '').map((f) => f.properties.name_en);
    expect(noIso).toEqual(expect.arrayContaining(['N. Cyprus', 'Somaliland']));
    expect(noIso).not.toContain('Kosovo');
    expect(country('XK')?.properties.name_en).toBe('Kosovo');
    for (const f of basemap.countries.features) expect(f.properties.name_zh, f.properties.name_en).not.toBe('');
  });

  it('merges the two units that share code AU into one Australia', () => {
    expect(basemap.countries.features.filter((f) => f.properties.iso2 === 'AU')).toHaveLength(1);
    expect(country('AU')!.properties.name_en).toBe('Australia');
  });

  it('labels every ISO country once, inside the country, with a unique rank', () => {
    const iso = basemap.countries.features.filter((f) => f.properties.iso2 !== '');
    const labels = basemap.labels.features;
    expect(labels.map((l) => l.properties.iso2).sort()).toEqual(iso.map((f) => f.properties.iso2).sort());
    expect(labels.map((l) => l.properties.rank).sort((a, b) => a - b)).toEqual(labels.map((_, i) => i + 1));
    const outside: string[] = [];
    for (const l of labels) {
      const f = country(l.properties.iso2)!;
      const [lon, lat] = l.geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lon).toBeLessThanOrEqual(180);
      // Parts across the antimeridian may lie beyond 180°: try the label there too.
      const inside = [lon, lon + 360].some((x) => booleanPointInPolygon([x, lat], f.geometry));
      if (!inside) outside.push(l.properties.iso2);
      expect(l.properties.name_en).toBe(f.properties.name_en);
      expect(l.properties.name_zh).toBe(f.properties.name_zh);
    }
    expect(outside).toEqual([]);
    const byIso = new Map(labels.map((l) => [l.properties.iso2, l.properties]));
    expect(byIso.get('RU')!.rank).toBe(1);
    expect(byIso.get('CN')!.scalerank).toBe(0);
    expect(byIso.get('SG')!.scalerank).toBe(5);
  });

  it('classifies borders: China–Hong Kong is a SAR boundary, Kosovo and Somaliland are limits', () => {
    const kinds = basemap.borders.features.map((f) => f.properties.kind);
    expect(kinds).toEqual(['country', 'limit', 'sar']);
    const hk = polygonsOf(country('HK')!.geometry).flat(2);
    const touches = (kind: string) => {
      const pts = new Set(basemap.borders.features.find((f) => f.properties.kind === kind)!.geometry.coordinates.flat().map((p) => p.join()));
      return hk.some((p) => pts.has(p.join()));
    };
    expect(touches('sar')).toBe(true);
    expect(touches('country')).toBe(false);
  });

  it('has coastlines without the pole-cap artefact', () => {
    const lats = basemap.coastlines.features.flatMap((f) => f.geometry.coordinates.flat().map((p) => p[1]!));
    expect(Math.min(...lats)).toBeGreaterThan(-89.9);
  });

  it('rounds coordinates to 3 decimals and sorts features', () => {
    for (const name of BASEMAP_LAYERS) {
      const coords = basemap[name].features.flatMap((f: Feature) => JSON.stringify(f.geometry).match(/-?\d+\.\d+/g) ?? []);
      expect(Math.max(0, ...coords.map((c) => decimals(Number(c)))), name).toBeLessThanOrEqual(3);
    }
    const keys = basemap.countries.features.map((f) => (f.properties.iso2 ? `0${f.properties.iso2}` : `1${f.properties.name_en}`));
    expect(keys).toEqual([...keys].sort());
    const labelKeys = basemap.labels.features.map((f) => f.properties.iso2);
    expect(labelKeys).toEqual([...labelKeys].sort());
    expect(Object.keys(basemap.countries.features[0]!.properties)).toEqual(['iso2', 'name_en', 'name_zh']);
    expect(Object.keys(basemap.labels.features[0]!.properties)).toEqual(['iso2', 'name_en', 'name_zh', 'rank', 'scalerank']);
  });

  it('is deterministic and does not modify the topology', () => {
    const before = JSON.stringify(topology);
    const again = buildBasemap(topology);
    expect(again).toEqual(basemap);
    expect(JSON.stringify(topology)).toBe(before);
  });
});

describe('files', () => {
  it('serialises one feature per line with keys in a fixed order and a trailing newline', () => {
    const files = basemapFiles(topology);
    expect([...files.keys()]).toEqual([...BASEMAP_LAYERS]);
    for (const [name, text] of files) {
      expect(text.endsWith(']}\n'), name).toBe(true);
      const lines = text.split('\n');
      expect(lines[0]).toBe('{"type":"FeatureCollection","features":[');
      expect(lines.length - 3, name).toBe(basemap[name as keyof Basemap].features.length);
      expect(lines[1]!.startsWith('{"type":"Feature","properties":{'), name).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(serializeCollection(basemap[name as keyof Basemap])));
    }
    expect(basemapFiles(topology)).toEqual(files);
  });
});

describe('helpers', () => {
  it('builds a graticule of meridians and parallels at the given step', () => {
    const g = buildGraticule(15);
    const meridians = g.features.filter((f) => f.properties.kind === 'meridian');
    const parallels = g.features.filter((f) => f.properties.kind === 'parallel');
    expect(meridians).toHaveLength(24);
    expect(parallels.map((f) => f.properties.value)).toEqual([-75, -60, -45, -30, -15, 0, 15, 30, 45, 60, 75]);
    expect(g.features.filter((f) => f.properties.major).map((f) => `${f.properties.kind} ${f.properties.value}`)).toEqual(['meridian -180', 'meridian 0', 'parallel 0']);
    expect(() => buildGraticule(7)).toThrow(/must divide 180/);
  });

  it.each([
    [17_000_000, 0],
    [3_000_000, 0],
    [2_999_999, 1],
    [500_000, 2],
    [95_000, 3],
    [30_000, 4],
    [700, 5],
  ])('scalerank of %d km² is %d', (km2, rank) => {
    expect(scalerankOf(km2)).toBe(rank);
  });
});
