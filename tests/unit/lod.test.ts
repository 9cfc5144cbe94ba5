/**
 * Level of detail: overview outlines at world scale, detailed ones when zoomed
 * in — the geo build's overview files, the site's loader and the layer builder.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { overviewLayer, overviewPolygons } from '../../geo/overview.ts';
import { geometryProblem } from '../../geo/validate.ts';
import { DataLoader } from '../../src/data/data-loader.ts';
import { drawnFeatures, makeLodDataset } from '../../src/data/dataset.ts';
import type { FetchLike } from '../../src/data/load-data.ts';
import { OVERVIEW_MAX_ZOOM, type Manifest } from '../../src/data/contract.ts';
import { type LayerId } from '../../src/layers/registry.ts';
import { buildLayers } from '../../src/layers/build-layers.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { lodForZoom, wantsDetail } from '../../src/map/lod.ts';
import { basemapFiles } from '../../src/data/data-files.ts';
import { feat } from '../helpers/features.ts';

/** A ring around (lon, lat) with `n` vertices and a little noise, `r` degrees across. */
function wobblyRing(lon: number, lat: number, r: number, n: number): number[][] {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const k = r * (1 + 0.01 * Math.sin(i * 7));
    return [lon + k * Math.cos(a), lat + k * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}

const vertices = (g: Polygon | MultiPolygon) => JSON.stringify(g.coordinates).split('],[').length;

describe('overview outlines (geo build)', () => {
  it('simplifies a detailed outline to far fewer vertices, still valid', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [wobblyRing(100, 30, 5, 2000)] };
    const o = overviewPolygons(g);
    expect(geometryProblem(o)).toBeUndefined();
    expect(vertices(o)).toBeLessThan(vertices(g) / 10);
  });

  it('drops islands too small to see but never a feature’s largest part', () => {
    const big = wobblyRing(100, 30, 5, 200);
    const islet = wobblyRing(120, 10, 0.05, 20); // ~80 km²
    const o = overviewPolygons({ type: 'MultiPolygon', coordinates: [[big], [islet]] });
    expect(o.type).toBe('Polygon');
    // A feature that is only an islet keeps it.
    const alone = overviewPolygons({ type: 'Polygon', coordinates: [islet] });
    expect(JSON.stringify(alone.coordinates)).toContain('120');
  });

  it('is deterministic and keeps ids and properties', () => {
    const f = feat('priority-countries', 'priority-belt-xx', { type: 'Polygon', coordinates: [wobblyRing(60, 45, 4, 500)] });
    const a = overviewLayer([f])!;
    const b = overviewLayer([f])!;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a[0]!.id).toBe(f.id);
    expect(a[0]!.properties).toEqual(f.properties);
  });

  it('gives layers without polygons no overview', () => {
    expect(overviewLayer([feat('projects', 'p', { type: 'Point', coordinates: [1, 2] })])).toBeUndefined();
  });

  it('ships an overview for every polygon layer of the real data, with the same features and properties', () => {
    const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as Manifest;
    const polygonLayers = manifest.layers.filter((l) => l.geometry === 'Polygon');
    expect(polygonLayers.length).toBeGreaterThan(0);
    for (const l of polygonLayers) {
      expect(l.overview, l.id).toBeDefined();
      const full = JSON.parse(readFileSync(`public/data/${l.file}`, 'utf8')) as { features: { id: string; properties: unknown }[] };
      const ov = JSON.parse(readFileSync(`public/data/${l.overview!.file}`, 'utf8')) as { features: { id: string; properties: unknown }[] };
      expect(
        ov.features.map((f) => f.id),
        l.id,
      ).toEqual(full.features.map((f) => f.id));
      expect(
        ov.features.map((f) => f.properties),
        l.id,
      ).toEqual(full.features.map((f) => f.properties));
      expect(l.overview!.bytes, l.id).toBeLessThan(l.bytes * 0.75);
    }
    for (const l of manifest.layers.filter((x) => x.geometry !== 'Polygon')) expect(l.overview, l.id).toBeUndefined();
  });
});

describe('level of detail (site)', () => {
  it('draws overview outlines below the overview zoom and detailed ones from it, prefetching just before', () => {
    expect(lodForZoom(OVERVIEW_MAX_ZOOM - 0.01)).toBe('overview');
    expect(lodForZoom(OVERVIEW_MAX_ZOOM)).toBe('detailed');
    expect(wantsDetail(1.5)).toBe(false);
    expect(wantsDetail(OVERVIEW_MAX_ZOOM - 0.25)).toBe(true);
  });

  it('takes the base map files of each worldview and level of detail from the shipped manifest, overviews only for the outlines', () => {
    const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as Manifest;
    const base = new URL('https://example.org/site/data/');
    const intl = basemapFiles(manifest, 'intl', base);
    const cn = basemapFiles(manifest, 'cn', base);
    expect(intl('countries', 'overview')).toBe('https://example.org/site/data/basemap/overview/countries.geojson');
    expect(intl('borders', 'overview')).toBe('https://example.org/site/data/basemap/overview/borders.geojson');
    expect(intl('labels', 'overview')).toBe('https://example.org/site/data/basemap/labels.geojson');
    expect(intl('countries')).toBe('https://example.org/site/data/basemap/countries.geojson');
    expect(cn('countries', 'overview')).toBe('https://example.org/site/data/cn/basemap/overview/countries.geojson');
    expect(cn('labels')).toBe('https://example.org/site/data/cn/basemap/labels.geojson');
    // The graticule is the same in every worldview: one file.
    expect(cn('graticule')).toBe(intl('graticule'));
    expect(intl('nope')).toBeUndefined();
  });

  it('builds polygon layers from the overview at world scale and from the detailed features when zoomed in', () => {
    const detailed = feat('priority-countries', 'priority-belt-kz', { type: 'Polygon', coordinates: [wobblyRing(68, 48, 6, 400)] }, { direction: 'belt' });
    const overview = { ...detailed, geometry: { type: 'Polygon' as const, coordinates: [wobblyRing(68, 48, 6, 12)] } };
    const manifest: Manifest = { ...MANIFEST };
    const d = makeLodDataset(manifest, { overview: { 'priority-countries': [overview] }, detailed: { 'priority-countries': [detailed] } });
    const state = { ...defaultState(), layers: ['priority-countries' as LayerId] };
    const at = (lod: 'overview' | 'detailed') => (buildLayers(state, d, [], lod).find((l) => l.props.id === 'priority-countries')!.props.data as (typeof detailed)[])[0];
    expect(at('overview')).toBe(overview);
    expect(at('detailed')).toBe(detailed);
    // Lookups (detail panel, list, search) see the most detailed feature loaded.
    expect(d.byId.get('priority-belt-kz')).toBe(detailed);
    // With only the overview loaded, both levels draw it.
    const onlyOverview = makeLodDataset(manifest, { overview: { 'priority-countries': [overview] } });
    expect(drawnFeatures(onlyOverview, 'priority-countries', 'detailed')).toEqual([overview]);
  });
});

const MANIFEST: Manifest = {
  version: 1,
  content_hash: 'h',
  documents: [],
  basemap: [],
  extras: [],
  layers: [
    {
      id: 'priority-countries',
      file: 'priority-countries.geojson',
      title_en: 'P',
      title_zh: '重',
      geometry: 'Polygon',
      count: 1,
      bytes: 100,
      overview: { file: 'overview/priority-countries.geojson', bytes: 10, max_zoom: 3 },
    },
    { id: 'projects', file: 'projects.geojson', title_en: 'K', title_zh: '项', geometry: 'Point', count: 1, bytes: 10 },
  ],
};

describe('DataLoader', () => {
  const pc = feat('priority-countries', 'priority-belt-kz', { type: 'Polygon', coordinates: [wobblyRing(68, 48, 6, 40)] });
  const pr = feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1 });
  function fakeFetch(fail: string[] = []) {
    const requested: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      const path = new URL(url).pathname.replace(/^\/data\//, '');
      requested.push(path);
      const body = path === 'manifest.json' ? MANIFEST : { type: 'FeatureCollection', features: path.includes('priority') ? [pc] : [pr] };
      const ok = !fail.includes(path);
      return { ok, status: ok ? 200 : 500, json: async () => body, text: async () => JSON.stringify(body) };
    };
    return { requested, fetchFn };
  }

  it('loads the visible layers as overviews first, the rest later, and detailed outlines only when asked, once', async () => {
    const { requested, fetchFn } = fakeFetch();
    const published: string[] = [];
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => published.push(Object.keys(d.overview).join(',') + '|' + [...d.detailed].join(',')), fetchFn);
    await loader.start(['priority-countries']);
    expect(requested).toEqual(['manifest.json', 'overview/priority-countries.geojson']);
    expect(loader.isDetailed(['priority-countries'])).toBe(false);
    await loader.loadRest();
    expect(requested.slice(2)).toEqual(['projects.geojson']);
    await Promise.all([loader.ensureDetailed(['priority-countries', 'projects']), loader.ensureDetailed(['priority-countries'])]);
    expect(requested.slice(3)).toEqual(['priority-countries.geojson']);
    expect(loader.isDetailed(['priority-countries', 'projects'])).toBe(true);
    expect(published.at(-1)).toBe('priority-countries|priority-countries,projects');
    // Layers the manifest does not list are reported once, not fetched, not retried.
    expect(loader.report.failedLayers.map((l) => l.id)).not.toContain('projects');
    expect(loader.report.failedLayers.map((l) => l.id)).toContain('events');
  });

  it('publishes an empty dataset at once when no layer is on the map', async () => {
    const { requested, fetchFn } = fakeFetch();
    let published = 0;
    const loader = new DataLoader(new URL('https://example.org/data/'), () => published++, fetchFn);
    const d = await loader.start([]);
    expect(requested).toEqual(['manifest.json']);
    expect(published).toBe(1);
    expect(d.byId.size).toBe(0);
  });

  it('keeps the overview when the detailed file fails, and reports it', async () => {
    const { fetchFn } = fakeFetch(['priority-countries.geojson']);
    let last: ReturnType<typeof makeLodDataset> | undefined;
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => (last = d), fetchFn);
    await loader.start(['priority-countries']);
    await loader.ensureDetailed(['priority-countries']);
    expect(last!.layers['priority-countries'].map((f) => f.id)).toEqual(['priority-belt-kz']);
    expect(loader.report.failedLayers.map((l) => l.id)).toEqual(['priority-countries']);
  });
});
