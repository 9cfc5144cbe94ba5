/**
 * The worldviews on the shipped files (`public/data/`, through the manifest as
 * the site reads it): where Taipei, Hong Kong, Macao, Sanya, Itanagar, Aksai
 * Chin, Srinagar and Muzaffarabad fall in each worldview — in which country of
 * the base map or its neutral hatch, and in which fill of the country-shaped
 * layers; Taiwan, Hong Kong and Macao in no `countries` list; disease bands
 * clipped to China and the named countries; bad `wv=` values fall back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { area } from '@turf/area';
import { intersection } from '../../geo/clip.ts';
import type { Manifest } from '../../src/data/contract.ts';
import { dataFile, type LevelOfDetail } from '../../src/data/data-files.ts';
import { DEFAULT_WORLDVIEW, WORLDVIEWS, type Worldview } from '../../src/data/worldviews.ts';
import { parseUrlState, serializeUrlState } from '../../src/state/url-state.ts';
import { preferredWorldview, rememberWorldview } from '../../src/state/worldview-preference.ts';
import { chapterPatch } from '../../src/story/chapter-view.ts';
import { validateStory } from '../../src/story/story.ts';
import { shippedStory } from '../../scripts/story-files.ts';
import { boundaryLegend, footerTexts, layoutExport, showsBox } from '../../src/export/compose.ts';
import { hatchPixels } from '../../src/map/hatch.ts';
import { makeDataset } from '../../src/data/dataset.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { EMPTY_MANIFEST } from '../helpers/features.ts';

const DATA = 'public/data';
const manifest = JSON.parse(readFileSync(`${DATA}/manifest.json`, 'utf8')) as Manifest;
type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>;
const cache = new Map<string, { features: Feature[] }>();
function read(file: string) {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(`${DATA}/${file}`, 'utf8')) as { features: Feature[] });
  return cache.get(file)!;
}
const basemap = (name: string, wv: Worldview, lod: LevelOfDetail = 'detailed') =>
  read(
    dataFile(
      manifest.basemap.find((b) => b.id === name)!,
      wv,
      lod,
    ),
  );
const layer = (id: string, wv: Worldview, lod: LevelOfDetail = 'detailed') =>
  read(
    dataFile(
      manifest.layers.find((l) => l.id === id)!,
      wv,
      lod,
    ),
  ).features as Area[];

/** Places as drawn at 1:50m (Hong Kong and Macao: a point of each as the 1:50m outline draws it). */
const PLACES = {
  Taipei: [121.56, 25.04],
  'Hong Kong': [114.19, 22.38],
  Macao: [113.51, 22.22],
  Sanya: [109.51, 18.25],
  Itanagar: [93.62, 27.08],
  'Aksai Chin': [79.5, 35.2],
  Srinagar: [74.8, 34.08],
  Muzaffarabad: [73.47, 34.37],
} as const satisfies Record<string, [number, number]>;
type Place = keyof typeof PLACES;

/** Where a place falls on the base map: a country's code, or `hatch` for a disputed area. */
function onBasemap(place: Place, wv: Worldview, lod: LevelOfDetail = 'detailed'): string[] {
  return (basemap('countries', wv, lod).features as Area[]).filter((f) => booleanPointInPolygon(PLACES[place], f)).map((f) => (f.properties.disputed ? 'hatch' : String(f.properties.iso2)));
}
/** The features of a country-shaped layer that fill a place. */
const fills = (id: string, place: Place, wv: Worldview, lod: LevelOfDetail = 'detailed') =>
  layer(id, wv, lod)
    .filter((f) => booleanPointInPolygon(PLACES[place], f.geometry))
    .map((f) => f.id);

const CHINA_EVERYWHERE: Place[] = ['Taipei', 'Hong Kong', 'Macao', 'Sanya'];
const EXPECTED: Record<Worldview, Record<Place, 'CN' | 'IN' | 'PK' | 'hatch'>> = {
  intl: { Taipei: 'CN', 'Hong Kong': 'CN', Macao: 'CN', Sanya: 'CN', Itanagar: 'hatch', 'Aksai Chin': 'hatch', Srinagar: 'hatch', Muzaffarabad: 'hatch' },
  cn: { Taipei: 'CN', 'Hong Kong': 'CN', Macao: 'CN', Sanya: 'CN', Itanagar: 'CN', 'Aksai Chin': 'CN', Srinagar: 'hatch', Muzaffarabad: 'hatch' },
};

describe.each(WORLDVIEWS)('worldview %s, shipped files', (wv) => {
  it.each(Object.keys(PLACES) as Place[])('%s falls where the worldview puts it, on the base map', (place) => {
    expect(onBasemap(place, wv)).toEqual([EXPECTED[wv][place]]);
  });

  it.each(Object.keys(PLACES) as Place[])('%s is in China’s fill of every country-shaped layer exactly when the worldview gives it to China; never in India’s or Pakistan’s', (place) => {
    const china = EXPECTED[wv][place] === 'CN';
    // The 2020 statement has China and Pakistan, not India; BRICS China and India; the priority countries India and Pakistan.
    expect(fills('statement-2020', place, wv)).toEqual(china ? ['statement-cn'] : []);
    expect(fills('mechanisms', place, wv).includes('mech-brics')).toBe(china);
    expect(fills('mechanisms', place, wv).includes('mech-sco')).toBe(china);
    expect(fills('priority-countries', place, wv)).toEqual([]);
  });

  it('draws the disputed areas it keeps neutral in no country’s fill, in the overview files too', () => {
    for (const [place, where] of Object.entries(EXPECTED[wv]) as [Place, string][]) {
      if (where !== 'hatch') continue;
      expect(onBasemap(place, wv, 'overview'), place).toEqual(['hatch']);
      for (const id of ['statement-2020', 'mechanisms', 'priority-countries', 'disease-zones']) expect(fills(id, place, wv, 'overview'), `${place} ${id}`).toEqual([]);
    }
  });

  it('gives China Taiwan, Hong Kong and Macao in every layer where China is shaded', () => {
    for (const place of CHINA_EVERYWHERE) {
      expect(fills('statement-2020', place, wv), place).toEqual(['statement-cn']);
      expect(fills('mechanisms', place, wv), place).toEqual(expect.arrayContaining(['mech-apec', 'mech-sco', 'mech-brics', 'mech-china-asean']));
    }
  });

  it('clips every disease-control zone to China and its named countries: no band in a third country, a disputed area or the sea', () => {
    const countries = basemap('countries', wv).features as Area[];
    for (const zone of layer('disease-zones', wv)) {
      const p = zone.properties as { partner_countries: string[]; method: { neighbours?: string[] } };
      const allowed = new Set(['CN', ...p.partner_countries, ...(p.method.neighbours ?? [])]);
      for (const c of countries) {
        if (allowed.has(String(c.properties.iso2)) && !c.properties.disputed) continue;
        const coords = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
        const overlap = intersection(coords(zone.geometry), coords(c.geometry));
        const km2 = overlap.reduce((s, poly) => s + area({ type: 'Polygon', coordinates: poly }) / 1e6, 0);
        // Outlines are simplified and rounded on both sides: a few km² along a shared border is the drawing, not a spill.
        expect(km2, `${zone.id} in ${String(c.properties.name_en)}`).toBeLessThan(50);
      }
    }
  });
});

describe('the worldviews differ where they should', () => {
  it('draws China’s South China Sea line only in China’s worldview', () => {
    const maritime = (wv: Worldview) => (basemap('borders', wv).features as Feature<MultiLineString, { kind: string }>[]).filter((f) => f.properties.kind === 'maritime');
    expect(maritime('intl')).toEqual([]);
    expect(maritime('cn')).toHaveLength(1);
    expect(maritime('cn')[0]!.geometry.coordinates.length).toBeGreaterThanOrEqual(9);
  });

  it('names the South China Sea islands in China’s worldview', () => {
    const names = (wv: Worldview) => basemap('labels', wv).features.map((f) => String(f.properties!.name_zh));
    expect(names('cn')).toEqual(expect.arrayContaining(['西沙群岛', '南沙群岛', '黄岩岛', '钓鱼岛']));
    expect(names('intl')).not.toContain('南沙群岛');
  });

  it('labels Taiwan, Hong Kong and Macao as parts of China, and Kosovo after resolution 1244, in both', () => {
    for (const wv of WORLDVIEWS) {
      const labels = new Map(basemap('labels', wv).features.map((f) => [String(f.properties!.iso2), f.properties as Record<string, string>]));
      expect(labels.get('TW')).toMatchObject({ name_en: 'Taiwan, China', name_zh: '中国台湾' });
      expect(labels.get('HK')).toMatchObject({ name_en: 'Hong Kong SAR, China', name_zh: '中国香港' });
      expect(labels.get('MO')).toMatchObject({ name_en: 'Macao SAR, China', name_zh: '中国澳门' });
      expect(labels.get('XK')).toMatchObject({ name_en: 'Kosovo (UNSCR 1244)' });
      // No country feature of its own: they are China's.
      for (const code of ['TW', 'HK', 'MO'])
        expect(
          basemap('countries', wv).features.some((f) => f.properties!.iso2 === code),
          code,
        ).toBe(false);
    }
  });

  it('dashes the edges of disputed areas: lines of control and claim lines exist in both', () => {
    for (const wv of WORLDVIEWS) {
      const kinds = basemap('borders', wv).features.map((f) => String(f.properties!.kind));
      expect(kinds).toEqual(expect.arrayContaining(['country', 'control', 'claim', 'sar']));
    }
  });
});

describe('Taiwan, Hong Kong and Macao in the lists', () => {
  it('are in no `countries` list of any shipped layer, in any worldview; APEC lists its economies by their APEC names', () => {
    const found: string[] = [];
    for (const l of manifest.layers) {
      for (const wv of WORLDVIEWS) {
        for (const f of layer(l.id, wv)) {
          const p = f.properties as { countries: string[]; places: { country?: string }[] };
          for (const c of p.countries) if (['TW', 'HK', 'MO'].includes(c)) found.push(`${wv} ${String(f.id)} ${c}`);
        }
      }
    }
    expect(found).toEqual([]);
    const apec = layer('mechanisms', 'intl').find((f) => f.id === 'mech-apec')!.properties as { member_names: { iso2: string; en: string; zh: string }[] };
    const byCode = new Map(apec.member_names.map((m) => [m.iso2, m]));
    expect(byCode.get('TW')).toMatchObject({ en: 'Chinese Taipei', zh: '中国台北' });
    expect(byCode.get('HK')).toMatchObject({ en: 'Hong Kong, China', zh: '中国香港' });
    // The records that named them (the 1991 Quanzhou symposium, project 24) now name China once.
    const events = layer('events', 'intl').find((f) => (f.properties as { countries: string[] }).countries.includes('BN') && String(f.id).includes('quanzhou'));
    if (events) expect((events.properties as { countries: string[] }).countries.filter((c) => c === 'CN')).toHaveLength(1);
  });
});

describe('the worldview in the URL, the preference and stories', () => {
  it('parses wv=, falls back to the default on a bad value without an error, and leaves the default out of the URL', () => {
    expect(parseUrlState('http://x/#wv=cn').worldview).toBe('cn');
    expect(parseUrlState('http://x/#wv=intl').worldview).toBe('intl');
    expect(parseUrlState('http://x/#wv=xx').worldview).toBe(DEFAULT_WORLDVIEW);
    expect(parseUrlState('http://x/#wv=').worldview).toBe(DEFAULT_WORLDVIEW);
    expect(parseUrlState('http://x/#wv=%3Cscript%3E').worldview).toBe(DEFAULT_WORLDVIEW);
    // Without wv=, the fallback (the remembered worldview) applies.
    expect(parseUrlState('http://x/#lang=en', 'en', { fallbackWorldview: 'cn' }).worldview).toBe('cn');
    const other = WORLDVIEWS.find((w) => w !== DEFAULT_WORLDVIEW)!;
    expect(serializeUrlState({ ...parseUrlState('http://x/'), worldview: DEFAULT_WORLDVIEW })).not.toContain('wv=');
    expect(serializeUrlState({ ...parseUrlState('http://x/'), worldview: other })).toContain(`wv=${other}`);
    expect(parseUrlState(`http://x/#${serializeUrlState({ ...parseUrlState('http://x/'), worldview: other })}`).worldview).toBe(other);
  });

  it('remembers the worldview like the language, and ignores what storage holds that is not one', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(preferredWorldview(storage)).toBe(DEFAULT_WORLDVIEW);
    rememberWorldview(storage, 'cn');
    expect(preferredWorldview(storage)).toBe('cn');
    store.set('hsr-worldview', 'mars');
    expect(preferredWorldview(storage)).toBe(DEFAULT_WORLDVIEW);
    expect(
      preferredWorldview({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe(DEFAULT_WORLDVIEW);
  });

  it('lets a story or a chapter set the worldview, validated like the rest', () => {
    const story = shippedStory('.', 'health-silk-road')!;
    const ch = story.chapters[0]!;
    expect(chapterPatch(ch).worldview).toBeUndefined();
    expect(chapterPatch(ch, { worldview: 'cn' }).worldview).toBe('cn');
    expect(chapterPatch({ ...ch, worldview: 'intl' }, { worldview: 'cn' }).worldview).toBe('intl');
    expect(validateStory({ ...story, worldview: 'cn' })).toEqual([]);
    expect(validateStory({ ...story, worldview: 'xx' as Worldview })).toEqual([expect.stringMatching(/worldview: "xx" is not one of intl, cn/)]);
    expect(validateStory({ ...story, chapters: [{ ...ch, worldview: 'yy' as Worldview }] })).toEqual([expect.stringMatching(/chapter "[a-z-]+": worldview: "yy"/)]);
  });
});

describe('exports in each worldview (composition)', () => {
  const data = (wv: Worldview) => makeDataset(EMPTY_MANIFEST, {}, wv);

  it('puts the worldview’s disclaimer in the footer, in the export’s language', () => {
    const s = defaultState();
    expect(footerTexts(s, data('intl'), 'en', new Date(0)).attribution).toMatch(/do not imply the expression of any opinion whatsoever.*Dotted and dashed lines/);
    expect(footerTexts(s, data('intl'), 'zh', new Date(0)).attribution).toMatch(/并不意味着.*点线和虚线/);
    expect(footerTexts(s, data('cn'), 'zh', new Date(0)).attribution).toMatch(/未经审图/);
    expect(footerTexts(s, data('cn'), 'en', new Date(0)).attribution).toMatch(/not a reviewed standard map/);
  });

  it('names the boundary symbols as each worldview names them, China’s line only in China’s', () => {
    const keys = (wv: Worldview) => boundaryLegend(wv).items.map((i) => i.key);
    expect(keys('intl')).toEqual(['country', 'control', 'claim', 'disputed']);
    expect(keys('cn')).toEqual(['country', 'control', 'claim', 'maritime', 'disputed']);
    expect(boundaryLegend('cn').items.find((i) => i.key === 'control')!.label.zh).toBe('未定国界、实际控制线');
    expect(boundaryLegend('intl').items.find((i) => i.key === 'disputed')!.swatch).toMatchObject({ kind: 'fill', hatch: true });
  });

  it('tells whether a map shows the South China Sea: the default world view does, Europe does not, nor a rotated view that turns it out of the frame', () => {
    const line = [108.3, 3.6, 121.9, 21.8] as const;
    expect(showsBox({ center: [95, 25], zoom: 1.6, bearing: 0 }, 1440, 800, line)).toBe(true);
    expect(showsBox({ center: [15, 48], zoom: 3.5, bearing: 0 }, 1440, 800, line)).toBe(false);
    expect(showsBox({ center: [113, 13], zoom: 4, bearing: 0 }, 1440, 900, line)).toBe(true);
    // A portrait view fits the tall sea; turned 90°, the sea lies across the short side and does not fit.
    expect(showsBox({ center: [115, 13], zoom: 4.5, bearing: 0 }, 500, 1400, line)).toBe(true);
    expect(showsBox({ center: [115, 13], zoom: 4.5, bearing: 90 }, 500, 1400, line)).toBe(false);
    // Across the antimeridian: a Pacific-centred view still finds it.
    expect(showsBox({ center: [-170, 15], zoom: 1.2, bearing: 0 }, 1920, 1080, line)).toBe(true);
  });

  it('places the inset in the lower right and moves the scale bar beside it', () => {
    const base = { width: 1920, height: 1080, showTitle: true, showSubtitle: true, legendRows: 4, footerLines: 2 };
    const without = layoutExport(base);
    const withInset = layoutExport({ ...base, inset: true });
    expect(without.inset).toBeNull();
    const box = withInset.inset!;
    expect(box.x + box.w).toBeCloseTo(withInset.map.x + withInset.map.w - withInset.margin);
    expect(box.y + box.h).toBeCloseTo(withInset.map.y + withInset.map.h - withInset.margin);
    expect(withInset.scaleBar.x + withInset.scaleBar.w).toBeLessThan(box.x);
    expect(withInset.map).toEqual(without.map);
  });

  it('draws the neutral hatch as diagonal lines on a transparent tile that repeats seamlessly', () => {
    const size = 16;
    const px = hatchPixels(size, 2, [0, 0, 0], 1);
    const alpha = (x: number, y: number) => px[(((y + size) % size) * size + ((x + size) % size)) * 4 + 3]!;
    let ink = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        if (alpha(x, y) > 0) ink++;
        // Along a diagonal (x + y constant) the tile looks the same, across the tile's edges too.
        expect(alpha(x, y)).toBe(alpha(x + 1, y - 1));
      }
    expect(ink).toBeGreaterThan(size);
    expect(ink).toBeLessThan((size * size) / 2);
  });
});
