/**
 * The offline base map, built from Natural Earth through `world-atlas`:
 *
 *   countries   polygons `{ iso2, name_en, name_zh }`
 *   borders     land boundaries `{ kind }` (shared arcs between two units)
 *   coastlines  arcs used by one unit only (the site's style draws coasts from the
 *               country outlines instead, see src/map/basemap-style.ts; kept for
 *               consumers that need coast-only lines: print, export, deck.gl)
 *   graticule   meridians and parallels `{ kind, value, major }`
 *   labels      one point per ISO country `{ iso2, name_en, name_zh, rank, scalerank }`
 *
 * Everything is computed from one simplified topology, so fills, borders and
 * coastlines share their vertices exactly. Output is deterministic:
 * features sorted, keys in a fixed order, coordinates rounded, one feature per
 * line, trailing newline.
 *
 * Pure functions except `writeBasemap` (writes files) and `loadWorldAtlas` (reads
 * the package).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area } from '@turf/area';
import { simplify as simplifyLine } from '@turf/simplify';
import polylabel from 'polylabel';
import { countryName, numericToAlpha2 } from './country-names.ts';
import { signedArea, unwrapAntimeridian, unwrapLines, unwrapLongitudes } from './antimeridian.ts';

// ---------------------------------------------------------------------------
// Types

export type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export interface CountryProps {
  /** ISO 3166-1 alpha-2, 'XK' for Kosovo, '' for units without a code (N. Cyprus, Somaliland…). */
  iso2: string;
  name_en: string;
  name_zh: string;
}

/**
 * - `country`: between two ISO countries;
 * - `limit`: involving a unit whose status is disputed or de facto (no ISO code, or XK / EH),
 *   drawn dashed by convention;
 * - `sar`: between mainland China and Hong Kong or Macao (a special administrative region
 *   boundary, not an international one).
 */
export type BorderKind = 'country' | 'limit' | 'sar';
export interface BorderProps {
  kind: BorderKind;
}
export interface CoastlineProps {
  kind: 'coast';
}
export interface GraticuleProps {
  kind: 'meridian' | 'parallel';
  /** Longitude of a meridian or latitude of a parallel, in degrees. */
  value: number;
  /** The equator, the prime meridian and the 180th meridian. */
  major: boolean;
}
export interface LabelProps extends CountryProps {
  /** 1 = the largest country by area; unique, ties broken by iso2. */
  rank: number;
  /** 0 (largest, shown first) … 5 (smallest), from the country's area; see `SCALERANK_KM2`. */
  scalerank: number;
}

export interface Basemap {
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>;
  borders: FeatureCollection<MultiLineString, BorderProps>;
  coastlines: FeatureCollection<MultiLineString, CoastlineProps>;
  graticule: FeatureCollection<LineString, GraticuleProps>;
  labels: FeatureCollection<Point, LabelProps>;
}

/** The files, in the order a map draws them. */
export const BASEMAP_LAYERS = ['countries', 'graticule', 'coastlines', 'borders', 'labels'] as const satisfies readonly (keyof Basemap)[];
export type BasemapLayerName = (typeof BASEMAP_LAYERS)[number];
/** The files that have an overview version (`basemap/overview/<name>.geojson`); the others are the same at every zoom. */
export const BASEMAP_OVERVIEW_LAYERS = ['countries', 'borders'] as const satisfies readonly BasemapLayerName[];

/**
 * Minimum Visvalingam triangle area kept when simplifying the 50m topology
 * (topojson-simplify `presimplify` with its default planar weight, in square
 * degrees): 0.01 deg² is a triangle of about 120 km² at the equator, ~3 px of
 * deviation at zoom 5. It removes two thirds of the 80 617 vertices and keeps what
 * the style loads (countries, borders, labels, graticule) near 260 kB gzip;
 * 0.005 is visibly smoother from zoom 5 for ~55 kB more. Must equal `atlas.ts`'s
 * `SIMPLIFY_MIN_WEIGHT`, so that thematic country shapes line up with the base map.
 */
export const BASEMAP_SIMPLIFY_WEIGHT = 0.01;

export interface BasemapOptions {
  /** Minimum Visvalingam triangle area kept (square degrees, planar); see `BASEMAP_SIMPLIFY_WEIGHT`. */
  simplifyWeight: number;
  /**
   * Decimal places kept: 3 ≈ 110 m, below a pixel up to zoom 8 (the map's maximum)
   * and finer than the 50m source's own vertex spacing (≈ 0.0036° × 0.0017°).
   */
  digits: number;
  /** Graticule spacing in degrees (must divide 180). */
  graticuleStep: number;
  /**
   * Polygons (islands) smaller than this are dropped, except each country's
   * largest, so no country disappears. 0 keeps all (the detailed base map); the
   * overview (see `OVERVIEW_BASEMAP_OPTIONS`) drops what is below a pixel.
   */
  minPolygonKm2: number;
  /**
   * Rings that Visvalingam collapsed (islands of a single arc) are restored from
   * the source; with a tolerance (degrees) they are restored Douglas–Peucker
   * simplified instead of whole. 0: whole.
   */
  restoreTolerance: number;
}

export const DEFAULT_BASEMAP_OPTIONS: BasemapOptions = {
  simplifyWeight: BASEMAP_SIMPLIFY_WEIGHT,
  digits: 3,
  graticuleStep: 15,
  minPolygonKm2: 0,
  restoreTolerance: 0,
};

/**
 * The overview base map, drawn below `OVERVIEW_MAX_ZOOM` (src/map/lod.ts) and
 * loaded first: at zoom 3 a degree is ~11 px, so 0.5 deg² triangles (≈ 2 px
 * of deviation on the longest edges), islands under 500 km² (~2 px) and 0.01°
 * rounding are at or below what a screen shows (compared side by side at zoom
 * 2.95 and 3.05 on a 2× screen). It cuts the first download of the base map to
 * a fifth (40 kB gzip instead of 218).
 */
export const OVERVIEW_BASEMAP_OPTIONS: Partial<BasemapOptions> = {
  simplifyWeight: 0.5,
  digits: 2,
  minPolygonKm2: 500,
  restoreTolerance: 0.1,
};

// ---------------------------------------------------------------------------
// Names and codes

/** Natural Earth units without an ISO 3166-1 numeric code, but with a well-established code. */
const NAME_TO_ISO2: Readonly<Record<string, string>> = { Kosovo: 'XK' };

/**
 * Chinese names for the Natural Earth units that have no ISO code (English comes
 * from the topology's `name`). Geographic descriptions, not names of entities.
 */
const NO_ISO_ZH: Readonly<Record<string, string>> = {
  'N. Cyprus': '塞浦路斯北部',
  Somaliland: '索马里兰地区',
  'Indian Ocean Ter.': '澳大利亚印度洋领地',
  'Siachen Glacier': '锡亚琴冰川',
};

/**
 * Map-label names where `country-names.ts` (i18n-iso-countries) gives a form that
 * is wrong or unsuitable on a map: "Congo" for the DRC (ambiguous with the
 * Republic of the Congo), the name of a political entity for the territory of
 * Western Sahara, inverted "X, Y" catalogue forms, long official forms.
 */
const LABEL_OVERRIDES: Readonly<Record<string, Partial<Record<'en' | 'zh', string>>>> = {
  CD: { en: 'DR Congo' },
  // Pairs with the documents' "Republic of Korea" (country-names.ts) rather than "North Korea".
  KP: { en: 'DPR Korea' },
  CI: { en: "Côte d'Ivoire" },
  EH: { en: 'Western Sahara', zh: '西撒哈拉' },
  FM: { en: 'Micronesia' },
  MF: { en: 'Saint Martin' },
  PN: { en: 'Pitcairn Islands' },
  SX: { en: 'Sint Maarten' },
  VA: { en: 'Vatican City' },
  VG: { en: 'British Virgin Islands' },
  VI: { en: 'U.S. Virgin Islands' },
};

/** Units whose boundaries with their neighbours are drawn as `limit`, beside those without an ISO code. */
const LIMIT_UNITS: ReadonlySet<string> = new Set(['XK', 'EH']);
/** One sovereign state in several ISO units: boundaries between them are `sar`. */
const CHINA_UNITS: ReadonlySet<string> = new Set(['CN', 'HK', 'MO']);

function nameOf(g: GeometryObject<{ name: string }>): string {
  return (g.properties as { name?: string } | undefined)?.name ?? '';
}

function iso2Of(g: GeometryObject<{ name: string }>): string {
  if (g.id !== undefined && g.id !== null) return numericToAlpha2(g.id) ?? '';
  return NAME_TO_ISO2[nameOf(g)] ?? '';
}

/** A country geometry as GeoJSON (world-atlas countries are Polygons or MultiPolygons, or null). */
function geometryOf(topology: CountriesTopology, g: GeometryObject<{ name: string }>): Polygon | MultiPolygon | null {
  return (feature(topology, g) as Feature<Polygon | MultiPolygon | null>).geometry;
}

function namesOf(iso2: string, topoName: string): { name_en: string; name_zh: string } {
  if (!iso2) return { name_en: topoName, name_zh: NO_ISO_ZH[topoName] ?? topoName };
  const o = LABEL_OVERRIDES[iso2];
  return {
    name_en: o?.en ?? countryName(iso2, 'en') ?? topoName,
    name_zh: o?.zh ?? countryName(iso2, 'zh') ?? '',
  };
}

// ---------------------------------------------------------------------------
// Geometry helpers

function roundCoord(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no -0 in the output
}

/** Rounds a line, dropping points equal to their predecessor. */
function roundLine(line: readonly Position[], digits: number): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const r: Position = [roundCoord(p[0]!, digits), roundCoord(p[1]!, digits)];
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out;
}

function roundRing(ring: readonly Position[], digits: number): Position[] | undefined {
  const r = roundLine(ring, digits);
  if (r.length < 4) return undefined;
  const a = r[0]!;
  const b = r[r.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) r.push([a[0]!, a[1]!]);
  return r;
}

function roundPolygons(polys: readonly Position[][][], digits: number): Position[][][] {
  const out: Position[][][] = [];
  for (const poly of polys) {
    const rings = poly.map((ring) => roundRing(ring, digits));
    if (!rings[0]) continue; // exterior collapsed
    out.push(rings.filter((r): r is Position[] => r !== undefined));
  }
  return out;
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function isDegenerate(ring: readonly Position[]): boolean {
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  return distinct.size < 3 || Math.abs(signedArea(unwrapLongitudes(ring))) < 1e-12;
}

/**
 * The simplified polygons, with any ring that simplification collapsed (small
 * islands made of a single arc keep only its endpoint) taken from the original
 * instead, so small island states keep their shape. Simplification keeps the
 * topology's structure, so rings correspond one to one.
 */
function withCollapsedRingsRestored(simplified: Position[][][], original: Position[][][], tolerance: number): Position[][][] {
  const restore = (ring: Position[]): Position[] => {
    if (tolerance <= 0 || ring.length <= 8) return ring;
    try {
      const s = simplifyLine({ type: 'Polygon', coordinates: [ring] }, { tolerance, highQuality: true }).coordinates[0]!;
      return isDegenerate(s) ? ring : s;
    } catch {
      return ring; // turf refuses rings it would reduce below 4 points: keep the source ring
    }
  };
  return simplified.map((poly, i) => poly.map((ring, j) => (isDegenerate(ring) ? restore(original[i]![j]!) : ring)));
}

/** Drops polygons under `minKm2`, keeping the largest one whatever its size. */
function withoutSmallPolygons(polys: Position[][][], minKm2: number): Position[][][] {
  if (minKm2 <= 0 || polys.length < 2) return polys;
  const areas = polys.map((p) => area({ type: 'Polygon', coordinates: p }) / 1e6);
  const largest = areas.indexOf(Math.max(...areas));
  return polys.filter((_, i) => i === largest || areas[i]! >= minKm2);
}

/** Web Mercator y, in degrees, so that polylabel works in the map's own plane. */
function mercatorY(lat: number): number {
  const clamped = Math.max(-85, Math.min(85, lat));
  return (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
}

function inverseMercatorY(y: number): number {
  return (Math.atan(Math.exp((y * Math.PI) / 180)) * 360) / Math.PI - 90;
}

/**
 * Where to put a country's label: the pole of inaccessibility (polylabel) of its
 * largest part, computed in Web Mercator so the label sits visually in the middle
 * of the shape on this map; longitude brought into [-180, 180].
 */
export function labelPosition(g: Polygon | MultiPolygon): [number, number] {
  let best: Position[][] = polygonsOf(g)[0]!;
  let bestArea = -1;
  for (const poly of polygonsOf(g)) {
    const a = area({ type: 'Polygon', coordinates: poly });
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  const projected = best.map((ring) => ring.map((p) => [p[0]!, mercatorY(p[1]!)]));
  const [x, y] = polylabel(projected, 0.01);
  let lon = x!;
  while (lon > 180) lon -= 360;
  while (lon < -180) lon += 360;
  return [lon, inverseMercatorY(y!)];
}

/** Area thresholds (km²) of scaleranks 0–4; smaller countries get 5. */
export const SCALERANK_KM2 = [3_000_000, 1_000_000, 300_000, 90_000, 20_000] as const;

export function scalerankOf(km2: number): number {
  const i = SCALERANK_KM2.findIndex((t) => km2 >= t);
  return i === -1 ? SCALERANK_KM2.length : i;
}

// ---------------------------------------------------------------------------
// Build

function byKey<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

function collection<G extends Feature['geometry'], P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

function lineFeature<P>(properties: P, g: MultiLineString, digits: number): Feature<MultiLineString, P> {
  const lines = g.coordinates.map((l) => roundLine(l, digits)).filter((l) => l.length >= 2);
  // Sort lines for a stable order independent of arc order quirks.
  lines.sort(byKey((l) => JSON.stringify(l[0])));
  return { type: 'Feature', properties, geometry: { type: 'MultiLineString', coordinates: lines } };
}

/** Meridians from -180 (which is also 180) and parallels strictly between the poles. */
export function buildGraticule(step: number, digits = 3): FeatureCollection<LineString, GraticuleProps> {
  if (!(step > 0) || 180 % step !== 0) throw new Error(`graticule step ${step} must divide 180`);
  const features: Feature<LineString, GraticuleProps>[] = [];
  const dense = 10; // vertex spacing (degrees), so lines follow a globe projection too
  for (let lon = -180; lon < 180; lon += step) {
    const coordinates: Position[] = [];
    for (let lat = -90; lat <= 90; lat += dense) coordinates.push([lon, lat]);
    features.push({ type: 'Feature', properties: { kind: 'meridian', value: lon, major: lon === 0 || lon === -180 }, geometry: { type: 'LineString', coordinates: roundLine(coordinates, digits) } });
  }
  for (let lat = -90 + step; lat < 90; lat += step) {
    const coordinates: Position[] = [];
    for (let lon = -180; lon <= 180; lon += dense) coordinates.push([lon, lat]);
    features.push({ type: 'Feature', properties: { kind: 'parallel', value: lat, major: lat === 0 }, geometry: { type: 'LineString', coordinates: roundLine(coordinates, digits) } });
  }
  return collection(features);
}

/**
 * Builds the base map from a world-atlas countries topology (50m recommended).
 * Pure: `topology` is not modified, and the same input gives deep-equal output.
 */
export function buildBasemap(topology: CountriesTopology, options: Partial<BasemapOptions> = {}): Basemap {
  const opts = { ...DEFAULT_BASEMAP_OPTIONS, ...options };
  const { digits } = opts;
  const simplified = simplify(presimplify(topology), opts.simplifyWeight) as CountriesTopology;
  const geoms = topology.objects.countries.geometries;
  const simplifiedGeoms = simplified.objects.countries.geometries;

  // --- countries: one feature per iso2 (Ashmore and Cartier Is. shares Australia's code)
  const isoByGeom = new Map<GeometryObject<{ name: string }>, string>();
  const units = new Map<string, { iso2: string; topoName: string; polys: Position[][][] }>();
  geoms.forEach((g, i) => {
    const iso2 = iso2Of(g);
    const topoName = nameOf(g);
    isoByGeom.set(simplifiedGeoms[i]!, iso2);
    const s = geometryOf(simplified, simplifiedGeoms[i]!);
    const o = geometryOf(topology, g);
    if (!s || !o) return;
    const restored = withCollapsedRingsRestored(polygonsOf(s), polygonsOf(o), opts.restoreTolerance);
    const fixed = unwrapAntimeridian<MultiPolygon>({ type: 'MultiPolygon', coordinates: restored });
    const key = iso2 || `~${topoName}`;
    const unit = units.get(key);
    // Several units with one code (Australia and Ashmore and Cartier Is.) become one feature.
    if (unit) unit.polys.push(...fixed.coordinates);
    else units.set(key, { iso2, topoName, polys: [...fixed.coordinates] });
  });

  const countries: Feature<Polygon | MultiPolygon, CountryProps>[] = [];
  for (const { iso2, topoName, polys } of units.values()) {
    const rounded = roundPolygons(withoutSmallPolygons(polys, opts.minPolygonKm2), digits);
    if (rounded.length === 0) continue;
    const geometry: Polygon | MultiPolygon = rounded.length === 1 ? { type: 'Polygon', coordinates: rounded[0]! } : { type: 'MultiPolygon', coordinates: rounded };
    countries.push({ type: 'Feature', properties: { iso2, ...namesOf(iso2, topoName) }, geometry });
  }
  // ISO countries by code, then the units without a code by English name.
  countries.sort(byKey((f) => (f.properties.iso2 ? `0${f.properties.iso2}` : `1${f.properties.name_en}`)));

  // --- borders and coastlines, from the same simplified arcs
  const object = simplified.objects.countries;
  const kindOf = (a: GeometryObject, b: GeometryObject): BorderKind | undefined => {
    const ia = isoByGeom.get(a as GeometryObject<{ name: string }>) ?? '';
    const ib = isoByGeom.get(b as GeometryObject<{ name: string }>) ?? '';
    if (a === b || (ia && ia === ib)) return undefined;
    if (!ia || !ib || LIMIT_UNITS.has(ia) || LIMIT_UNITS.has(ib)) return 'limit';
    if (CHINA_UNITS.has(ia) && CHINA_UNITS.has(ib)) return 'sar';
    return 'country';
  };
  const borderKinds: BorderKind[] = ['country', 'limit', 'sar'];
  const borders = borderKinds
    .map((kind) => lineFeature({ kind }, unwrapLines(mesh(simplified, object, (a, b) => kindOf(a, b) === kind)), digits))
    .filter((f) => f.geometry.coordinates.length > 0);
  const coast = lineFeature({ kind: 'coast' as const }, unwrapLines(mesh(simplified, object, (a, b) => a === b)), digits);

  // --- labels: ISO countries only (units without a code are not labelled as countries)
  const labelled = countries
    .filter((f) => f.properties.iso2 !== '')
    .map((f) => ({ f, km2: area(f.geometry) / 1e6 }))
    .sort((a, b) => b.km2 - a.km2 || (a.f.properties.iso2 < b.f.properties.iso2 ? -1 : 1));
  const labels: Feature<Point, LabelProps>[] = labelled.map(({ f, km2 }, i) => {
    const [lon, lat] = labelPosition(f.geometry);
    return {
      type: 'Feature',
      properties: { ...f.properties, rank: i + 1, scalerank: scalerankOf(km2) },
      geometry: { type: 'Point', coordinates: [roundCoord(lon, digits), roundCoord(lat, digits)] },
    };
  });
  labels.sort(byKey((f) => f.properties.iso2));

  return {
    countries: collection(countries),
    borders: collection(borders),
    coastlines: collection([coast]),
    graticule: buildGraticule(opts.graticuleStep, digits),
    labels: collection(labels),
  };
}

// ---------------------------------------------------------------------------
// Serialisation and files

/**
 * A FeatureCollection as text: keys in a fixed order (type, properties, geometry),
 * one feature per line so `git diff` shows a changed feature as one changed line,
 * trailing newline.
 */
export function serializeCollection(fc: FeatureCollection): string {
  const lines = fc.features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Loads a world-atlas countries topology from the installed package. */
export function loadWorldAtlas(resolution: '110m' | '50m' | '10m' = '50m'): CountriesTopology {
  const require = createRequire(import.meta.url);
  return require(`world-atlas/countries-${resolution}.json`) as CountriesTopology;
}

/**
 * The base map files, name → content (for the data build, which writes
 * `public/data/basemap/<name>.geojson` and checks them in `--check` mode).
 */
export function basemapFiles(topology: CountriesTopology = loadWorldAtlas('50m'), options: Partial<BasemapOptions> = {}): Map<string, string> {
  const b = buildBasemap(topology, options);
  return new Map(BASEMAP_LAYERS.map((name) => [name, serializeCollection(b[name])]));
}

export interface WrittenFile {
  id: BasemapLayerName;
  /** Path relative to `public/data/`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Writes `<outDir>/<name>.geojson` for every layer and returns their sizes. */
export function writeBasemap(outDir = 'public/data/basemap', files: Map<string, string> = basemapFiles()): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  return BASEMAP_LAYERS.map((id) => {
    const text = files.get(id)!;
    writeFileSync(join(outDir, `${id}.geojson`), text);
    const buf = Buffer.from(text);
    return { id, file: `basemap/${id}.geojson`, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
  });
}
