/**
 * The URL as a view: pure `parseUrlState` / `serializeUrlState`, written from
 * one place (the app's store). Parameters live in the hash (static hosts, no
 * reloads), like MapLibre's `Hash`:
 *
 *   #map=zoom/lat/lon[/bearing/pitch]&layers=projects,events&mech=mech-sco
 *   &area=1,5&dir=belt&status=planned&country=CZ&years=2015-2017
 *   &sel=project-23&lang=zh&view=list&doc=<file>&q=<quote>&story=default&chapter=3&kiosk=30
 *   &story-src=talks/forum.json   (a story file on this site, or one the editor stored: story/story-src.ts)
 *   &presenter     (this window is the speaker's presenter view)
 *   &base=online   (the opt-in online base map; see map/online-style.ts)
 *   &wv=cn         (the worldview; data/worldviews.ts)
 *   &embed         (minimal chrome, for other sites' iframes)
 *   &v=2           (the schema version: see `URL_VERSION` and `URL_MIGRATIONS`)
 *
 * One rule for the query string: state may arrive there (`?embed`,
 * `?story=…&chapter=2`, links from other tools), and it is read once, at
 * start (`startAddress`), moved into the hash and dropped from the address;
 * afterwards only the hash is read, so a value from the query never comes back
 * after the visitor changes it. Query parameters that are not state (`?test`,
 * `?export`) stay.
 *
 * Every value is validated: anything malformed or hostile falls back to its
 * default without an error, unknown parameters are ignored, and a camera
 * outside the map's limits is clamped into them (`MAP_LIMITS`), so the address
 * shows the view the map really shows. Defaults are left out when serialising,
 * except the language and the version: a link (or a history entry) reopens the
 * view in the language it was made in, read by the schema it was written in.
 * Well-formed values the data does not know (`mech=unknown`, `country=ZZ`) are
 * dropped by the app once the data is loaded (`known-values.ts`).
 */
import * as z from 'zod/mini';
import { LAYER_IDS, type LayerId, DEFAULT_LAYERS } from '../layers/registry.ts';
import { KIOSK_MAX, KIOSK_MIN, YEAR_MAX, YEAR_MIN, defaultState, type AppState, type Camera, type Filters, type Lang } from './app-state.ts';
import { DIRECTION_FILTERS, LANGS, STATUSES } from '../data/vocabulary.ts';
import { MAP_LIMITS } from '../map/limits.ts';
import { parseStorySrc } from '../story/story-src.ts';
import { DEFAULT_WORLDVIEW, parseWorldview, type Worldview } from '../data/worldviews.ts';

// Zod compiles parsers with `new Function` unless told not to; the site's CSP forbids eval.
z.config({ jitless: true });

const MAX_PARAM = 2000;
const Id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(80));
const DocFile = z.string().check(z.regex(/^[a-z0-9-]+\.(?:en|zh)\.txt$/), z.maxLength(80));
const Lang = z.enum(LANGS);
const Direction = z.enum(DIRECTION_FILTERS);
const Status = z.enum(STATUSES);
const Iso2 = z.string().check(z.regex(/^[A-Z]{2}$/));
const Area = z.number().check(z.int(), z.gte(1), z.lte(8));
const Year = z.number().check(z.int(), z.gte(YEAR_MIN), z.lte(YEAR_MAX));

function ok<T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

function list(value: string | null): string[] {
  return value === null
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 50);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Into (-180, 180]; and never `-0`, which would print as "-0". */
const wrap180 = (x: number) => {
  const w = x > -180 && x <= 180 ? x : 180 - ((((180 - x) % 360) + 360) % 360);
  return w === 0 ? 0 : w;
};

/**
 * Parses `map=zoom/lat/lon[/bearing[/pitch]]`; null when malformed. Numbers
 * outside the map's limits are brought into them — zoom and pitch clamped,
 * latitude to Web Mercator's edge, longitude and bearing wrapped — so that the
 * state is the view the map can show.
 */
export function parseCamera(value: string | null): Camera | null {
  if (!value) return null;
  const parts = value.split('/');
  if (parts.length < 3 || parts.length > 5 || parts.some((p) => !/^-?\d{1,3}(\.\d{1,8})?$/.test(p))) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = parts.map(Number) as [number, number, number, number?, number?];
  const z0 = (x: number) => (x === 0 ? 0 : x);
  return {
    zoom: z0(clamp(zoom, MAP_LIMITS.minZoom, MAP_LIMITS.maxZoom)),
    lat: z0(clamp(lat, -MAP_LIMITS.maxLat, MAP_LIMITS.maxLat)),
    lon: wrap180(lon),
    bearing: wrap180(bearing),
    pitch: z0(clamp(pitch, 0, MAP_LIMITS.maxPitch)),
  };
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

/**
 * The version of the URL schema this build writes (`v=`). Links printed in
 * briefings live for years: when a parameter or a value is renamed, the version
 * goes up and `URL_MIGRATIONS` says how to read the older links.
 */
export const URL_VERSION = 2;

/** What changed between version `from` and `from + 1`: parameters renamed, and values renamed within a parameter. */
export interface UrlMigration {
  from: number;
  /** Old parameter name → new. */
  params?: Readonly<Record<string, string>>;
  /** For a parameter (its new name): old value → new, applied to each item of a comma-separated list. */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Why, for the next engineer. */
  why: string;
}

/** Every renaming since version 1, oldest first. */
export const URL_MIGRATIONS: readonly UrlMigration[] = [
  {
    from: 1,
    values: { sel: { 'org-who-emro': 'org-who-wpro' } },
    why: 'The WHO article\'s "West Asian office" is read as the Western Pacific regional office (西太区), not EMRO: the feature was renamed.',
  },
];

/**
 * Brings the parameters of a link written at `version` up to `target`, one
 * step at a time. A link without `v` predates versioning: version 1. A link
 * from a newer build than this one is read as it is.
 */
export function migrateParams(params: URLSearchParams, migrations: readonly UrlMigration[] = URL_MIGRATIONS, target = URL_VERSION): URLSearchParams {
  const v = /^\d{1,4}$/.test(params.get('v') ?? '') ? Number(params.get('v')) : 1;
  let out = new URLSearchParams(params);
  for (const m of [...migrations].sort((a, b) => a.from - b.from)) {
    if (m.from < v || m.from >= target) continue;
    const next = new URLSearchParams();
    for (const [k, value] of out) {
      const key = m.params?.[k] ?? k;
      const rename = m.values?.[key];
      next.append(
        key,
        rename
          ? value
              .split(',')
              .map((x) => rename[x.trim()] ?? x)
              .join(',')
          : value,
      );
    }
    out = next;
  }
  if (out.has('v')) out.set('v', String(Math.max(v, target)));
  return out;
}

/** The parameters that make up the state (the query's are moved into the hash at start; others stay). */
export const STATE_PARAMS = [
  'v',
  'map',
  'layers',
  'mech',
  'area',
  'dir',
  'status',
  'country',
  'years',
  'sel',
  'lang',
  'view',
  'doc',
  'q',
  'story',
  'story-src',
  'chapter',
  'kiosk',
  'presenter',
  'base',
  'wv',
  'embed',
] as const;

function urlOf(href: string): URL | null {
  try {
    return new URL(href, 'http://localhost/');
  } catch {
    return null;
  }
}

function hashParams(url: URL | null): URLSearchParams {
  const hashText = url?.hash.replace(/^#/, '') ?? '';
  return new URLSearchParams(hashText.length > 8000 ? '' : hashText);
}

/**
 * The address at start: the query's state parameters moved under the hash's
 * (the hash wins where both name one), and the query that remains (`?test`…).
 * Pure; the app writes the result with `history.replaceState` once.
 */
export function startAddress(href: string): { params: URLSearchParams; search: string } {
  const url = urlOf(href);
  const params = hashParams(url);
  const rest = new URLSearchParams();
  for (const [k, v] of url?.searchParams ?? []) {
    if (!(STATE_PARAMS as readonly string[]).includes(k)) rest.append(k, v);
    else if (!params.has(k)) params.append(k, v);
  }
  const search = rest.toString().replace(/=(&|$)/g, '$1');
  return { params, search: search ? `?${search}` : '' };
}

/** Reading options; tests pass their own migrations to prove that older links still open. */
export interface ParseOptions {
  migrations?: readonly UrlMigration[];
  version?: number;
  /** The worldview when the link names none (the visitor's remembered one); default `DEFAULT_WORLDVIEW`. */
  fallbackWorldview?: Worldview;
}

/** The state a URL's hash describes, starting from the defaults; never throws. (The query is `startAddress`'s.) */
export function parseUrlState(href: string, fallbackLang: Lang = 'en', options: ParseOptions = {}): AppState {
  return parseParams(hashParams(urlOf(href)), fallbackLang, options);
}

/** A parameter that is on when present (`embed`, `embed=1`, `embed=true`), off when absent or `0`, `false`, `no`, `off`. */
function flag(params: URLSearchParams, name: string): boolean {
  return params.has(name) && !/^(0|false|no|off)$/i.test(params.get(name) ?? '');
}

/** The state that parameters describe, starting from the defaults; never throws. */
export function parseParams(raw: URLSearchParams, fallbackLang: Lang = 'en', options: ParseOptions = {}): AppState {
  const params = migrateParams(raw, options.migrations, options.version);
  const get = (k: string): string | null => {
    const v = params.get(k);
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
  f.statuses = unique(list(get('status')).flatMap((x) => ok(Status, x) ?? []));
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
  // A story file (`story-src`: same-site paths and stored stories only) wins over a shipped story's id.
  const src = get('story-src');
  const story = src !== null && parseStorySrc(src) ? { src } : ok(Id, get('story')) ? { id: get('story')! } : null;
  if (story) {
    const ch = get('chapter');
    const n = ch && /^\d{1,3}$/.test(ch) ? Number(ch) : 1;
    s.story = { ...story, chapter: Math.max(0, n - 1) };
    // Kiosk only with a story: seconds per chapter, clamped into KIOSK_MIN–KIOSK_MAX.
    const k = get('kiosk');
    if (k && /^\d{1,6}$/.test(k)) s.kiosk = Math.min(KIOSK_MAX, Math.max(KIOSK_MIN, Number(k)));
    s.presenter = flag(params, 'presenter');
  }
  // `embed`, `embed=1`, `embed=true` turn it on; `embed=0` and `embed=false` do not.
  s.embed = flag(params, 'embed');
  if (get('base') === 'online') s.basemap = 'online';
  s.worldview = parseWorldview(get('wv')) ?? options.fallbackWorldview ?? DEFAULT_WORLDVIEW;
  return s;
}

/** The hash (without `#`) for a state; defaults are omitted, the language and the version never. */
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
    if (s.story.src !== undefined) p.set('story-src', s.story.src);
    else p.set('story', s.story.id);
    p.set('chapter', String(s.story.chapter + 1));
    if (s.kiosk !== null) p.set('kiosk', String(s.kiosk));
  }
  if (s.basemap === 'online') p.set('base', 'online');
  if (s.worldview !== DEFAULT_WORLDVIEW) p.set('wv', s.worldview);
  if (s.embed) p.set('embed', '');
  if (s.story && s.presenter) p.set('presenter', '');
  p.set('v', String(URL_VERSION));
  // URLSearchParams encodes commas and slashes; keep them readable, they are safe in a fragment.
  return p
    .toString()
    .replace(/%2C/g, ',')
    .replace(/%2F/g, '/')
    .replace(/(embed|presenter)=(&|$)/g, '$1$2');
}

/**
 * The link to a view on the site at `base` (a page address: its query and hash
 * are dropped), as printed and put in QR codes: the whole view, without what
 * belongs to one window (`embed`, `presenter`).
 */
export function viewLink(base: string, s: AppState): string {
  const u = new URL(base);
  return `${u.origin}${u.pathname}#${serializeUrlState({ ...s, embed: false, presenter: false })}`;
}

/** A link as printed beside its QR code: without `https://`, which nobody types. */
export function printedLink(link: string): string {
  return link.replace(/^https?:\/\//, '');
}
