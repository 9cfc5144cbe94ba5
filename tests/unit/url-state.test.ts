import { describe, expect, it } from 'vitest';
import { formatCamera, parseCamera, parseUrlState, serializeUrlState } from '../../src/state/url-state.ts';
import { DEFAULT_LAYERS, defaultState, type AppState } from '../../src/state/app-state.ts';

const at = (hash: string) => parseUrlState(`https://example.org/map/${hash}`);

describe('URL state', () => {
  it('the default view names only its language, and a bare URL is the default view', () => {
    expect(serializeUrlState(defaultState())).toBe('lang=en');
    expect(serializeUrlState(defaultState('zh'))).toBe('lang=zh');
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

  it.each([
    'map=99/0/0', 'map=3/95/0', 'map=3/0/500', 'map=a/b/c', 'map=1/2', 'map=1/2/3/4/5/6', 'map=3/0/0/0/90', 'map=NaN/0/0', 'map=1e3/0/0', 'map=',
  ])('ignores a malformed camera %s', (hash) => {
    expect(at(`#${hash}`).camera).toBeNull();
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

  it('reads ?embed from the query and story chapters as 1-based', () => {
    const s = parseUrlState('https://example.org/?embed#story=default&chapter=3');
    expect(s.embed).toBe(true);
    expect(s.story).toEqual({ id: 'default', chapter: 2 });
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
    expect(hash).toBe('lang=en&story=health-silk-road&chapter=1&kiosk=30');
    expect(parseUrlState(`https://example.org/#${hash}`)).toEqual(s);
    expect(serializeUrlState({ ...s, kiosk: null })).toBe('lang=en&story=health-silk-road&chapter=1');
  });

  it('uses the fallback language when the URL has none', () => {
    expect(parseUrlState('https://example.org/', 'zh').lang).toBe('zh');
    expect(parseUrlState('https://example.org/#lang=en', 'zh').lang).toBe('en');
  });

  it('formats the camera with precision growing with zoom, and parses what it formats', () => {
    const low = formatCamera({ zoom: 1.5, lat: 12.3456789, lon: 98.7654321, bearing: 0, pitch: 0 });
    const high = formatCamera({ zoom: 12, lat: 12.3456789, lon: 98.7654321, bearing: 0, pitch: 0 });
    expect(low.split('/')[1]!.length).toBeLessThan(high.split('/')[1]!.length);
    expect(parseCamera(high)).toMatchObject({ zoom: 12 });
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
