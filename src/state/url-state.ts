/**
 * The URL as a view: pure `parseUrlState` / `serializeUrlState`, read once at
 * start and written from one place (the app). Parameters live in the hash
 * (static hosts, no reloads), like MapLibre's `Hash`:
 *
 *   #map=zoom/lat/lon[/bearing/pitch]&layers=projects,events&mech=mech-sco
 *   &area=1,5&dir=belt&status=planned&country=CZ&years=2015-2017
 *   &sel=project-23&lang=zh&view=list&doc=<file>&q=<quote>&story=default&chapter=3&kiosk=30
 *   &base=online   (the opt-in online base map; see map/online-style.ts)
 *   &wv=cn         (the worldview; data/worldviews.ts)
 *
 * `?embed` (query or hash) turns on the minimal-chrome embed mode.
 * Every value is validated; anything malformed or hostile falls back to its
 * default without an error, and unknown parameters are ignored. Defaults are
 * left out when serialising, except the language: it is always written, so a
 * link (or a history entry) reopens the view in the language it was made in
 * rather than in the visitor's preferred one (the default view is `#lang=en`).
 * Well-formed values the data does not know (`mech=unknown`, `country=ZZ`) are
 * dropped by the app once the data is loaded (`unknownUrlValues`).
 */
import * as z from 'zod/mini';
import { LAYER_IDS, type LayerId } from '../data/contract.ts';
import { DEFAULT_LAYERS, KIOSK_MAX, KIOSK_MIN, YEAR_MAX, YEAR_MIN, defaultState, type AppState, type Camera, type Filters, type Lang, type StatusValue } from './app-state.ts';
import { DEFAULT_WORLDVIEW, parseWorldview, type Worldview } from '../data/worldviews.ts';

// Zod compiles parsers with `new Function` unless told not to; the site's CSP forbids eval.
z.config({ jitless: true });

const MAX_PARAM = 2000;
const Id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(80));
const DocFile = z.string().check(z.regex(/^[a-z0-9-]+\.(?:en|zh)\.txt$/), z.maxLength(80));
const Lang = z.enum(['en', 'zh']);
const Direction = z.enum(['all', 'belt', 'maritime']);
const Status = z.enum(['planned', 'intended', 'established', 'held']);
const Iso2 = z.string().check(z.regex(/^[A-Z]{2}$/));
const Area = z.number().check(z.int(), z.gte(1), z.lte(8));
const Year = z.number().check(z.int(), z.gte(YEAR_MIN), z.lte(YEAR_MAX));

function ok<T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

function list(value: string | null): string[] {
  return value === null ? [] : value.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 50);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Parses `map=zoom/lat/lon[/bearing[/pitch]]`; null when malformed. */
export function parseCamera(value: string | null): Camera | null {
  if (!value) return null;
  const parts = value.split('/');
  if (parts.length < 3 || parts.length > 5 || parts.some((p) => !/^-?\d{1,3}(\.\d{1,8})?$/.test(p))) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = parts.map(Number) as [number, number, number, number?, number?];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180 || Math.abs(bearing) > 180 || pitch < 0 || pitch > 85) return null;
  return { zoom, lat, lon, bearing, pitch };
}

/** Formats a camera with precision that grows with zoom (as MapLibre's Hash does). */
export function formatCamera(c: Camera): string {
  const digits = Math.max(2, Math.ceil((c.zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
  const r = (x: number, d: number) => String(Number(x.toFixed(d)));
  const parts = [r(c.zoom, 2), r(c.lat, digits), r(c.lon, digits)];
  if (c.bearing || c.pitch) parts.push(r(c.bearing, 1));
  if (c.pitch) parts.push(r(c.pitch, 0));
  return parts.join('/');
}

function paramsOf(href: string): { hash: URLSearchParams; query: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(href, 'http://localhost/');
  } catch {
    return { hash: new URLSearchParams(), query: new URLSearchParams() };
  }
  const hashText = url.hash.replace(/^#/, '');
  return { hash: new URLSearchParams(hashText.length > 8000 ? '' : hashText), query: url.searchParams };
}

/** The state a URL describes, starting from the defaults; never throws. Without a valid `wv`, `fallbackWorldview`. */
export function parseUrlState(href: string, fallbackLang: Lang = 'en', fallbackWorldview: Worldview = DEFAULT_WORLDVIEW): AppState {
  const { hash, query } = paramsOf(href);
  const get = (k: string): string | null => {
    const v = hash.get(k) ?? query.get(k);
    return v === null || v.length > MAX_PARAM ? null : v;
  };
  const s = defaultState(ok(Lang, get('lang')) ?? fallbackLang);
  s.camera = parseCamera(get('map'));

  const layersParam = get('layers');
  if (layersParam !== null) {
    const known = new Set<string>(LAYER_IDS);
    s.layers = unique(list(layersParam).filter((l): l is LayerId => known.has(l)));
    // "layers=" alone means none; garbage alone means default.
    if (s.layers.length === 0 && layersParam.trim() !== '') s.layers = [...DEFAULT_LAYERS];
  }
  s.mechanisms = unique(list(get('mech')).flatMap((m) => ok(Id, m) ?? []));

  const f: Filters = s.filters;
  f.areas = unique(list(get('area')).flatMap((a) => ok(Area, /^\d+$/.test(a) ? Number(a) : NaN) ?? [])).sort((a, b) => a - b);
  f.direction = ok(Direction, get('dir')) ?? 'all';
  f.statuses = unique(list(get('status')).flatMap((x) => ok(Status, x) ?? [])) as StatusValue[];
  f.country = ok(Iso2, get('country')) ?? null;
  const years = /^(\d{4})-(\d{4})$/.exec(get('years') ?? '');
  if (years) {
    const a = ok(Year, Number(years[1]));
    const b = ok(Year, Number(years[2]));
    if (a !== undefined && b !== undefined && a <= b) f.years = [a, b];
  }

  s.selected = ok(Id, get('sel')) ?? null;
  s.view = get('view') === 'list' ? 'list' : 'map';
  const doc = ok(DocFile, get('doc'));
  if (doc) {
    const q = get('q');
    s.reader = { doc, quote: q && q.length <= 1000 ? q : null };
  }
  const story = ok(Id, get('story'));
  if (story) {
    const ch = get('chapter');
    const n = ch && /^\d{1,3}$/.test(ch) ? Number(ch) : 1;
    s.story = { id: story, chapter: Math.max(0, n - 1) };
    // Kiosk only with a story: seconds per chapter, clamped into KIOSK_MIN–KIOSK_MAX.
    const k = get('kiosk');
    if (k && /^\d{1,6}$/.test(k)) s.kiosk = Math.min(KIOSK_MAX, Math.max(KIOSK_MIN, Number(k)));
  }
  s.embed = hash.has('embed') || query.has('embed');
  if (get('base') === 'online') s.basemap = 'online';
  s.worldview = parseWorldview(get('wv')) ?? fallbackWorldview;
  return s;
}

/** The hash (without `#`) for a state; defaults are omitted, the language never. */
export function serializeUrlState(s: AppState): string {
  const p = new URLSearchParams();
  if (s.camera) p.set('map', formatCamera(s.camera));
  const sameLayers = s.layers.length === DEFAULT_LAYERS.length && DEFAULT_LAYERS.every((l) => s.layers.includes(l));
  if (!sameLayers) p.set('layers', LAYER_IDS.filter((l) => s.layers.includes(l)).join(','));
  if (s.mechanisms.length) p.set('mech', s.mechanisms.join(','));
  const f = s.filters;
  if (f.areas.length) p.set('area', [...f.areas].sort((a, b) => a - b).join(','));
  if (f.direction !== 'all') p.set('dir', f.direction);
  if (f.statuses.length) p.set('status', f.statuses.join(','));
  if (f.country) p.set('country', f.country);
  if (f.years) p.set('years', `${f.years[0]}-${f.years[1]}`);
  if (s.selected) p.set('sel', s.selected);
  p.set('lang', s.lang);
  if (s.view !== 'map') p.set('view', s.view);
  if (s.reader) {
    p.set('doc', s.reader.doc);
    if (s.reader.quote) p.set('q', s.reader.quote);
  }
  if (s.story) {
    p.set('story', s.story.id);
    p.set('chapter', String(s.story.chapter + 1));
    if (s.kiosk !== null) p.set('kiosk', String(s.kiosk));
  }
  if (s.basemap === 'online') p.set('base', 'online');
  if (s.worldview !== DEFAULT_WORLDVIEW) p.set('wv', s.worldview);
  if (s.embed) p.set('embed', '');
  // URLSearchParams encodes commas and slashes; keep them readable, they are safe in a fragment.
  return p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/embed=(&|$)/, 'embed$1');
}
