import { describe, expect, it } from 'vitest';
import {
  STATE_PARAMS,
  URL_MIGRATIONS,
  URL_VERSION,
  formatCamera,
  migrateParams,
  parseCamera,
  parseParams,
  parseUrlState,
  printedLink,
  serializeUrlState,
  startAddress,
  viewLink,
  type UrlMigration,
} from '../../src/state/url-state.ts';
import { MAP_LIMITS } from '../../src/map/limits.ts';
import { defaultState, type AppState } from '../../src/state/app-state.ts';
import { DEFAULT_LAYERS } from '../../src/layers/registry.ts';

const at = (hash: string) => parseUrlState(`https://example.org/map/${hash}`);

describe('URL state', () => {
  it('the default view names only its language and the schema version, and a bare URL is the default view', () => {
    expect(serializeUrlState(defaultState())).toBe(`lang=en&v=${URL_VERSION}`);
    expect(serializeUrlState(defaultState('zh'))).toBe(`lang=zh&v=${URL_VERSION}`);
    expect(at('')).toEqual(defaultState());
    expect(at('#lang=en')).toEqual(defaultState());
  });

  it('always writes the language, so a link reopens in it whatever the visitor prefers', () => {
    for (const lang of ['en', 'zh'] as const) {
      const hash = serializeUrlState({ ...defaultState(lang), selected: 'project-23' });
      expect(parseUrlState(`https://example.org/#${hash}`, lang === 'en' ? 'zh' : 'en').lang).toBe(lang);
    }
  });

  it('round-trips a full view', () => {
    const s: AppState = {
      ...defaultState('zh'),
      camera: { zoom: 4.25, lat: 35.12, lon: 103.46, bearing: 12.5, pitch: 30 },
      layers: ['projects', 'disease-zones', 'mechanisms'],
      mechanisms: ['mech-sco', 'mech-gms'],
      filters: { areas: [2, 5], direction: 'maritime', statuses: ['intended'], country: 'CZ', years: [2015, 2016] },
      selected: 'project-23',
      view: 'list',
      reader: { doc: 'implementation-plan-2015.zh.txt', quote: '“中国-捷克中医中心”正式挂牌成立' },
      story: { id: 'default', chapter: 2 },
      kiosk: 45,
      embed: true,
    };
    const hash = serializeUrlState(s);
    const back = parseUrlState(`https://example.org/#${hash}`);
    expect(back).toEqual({ ...s, layers: ['mechanisms', 'disease-zones', 'projects'] });
  });

  it.each([
    ['map=4/35/103', { zoom: 4, lat: 35, lon: 103, bearing: 0, pitch: 0 }],
    ['map=2.5/-10.25/179.9/45/60', { zoom: 2.5, lat: -10.25, lon: 179.9, bearing: 45, pitch: 60 }],
  ])('parses camera %s', (hash, camera) => {
    expect(at(`#${hash}`).camera).toEqual(camera);
  });

  it.each(['map=a/b/c', 'map=1/2', 'map=1/2/3/4/5/6', 'map=NaN/0/0', 'map=1e3/0/0', 'map=', 'map=3/0/0/0/-', 'map=1234/0/0'])('ignores a malformed camera %s', (hash) => {
    expect(at(`#${hash}`).camera).toBeNull();
  });

  it.each([
    // The map's limits: zoom 0.5–8, Web Mercator's latitude, pitch 60; longitude and bearing wrap.
    ['map=99/0/0', { zoom: 8, lat: 0, lon: 0, bearing: 0, pitch: 0 }],
    ['map=0/0/0', { zoom: 0.5, lat: 0, lon: 0, bearing: 0, pitch: 0 }],
    ['map=22/85.06/180/0/85', { zoom: 8, lat: MAP_LIMITS.maxLat, lon: 180, bearing: 0, pitch: 60 }],
    ['map=3/95/0', { zoom: 3, lat: MAP_LIMITS.maxLat, lon: 0, bearing: 0, pitch: 0 }],
    ['map=3/-95/0', { zoom: 3, lat: -MAP_LIMITS.maxLat, lon: 0, bearing: 0, pitch: 0 }],
    ['map=3/0/500', { zoom: 3, lat: 0, lon: 140, bearing: 0, pitch: 0 }],
    ['map=3/0/-190', { zoom: 3, lat: 0, lon: 170, bearing: 0, pitch: 0 }],
    ['map=3/0/0/270/90', { zoom: 3, lat: 0, lon: 0, bearing: -90, pitch: 60 }],
    ['map=3/0/0/-180', { zoom: 3, lat: 0, lon: 0, bearing: 180, pitch: 0 }],
  ])("clamps an out-of-range camera %s into the map's limits", (hash, camera) => {
    expect(at(`#${hash}`).camera).toEqual(camera);
  });

  it('never writes -0, and writes back the clamped view', () => {
    const c = at('#map=-0/-0/-0/-0/-0').camera!;
    for (const x of Object.values(c)) expect(Object.is(x, -0), JSON.stringify(c)).toBe(false);
    expect(serializeUrlState(at('#map=22/85.06/180/0/85'))).toContain('map=8/85.051/180/0/60&');
    expect(serializeUrlState(at('#map=3/-0.00000001/-0'))).toContain('map=3/0/0&');
  });

  it.each([
    ['layers=projects,unknown,projects', ['projects']],
    ['layers=', []],
    ['layers=%3Cscript%3E', [...DEFAULT_LAYERS]],
  ])('validates layers %s', (hash, layers) => {
    expect([...at(`#${hash}`).layers].sort()).toEqual([...layers].sort());
  });

  it('drops hostile and out-of-range values, keeping the rest of the view', () => {
    const s = at('#area=0,3,9,3,x&dir=north&status=planned,evil&country=cz&years=2017-2015&sel=<img src=x onerror=alert(1)>&lang=fr&view=grid&doc=../../etc/passwd&story=Default!&map=3/30/100');
    expect(s.filters).toEqual({ areas: [3], direction: 'all', statuses: ['planned'], country: null, years: null });
    expect(s.selected).toBeNull();
    expect(s.lang).toBe('en');
    expect(s.view).toBe('map');
    expect(s.reader).toBeNull();
    expect(s.story).toBeNull();
    expect(s.camera).toEqual({ zoom: 3, lat: 30, lon: 100, bearing: 0, pitch: 0 });
  });

  it('survives garbage without throwing', () => {
    for (const href of ['#%%%', '#map=%E0%A4%A', '#' + 'a='.repeat(5000), 'not a url at all', '#sel=' + 'x'.repeat(100_000), '#years=0000-9999', '#chapter=-1&story=x']) {
      expect(() => parseUrlState(href)).not.toThrow();
    }
  });

  it('reads story chapters as 1-based', () => {
    expect(at('#story=default&chapter=3').story).toEqual({ id: 'default', chapter: 2 });
  });

  it.each([
    ['embed', true],
    ['embed=', true],
    ['embed=1', true],
    ['embed=true', true],
    ['embed=0', false],
    ['embed=false', false],
    ['lang=en', false],
  ])('reads %s as embed %s', (hash, embed) => {
    expect(at(`#${hash}`).embed).toBe(embed);
  });

  it.each([
    ['story=hsr&kiosk=30', 30],
    ['story=hsr&kiosk=5', 5],
    ['story=hsr&kiosk=1', 5],
    ['story=hsr&kiosk=0', 5],
    ['story=hsr&kiosk=600', 600],
    ['story=hsr&kiosk=86400', 600],
    ['story=hsr&kiosk=-3', null],
    ['story=hsr&kiosk=12.5', null],
    ['story=hsr&kiosk=abc', null],
    ['story=hsr&kiosk=', null],
    ['story=hsr&kiosk=1e3', null],
    ['story=hsr&kiosk=99999999999', null],
    ['kiosk=30', null],
  ])('reads kiosk seconds from %s, clamped to 5–600 (and only with a story)', (hash, kiosk) => {
    expect(at(`#${hash}`).kiosk).toBe(kiosk);
  });

  it('writes kiosk after the story and chapter, and round-trips it', () => {
    const s: AppState = { ...defaultState(), story: { id: 'health-silk-road', chapter: 0 }, kiosk: 30 };
    const hash = serializeUrlState(s);
    expect(hash).toBe(`lang=en&story=health-silk-road&chapter=1&kiosk=30&v=${URL_VERSION}`);
    expect(parseUrlState(`https://example.org/#${hash}`)).toEqual(s);
    expect(serializeUrlState({ ...s, kiosk: null })).toBe(`lang=en&story=health-silk-road&chapter=1&v=${URL_VERSION}`);
  });

  it('uses the fallback language when the URL has none', () => {
    expect(parseUrlState('https://example.org/', 'zh').lang).toBe('zh');
    expect(parseUrlState('https://example.org/#lang=en', 'zh').lang).toBe('en');
  });

  it('formats the camera with precision growing with zoom, and parses what it formats', () => {
    const low = formatCamera({ zoom: 1.5, lat: 12.3456789, lon: 98.7654321, bearing: 0, pitch: 0 });
    const high = formatCamera({ zoom: 8, lat: 12.3456789, lon: 98.7654321, bearing: 0, pitch: 0 });
    expect(low.split('/')[1]!.length).toBeLessThan(high.split('/')[1]!.length);
    expect(parseCamera(high)).toMatchObject({ zoom: 8 });
  });
});

describe('the opt-in online base map', () => {
  it('round-trips base=online and ignores other values', () => {
    const s = parseUrlState('https://x.test/#base=online');
    expect(s.basemap).toBe('online');
    expect(serializeUrlState(s)).toContain('base=online');
    expect(parseUrlState('https://x.test/#base=https://evil.test/style.json').basemap).toBe('offline');
    expect(serializeUrlState(parseUrlState('https://x.test/'))).not.toContain('base=');
  });
});

describe('the query string', () => {
  it('is read once at start: its state moves under the hash, the hash winning, and only what is not state stays in the query', () => {
    const a = startAddress('https://x.test/map/?test&story=health-silk-road&chapter=2&sel=project-23&lang=zh#sel=project-5&layers=projects');
    expect(a.search).toBe('?test');
    expect(a.params.get('sel')).toBe('project-5');
    expect(a.params.get('story')).toBe('health-silk-road');
    expect(a.params.get('layers')).toBe('projects');
    const s = parseParams(a.params);
    expect(s).toMatchObject({ selected: 'project-5', story: { id: 'health-silk-road', chapter: 1 }, lang: 'zh', layers: ['projects'] });
  });

  it('is not read after start: a hash alone is the state', () => {
    // What the app reads on back/forward and hash edits: a query value cannot come back.
    expect(parseUrlState('https://x.test/?sel=project-23&embed#lang=en')).toEqual(defaultState());
  });

  it('keeps the non-state parameters, and drops everything else', () => {
    expect(startAddress('https://x.test/?export&utm_source=mail&embed=0').search).toBe('?export&utm_source=mail');
    expect(startAddress('https://x.test/?embed').params.has('embed')).toBe(true);
    expect(startAddress('https://x.test/').search).toBe('');
    expect(() => startAddress('%%% not a url')).not.toThrow();
  });

  it('names every parameter the state writes among the state parameters', () => {
    const full: AppState = {
      ...defaultState('zh'),
      camera: { zoom: 4, lat: 30, lon: 100, bearing: 10, pitch: 20 },
      layers: ['projects'],
      mechanisms: ['mech-sco'],
      filters: { areas: [2], direction: 'belt', statuses: ['planned'], country: 'CZ', years: [2015, 2016] },
      selected: 'project-23',
      view: 'list',
      reader: { doc: 'who-mou-2017.en.txt', quote: 'x' },
      story: { id: 'health-silk-road', chapter: 1 },
      kiosk: 30,
      embed: true,
      basemap: 'online',
    };
    const keys = [...new URLSearchParams(serializeUrlState(full)).keys()];
    expect(keys.filter((k) => !(STATE_PARAMS as readonly string[]).includes(k))).toEqual([]);
  });
});

describe('the schema version', () => {
  it('is written into every link', () => {
    expect(new URLSearchParams(serializeUrlState(defaultState())).get('v')).toBe(String(URL_VERSION));
  });

  // A future renaming, as the next engineer would write it: version 3 renames a feature id and a parameter.
  const rename: UrlMigration[] = [
    ...URL_MIGRATIONS,
    { from: 2, params: { mech: 'mechanisms' }, values: { sel: { 'org-who-wpro': 'org-who-wpro-manila' }, layers: { events: 'forums' } }, why: 'example' },
  ];

  it('brings an older link up to date, one step at a time', () => {
    const p = migrateParams(new URLSearchParams('sel=org-who-emro&mech=mech-sco&layers=projects,events&v=1'), rename, 3);
    expect(p.get('sel')).toBe('org-who-wpro-manila');
    expect(p.get('mechanisms')).toBe('mech-sco');
    expect(p.has('mech')).toBe(false);
    expect(p.get('layers')).toBe('projects,forums');
    expect(p.get('v')).toBe('3');
  });

  it('reads a link without a version as version 1, and leaves a current or newer link alone', () => {
    expect(migrateParams(new URLSearchParams('sel=org-who-emro'), rename, 3).get('sel')).toBe('org-who-wpro-manila');
    expect(migrateParams(new URLSearchParams('sel=org-who-wpro&v=3'), rename, 3).get('sel')).toBe('org-who-wpro');
    expect(migrateParams(new URLSearchParams('sel=org-who-wpro&v=9'), rename, 3).get('sel')).toBe('org-who-wpro');
  });

  it('opens the links written before the WHO office was renamed (version 1)', () => {
    // The article's "West Asian office" was first read as EMRO, and is now WPRO: old links follow.
    expect(parseUrlState('https://x.test/#sel=org-who-emro&lang=en&v=1').selected).toBe('org-who-wpro');
    expect(parseUrlState('https://x.test/#sel=org-who-emro&lang=en').selected).toBe('org-who-wpro');
    expect(parseUrlState(`https://x.test/#sel=org-who-emro&lang=en&v=${URL_VERSION}`).selected).toBe('org-who-emro');
  });

  it("opens today's links after a renaming", () => {
    // Every link this build writes, read by a later build that renamed a feature id.
    const today = serializeUrlState({ ...defaultState('zh'), selected: 'org-who-wpro', camera: { zoom: 4, lat: 30, lon: 100, bearing: 0, pitch: 0 } });
    const later = parseUrlState(`https://x.test/#${today}`, 'en', { migrations: rename, version: 3 });
    expect(later).toMatchObject({ selected: 'org-who-wpro-manila', lang: 'zh', camera: { zoom: 4, lat: 30, lon: 100 } });
  });
});

describe('story files and the presenter view in the URL', () => {
  it('round-trips a story file (story-src) with its chapter, and the presenter view flag', () => {
    const s: AppState = { ...defaultState(), story: { src: 'talks/forum-2026.json', chapter: 2 }, presenter: true };
    const hash = serializeUrlState(s);
    expect(hash).toBe(`lang=en&story-src=talks/forum-2026.json&chapter=3&presenter&v=${URL_VERSION}`);
    expect(parseUrlState(`https://example.org/#${hash}`)).toEqual(s);
    expect(at('#story-src=my-talk&chapter=1').story).toEqual({ src: 'my-talk', chapter: 0 });
  });

  it('refuses a story-src that could leave the site (and then falls back to story=, if given)', () => {
    for (const bad of ['https://evil.example/x.json', '//evil.example/x.json', '../x.json', '/x.json', 'a/../x.json']) {
      expect(at(`#story-src=${encodeURIComponent(bad)}`).story, bad).toBeNull();
    }
    expect(at('#story-src=..%2Fx.json&story=health-silk-road').story).toEqual({ id: 'health-silk-road', chapter: 0 });
    expect(at('#story-src=talks/a.json&story=health-silk-road').story).toEqual({ src: 'talks/a.json', chapter: 0 });
  });

  it('reads presenter only with a story, and moves both from the query into the hash', () => {
    expect(at('#presenter').presenter).toBe(false);
    expect(at('#story=health-silk-road&presenter=0').presenter).toBe(false);
    expect(STATE_PARAMS).toEqual(expect.arrayContaining(['story-src', 'presenter']));
    const start = startAddress('https://example.org/?story-src=talks/a.json&presenter&test#lang=zh');
    expect(start.search).toBe('?test');
    expect(parseParams(start.params)).toMatchObject({ story: { src: 'talks/a.json', chapter: 0 }, presenter: true, lang: 'zh' });
  });

  it('makes the link printed in exports: the view on the site, without what belongs to one window', () => {
    const s: AppState = { ...defaultState('zh'), story: { id: 'health-silk-road', chapter: 2 }, presenter: true, embed: true };
    expect(viewLink('https://example.org/hsr/index.html?export#old', s)).toBe(`https://example.org/hsr/index.html#lang=zh&story=health-silk-road&chapter=3&v=${URL_VERSION}`);
    expect(printedLink('https://example.org/hsr/#lang=zh&v=1')).toBe('example.org/hsr/#lang=zh&v=1');
  });
});
