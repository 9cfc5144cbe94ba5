import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanValid } from '@turf/boolean-valid';
import { area } from '@turf/area';
import { linesOf, maxLonStep, signedArea } from '../../geo/antimeridian.ts';
import { BASEMAP_LAYERS, basemapFiles, buildBasemap, buildGraticule, OVERVIEW_BASEMAP_OPTIONS, scalerankOf, serializeCollection, type Basemap } from '../../geo/basemap.ts';
import { loadWorldviewTopology, type UnitsTopology } from '../../geo/worldviews.ts';

let topology: UnitsTopology;
let basemap: Basemap;

beforeAll(() => {
  topology = loadWorldviewTopology('intl');
  basemap = buildBasemap(topology);
}, 120_000);

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
    const ru = linesOf(country('RU')!.geometry)
      .flat()
      .map((p) => p[0]!);
    expect(Math.min(...ru)).toBeGreaterThanOrEqual(-180);
    expect(Math.max(...ru)).toBeGreaterThan(185);
    // Fiji straddles the antimeridian: its islands lie on both sides, none far beyond it.
    const fj = linesOf(country('FJ')!.geometry)
      .flat()
      .map((p) => p[0]!);
    expect(Math.min(...fj)).toBeGreaterThanOrEqual(-180);
    expect(Math.max(...fj)).toBeLessThanOrEqual(181);
    expect(fj.some((x) => x < -178) && fj.some((x) => x > 178)).toBe(true);
  });

  it('gives every country with an ISO code a unique code and both names', () => {
    const iso = basemap.countries.features.filter((f) => f.properties.iso2 !== '' && !f.properties.disputed);
    expect(iso.length).toBeGreaterThan(230);
    const missing = iso.filter((f) => !f.properties.name_en.trim() || !f.properties.name_zh.trim()).map((f) => f.properties.iso2);
    expect(missing).toEqual([]);
    const codes = iso.map((f) => f.properties.iso2);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it('keeps the units without an ISO code as disputed areas, and Kosovo as XK, named after UN Security Council resolution 1244', () => {
    const noIso = basemap.countries.features.filter((f) => f.properties.iso2 === '').map((f) => f.properties.name_en);
    expect(noIso).toEqual(expect.arrayContaining(['N. Cyprus', 'Somaliland', 'Aksai Chin', 'Jammu and Kashmir']));
    expect(country('XK')?.properties).toMatchObject({ name_en: 'Kosovo (UNSCR 1244)', disputed: true });
    for (const f of basemap.countries.features) expect(f.properties.name_zh, f.properties.name_en).not.toBe('');
  });

  it('draws Taiwan, Hong Kong and Macao in China’s feature, labelled as parts of China', () => {
    for (const code of ['TW', 'HK', 'MO']) expect(country(code), code).toBeUndefined();
    const labels = new Map(basemap.labels.features.map((l) => [l.properties.iso2, l.properties]));
    expect(labels.get('TW')).toMatchObject({ name_en: 'Taiwan, China', name_zh: '中国台湾' });
    expect(labels.get('HK')).toMatchObject({ name_en: 'Hong Kong SAR, China', name_zh: '中国香港' });
    expect(labels.get('MO')).toMatchObject({ name_en: 'Macao SAR, China', name_zh: '中国澳门' });
    for (const code of ['TW', 'HK', 'MO'])
      expect(booleanPointInPolygon(basemap.labels.features.find((l) => l.properties.iso2 === code)!.geometry.coordinates, country('CN')!.geometry), code).toBe(true);
  });

  it('merges the two units that share code AU into one Australia', () => {
    expect(basemap.countries.features.filter((f) => f.properties.iso2 === 'AU')).toHaveLength(1);
    expect(country('AU')!.properties.name_en).toBe('Australia');
  });

  it('labels every ISO unit once, inside its country, with a unique rank', () => {
    const iso = basemap.countries.features.filter((f) => f.properties.iso2 !== '');
    const labels = basemap.labels.features;
    expect(labels.map((l) => l.properties.iso2).sort()).toEqual([...iso.map((f) => f.properties.iso2), 'HK', 'MO', 'TW'].sort());
    expect(labels.map((l) => l.properties.rank).sort((a, b) => a - b)).toEqual(labels.map((_, i) => i + 1));
    const outside: string[] = [];
    for (const l of labels) {
      if (['TW', 'HK', 'MO'].includes(l.properties.iso2)) continue;
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

  it('classifies borders: China–Hong Kong is a SAR boundary; lines of control and claim lines bound the disputed areas', () => {
    const kinds = basemap.borders.features.map((f) => f.properties.kind);
    expect(kinds).toEqual(['country', 'control', 'claim', 'sar']);
    const lines = (kind: string) =>
      new Set(
        basemap.borders.features
          .find((f) => f.properties.kind === kind)!
          .geometry.coordinates.flat()
          .map((p) => p.join()),
      );
    // Hong Kong's boundary with the mainland: a SAR boundary only.
    const hkLabel = basemap.labels.features.find((l) => l.properties.iso2 === 'HK')!.geometry.coordinates;
    const near = (kind: string) =>
      [...lines(kind)].some((p) => {
        const [x, y] = p.split(',').map(Number);
        return Math.hypot(x! - hkLabel[0]!, y! - hkLabel[1]!) < 0.3;
      });
    expect(near('sar')).toBe(true);
    expect(near('country')).toBe(false);
    // Aksai Chin: bounded by India's claim line on China's side and by the line of actual control on Kashmir's.
    const aksai = polygonsOf(basemap.countries.features.find((f) => f.properties.name_en === 'Aksai Chin')!.geometry)
      .flat(2)
      .map((p) => p.join());
    expect(aksai.some((p) => lines('claim').has(p))).toBe(true);
    expect(aksai.some((p) => lines('control').has(p))).toBe(true);
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
    const keys = basemap.countries.features.map((f) => (f.properties.iso2 && !f.properties.disputed ? `0${f.properties.iso2}` : `1${f.properties.name_en}`));
    expect(keys).toEqual([...keys].sort());
    const labelKeys = basemap.labels.features.map((f) => f.properties.iso2);
    expect(labelKeys).toEqual([...labelKeys].sort());
    expect(Object.keys(basemap.countries.features[0]!.properties)).toEqual(['iso2', 'name_en', 'name_zh', 'disputed']);
    expect(Object.keys(basemap.labels.features[0]!.properties)).toEqual(['iso2', 'name_en', 'name_zh', 'disputed', 'rank', 'scalerank']);
  });

  it('leaves the names out of the overview countries (drawn only as fills), every country by its code, in the same order', () => {
    const committed = (file: string) => JSON.parse(readFileSync(`public/data/${file}`, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    for (const prefix of ['', 'cn/']) {
      const overview = committed(`${prefix}basemap/overview/countries.geojson`).features;
      expect(overview.every((f) => Object.keys(f.properties).join() === 'iso2,disputed')).toBe(true);
      const detailed = committed(`${prefix}basemap/countries.geojson`).features;
      expect(detailed.every((f) => typeof f.properties.name_en === 'string' && typeof f.properties.name_zh === 'string')).toBe(true);
      const codes = (fs: typeof overview) => fs.map((f) => String(f.properties.iso2)).filter(Boolean);
      expect(codes(overview)).toEqual(codes(detailed));
    }
  });

  it('keeps every sizeable part of a country in the overview: a neck that crossed itself once simplified keeps both sides', () => {
    const overview = buildBasemap(topology, OVERVIEW_BASEMAP_OPTIONS);
    // Distance on the ground, roughly (km; longitude scaled by the cosine of the latitude), from a point to the nearest edge of some polygons.
    const segments = (polys: Position[][][]) => polys.flatMap((p) => p.flatMap((ring) => ring.slice(1).map((q, i) => [ring[i]!, q] as const)));
    const distance = (pt: Position, segs: (readonly [Position, Position])[]) => {
      const k = Math.cos((pt[1]! * Math.PI) / 180);
      let best = Infinity;
      for (const [a, b] of segs) {
        const [ax, ay, bx, by, px, py] = [a[0]! * k, a[1]!, b[0]! * k, b[1]!, pt[0]! * k, pt[1]!];
        const [dx, dy] = [bx - ax, by - ay];
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) * 111.2);
      }
      return best;
    };
    /** Farther than any smoothing: a part of the country is missing. */
    const LIMIT_KM = 300;
    const far: string[] = [];
    for (const f of basemap.countries.features) {
      const o = overview.countries.features.find((x) => x.properties.iso2 === f.properties.iso2 && x.properties.disputed === f.properties.disputed && x.properties.name_en === f.properties.name_en);
      if (!o || !f.properties.iso2) continue;
      // The overview drops islands and smooths coasts (thin tips by up to about 230 km: Haiti's southern peninsula, Cuba's ends,
      // Arctic capes), a couple of pixels below zoom 3; every part of 5,000 km² or more is there.
      const segs = segments(polygonsOf(o.geometry));
      for (const part of polygonsOf(f.geometry).filter((p) => area({ type: 'Polygon', coordinates: p }) >= 5000e6)) {
        const off = Math.max(...part[0]!.map((pt) => distance(pt, segs)));
        if (off > LIMIT_KM) far.push(`${f.properties.iso2} ${Math.round(off)} km`);
      }
    }
    expect(far).toEqual([]);
    // Thailand's peninsula, beyond the Kra isthmus (once lost at this weight), and the whole of Western Sahara.
    const south = (iso2: string) => Math.min(...polygonsOf(overview.countries.features.find((x) => x.properties.iso2 === iso2)!.geometry).flatMap((p) => p[0]!.map((q) => q[1]!)));
    const north = (iso2: string) => Math.max(...polygonsOf(overview.countries.features.find((x) => x.properties.iso2 === iso2)!.geometry).flatMap((p) => p[0]!.map((q) => q[1]!)));
    expect(south('TH')).toBeLessThan(6);
    expect(north('EH')).toBeGreaterThan(27);
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
    const files = basemapFiles('intl', {}, topology);
    expect([...files.keys()]).toEqual([...BASEMAP_LAYERS]);
    for (const [name, text] of files) {
      expect(text.endsWith(']}\n'), name).toBe(true);
      const lines = text.split('\n');
      expect(lines[0]).toBe('{"type":"FeatureCollection","features":[');
      expect(lines.length - 3, name).toBe(basemap[name as keyof Basemap].features.length);
      expect(lines[1]!.startsWith('{"type":"Feature","properties":{'), name).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(serializeCollection(basemap[name as keyof Basemap])));
    }
    expect(basemapFiles('intl', {}, topology)).toEqual(files);
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
