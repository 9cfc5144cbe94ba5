import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { emptyReport, loadDataset, loadManifest, validateFeatures, type FetchLike } from '../../src/data/load-data.ts';
import { feat } from '../helpers/features.ts';
import type { Manifest } from '../../src/data/contract.ts';

const good = feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1 });

const MANIFEST: Manifest = {
  version: 1,
  content_hash: 'h',
  documents: [],
  basemap: [],
  extras: [],
  layers: [{ id: 'projects', file: 'projects.geojson', title_en: 'P', title_zh: '项', geometry: 'Point', count: 1, bytes: 1 }],
};

describe('loading data', () => {
  it('keeps valid features and skips malformed ones, saying which and why', () => {
    const report = emptyReport();
    const broken = [
      { ...good, id: 'x1', geometry: { type: 'Point', coordinates: ['a', 1] } },
      { ...good, id: 'x2', properties: { ...good.properties, sources: [] } },
      { ...good, id: 'x3', properties: { ...good.properties, name_zh: '' } },
      'not a feature',
    ];
    const out = validateFeatures('projects', { type: 'FeatureCollection', features: [good, ...broken] }, report);
    expect(out.map((f) => f.id)).toEqual(['project-01']);
    expect(report.skipped.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(report.skipped[0]!.reason).toMatch(/geometry/);
    expect(report.skipped[1]!.reason).toMatch(/sources/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown status', { status: 'cancelled' }, /status/],
    ['an area outside 1–8', { area: 9 }, /area/],
    ['a fractional area', { area: 2.5 }, /area/],
    ['an unknown direction', { direction: 'north' }, /direction/],
    ['a year that is not an integer', { year_start: '2015' }, /year_start/],
    ['an end before the start', { year_start: 2017, year_end: 2015 }, /year_end/],
    ['figures that are not objects', { figures: ['many'] }, /figures/],
    ['a figure without its quote', { figures: [{ label: { en: 'a', zh: '甲' }, value: 3, unit: { en: 'u', zh: '个' } }] }, /figures\.0\.source/],
    ['external sources that are not a list', { external_sources: 'NDRC 2015' }, /external_sources/],
    ['an external source without a title', { external_sources: [{ publisher: 'NDRC', date: '2015' }] }, /external_sources\.0\.title/],
    ['a project number that is not a number', { project_no: 'twenty-three' }, /project_no/],
    ['member names that are not objects', { member_names: [null] }, /member_names/],
    ['a malformed country code', { countries: ['cz'] }, /countries/],
    ['an unknown disease group', { disease_group: 'gout' }, /disease_group/],
  ])('skips a record with %s, saying which field', (_what, props, field) => {
    const report = emptyReport();
    const bad = { ...good, id: 'bad', properties: { ...good.properties, ...props } };
    expect(validateFeatures('projects', { type: 'FeatureCollection', features: [bad, good] }, report).map((f) => f.id)).toEqual(['project-01']);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]!.reason).toMatch(field);
  });

  it('keeps a record whose optional fields are well-formed', () => {
    const report = emptyReport();
    const full = feat(
      'projects',
      'project-02',
      { type: 'Point', coordinates: [1, 2] },
      {
        project_no: 2,
        area: 4,
        status: 'intended',
        direction: 'both',
        year_start: 2015,
        year_end: 2017,
        date: '2016-06',
        figures: [{ label: { en: 'a', zh: '甲' }, value: 3, unit: { en: 'u', zh: '个' }, source: { doc: 'communique-2017.en.txt', quote: 'a quote long enough' } }],
        external_sources: [{ title: 'T', publisher: 'P', date: '2015-03-28' }],
      },
    );
    expect(validateFeatures('projects', { type: 'FeatureCollection', features: [full] }, report)).toHaveLength(1);
    expect(report.skipped).toEqual([]);
  });

  it('skips a record that claims another layer than its file', () => {
    const report = emptyReport();
    const other = feat('events', 'event-01', { type: 'Point', coordinates: [1, 2] });
    expect(validateFeatures('projects', { type: 'FeatureCollection', features: [good, other] }, report).map((f) => f.id)).toEqual(['project-01']);
    expect(report.skipped[0]!.reason).toMatch(/layer.*events.*projects/);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'hello', /manifest\.json/],
    ['a layer that is not a layer', { ...MANIFEST, layers: [{ ...MANIFEST.layers[0], id: 'secret' }] }, /layers\.0\.id/],
    ['a file path leaving data/', { ...MANIFEST, layers: [{ ...MANIFEST.layers[0], file: '../../etc/passwd' }] }, /layers\.0\.file/],
    ['documents that are not a list', { ...MANIFEST, documents: {} }, /documents/],
  ])('refuses a manifest that is %s, naming the field', async (_what, body, message) => {
    const fetchFn: FetchLike = async () => ({ ok: true, status: 200, json: async () => body, text: async () => JSON.stringify(body) });
    await expect(loadManifest(new URL('http://x/data/'), fetchFn)).rejects.toThrow(message);
  });

  it('accepts the shipped manifest', async () => {
    const body = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as unknown;
    const fetchFn: FetchLike = async () => ({ ok: true, status: 200, json: async () => body, text: async () => '' });
    const m = await loadManifest(new URL('http://x/data/'), fetchFn);
    expect(m.layers.length).toBeGreaterThan(10);
  });

  it('reports a file that is not a FeatureCollection', () => {
    const report = emptyReport();
    expect(validateFeatures('events', { hello: 'world' }, report)).toEqual([]);
    expect(report.failedLayers).toEqual([{ id: 'events', reason: 'not a GeoJSON FeatureCollection' }]);
  });

  it('loads every layer it can, and names the ones it cannot', async () => {
    const manifest: Manifest = {
      version: 1,
      content_hash: 'h',
      documents: [],
      basemap: [],
      extras: [],
      layers: [
        { id: 'projects', file: 'projects.geojson', title_en: 'P', title_zh: '项', geometry: 'Point', count: 1, bytes: 1 },
        { id: 'events', file: 'events.geojson', title_en: 'E', title_zh: '事', geometry: 'Point', count: 1, bytes: 1 },
      ],
    };
    const files: Record<string, unknown> = { 'manifest.json': manifest, 'projects.geojson': { type: 'FeatureCollection', features: [good] } };
    const fetchFn: FetchLike = async (url) => {
      const name = url.split('/').pop()!;
      const body = files[name];
      return { ok: body !== undefined, status: body === undefined ? 404 : 200, json: async () => body, text: async () => JSON.stringify(body) };
    };
    const { dataset, report } = await loadDataset(new URL('http://x/data/'), fetchFn);
    expect(dataset.layers.projects.map((f) => f.id)).toEqual(['project-01']);
    expect(dataset.byId.get('project-01')).toBeDefined();
    expect(report.failedLayers.find((l) => l.id === 'events')!.reason).toBe('HTTP 404');
    // Layers missing from the manifest are reported too, not silently empty.
    expect(report.failedLayers.find((l) => l.id === 'mechanisms')!.reason).toBe('not in the manifest');
  });

  it('fails clearly when the manifest itself is missing', async () => {
    const fetchFn: FetchLike = async () => ({ ok: false, status: 500, json: async () => ({}), text: async () => '' });
    await expect(loadDataset(new URL('http://x/data/'), fetchFn)).rejects.toThrow('manifest.json: HTTP 500');
  });

  it('fails clearly when the manifest is not JSON (a truncated file, an HTML error page)', async () => {
    const fetchFn: FetchLike = async () => ({ ok: true, status: 200, json: async () => JSON.parse('<!doctype html>') as unknown, text: async () => '<!doctype html>' });
    await expect(loadManifest(new URL('http://x/data/'), fetchFn)).rejects.toThrow('manifest.json: not valid JSON');
  });
});
