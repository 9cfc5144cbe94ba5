/**
 * The offline base map, built from Natural Earth through `world-atlas`, one per
 * worldview (the topology `geo/worldviews.ts` makes):
 *
 *   countries   polygons `{ iso2, name_en, name_zh, disputed }`: one per country (China
 *               with Taiwan, Hong Kong and Macao), one per disputed area (drawn hatched)
 *   borders     boundaries `{ kind }` (shared arcs between two units; China's South
 *               China Sea line in China's worldview)
 *   coastlines  arcs used by one unit only (the site's style draws coasts from the
 *               country outlines instead, see src/map/basemap-style.ts; kept for
 *               consumers that need coast-only lines: print, export, deck.gl)
 *   graticule   meridians and parallels `{ kind, value, major }`
 *   labels      one point per ISO unit (Taiwan, Hong Kong and Macao named as parts of
 *               China), and China's island groups in China's worldview
 *               `{ iso2, name_en, name_zh, rank, scalerank }`
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
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryObject } from 'topojson-specification';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area } from '@turf/area';
import { simplify as simplifyLine } from '@turf/simplify';
import { kinks } from '@turf/kinks';
import { union } from './clip.ts';
import polylabel from 'polylabel';
import { countryName } from './country-names.ts';
import { signedArea, unwrapAntimeridian, unwrapLines, unwrapLongitudes } from './antimeridian.ts';
import { disputedArea, islandLabels, loadWorldviewTopology, southChinaSeaLine, type UnitProps, type UnitsTopology } from './worldviews.ts';
import { REGION_LABELS, sovereignOf } from './sovereignty.ts';
import { BASE_WORLDVIEW, type Worldview } from '../src/data/worldviews.ts';

// ---------------------------------------------------------------------------
// Types

export interface CountryProps {
  /** ISO 3166-1 alpha-2 ('XK' Kosovo); '' for a disputed area cut out of a country, or a unit without a code. */
  iso2: string;
  name_en: string;
  name_zh: string;
  /** A disputed area: in no country's fill, drawn in a neutral hatch. */
  disputed: boolean;
}

/**
 * - `country`: between two countries (in China's worldview, China's claim lines are its boundary);
 * - `control`: between a disputed area and a unit administered by someone else: a line of
 *   control or of actual control (Kashmir's, the McMahon Line…), dashed;
 * - `claim`: between a disputed area and the rest of the country that administers it: a claim
 *   line (China's south of Arunachal Pradesh, India's east of Aksai Chin…), dashed;
 * - `sar`: between mainland China and Hong Kong or Macao (a special administrative region
 *   boundary, not an international one);
 * - `maritime`: the dashes of China's South China Sea line (China's worldview only).
 */
export type BorderKind = 'country' | 'control' | 'claim' | 'sar' | 'maritime';
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
   * Whether the countries carry their names. The overview's do not: the map draws
   * it only as fills (its names are the labels', and the detailed file's), and
   * the names were a sixth of the first download of the base map.
   */
  countryNames: boolean;
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
  countryNames: true,
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
  countryNames: false,
  minPolygonKm2: 500,
  restoreTolerance: 0.1,
};

// ---------------------------------------------------------------------------
// Names and codes

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

const propsOf = (g: GeometryObject<UnitProps>): UnitProps => g.properties as UnitProps;

/** A unit's geometry as GeoJSON. */
function geometryOf(topology: UnitsTopology, g: GeometryObject<UnitProps>): Polygon | MultiPolygon | null {
  return (feature(topology, g) as Feature<Polygon | MultiPolygon | null>).geometry;
}

function namesOf(iso2: string, topoName: string, disputed = ''): { name_en: string; name_zh: string } {
  const area = disputed ? disputedArea(disputed) : undefined;
  if (area) return { name_en: area.names.en, name_zh: area.names.zh };
  if (!iso2) return { name_en: topoName, name_zh: NO_ISO_ZH[topoName] ?? topoName };
  const o = REGION_LABELS[iso2] ?? LABEL_OVERRIDES[iso2];
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

/**
 * Whether a short ring (an islet, a small disputed area) crossed itself once
 * simplified and rounded; long rings keep their shape (and checking them would
 * cost quadratic time).
 */
function crossesItself(ring: readonly Position[]): boolean {
  return ring.length <= 64 && kinks({ type: 'Polygon', coordinates: [ring as Position[]] }).features.length > 0;
}

/** A lobe of a self-crossing ring smaller than this share of its largest lobe is a sliver (see `roundPolygons`). */
const SLIVER_SHARE = 0.02;

function roundPolygons(polys: readonly Position[][][], digits: number): Position[][][] {
  const out: Position[][][] = [];
  for (const poly of polys) {
    const rings = poly.map((ring) => roundRing(ring, digits)).map((r) => (r && !isDegenerate(r) ? r : undefined));
    if (!rings[0]) continue; // exterior collapsed
    const kept = rings.filter((r): r is Position[] => r !== undefined);
    // A small ring that crosses itself is redrawn as the polygons it encloses (a union resolves the
    // crossing into lobes). Lobes of a real size are all kept: a country whose narrow neck crossed
    // itself once simplified keeps both sides (Thailand's peninsula, beyond the Kra isthmus, in the
    // overview); the slivers of an islet go. Such lobes touch at the crossing point: valid simple
    // features (polygons of a multipolygon may touch at points), though turf's booleanValid says not.
    if (kept.some(crossesItself)) {
      const lobes = union([kept])
        .map((p) => p.map((r) => roundLine(r, digits)))
        .filter((p) => p[0]!.length >= 4 && !isDegenerate(p[0]!))
        .map((p) => ({ p, km2: area({ type: 'Polygon', coordinates: p }) / 1e6 }))
        .sort((a, b) => b.km2 - a.km2);
      const parts = lobes.filter((l) => l.km2 >= lobes[0]!.km2 * SLIVER_SHARE).map((l) => l.p);
      if (parts.length && !parts.some((p) => p.some(crossesItself))) out.push(...parts);
      else out.push(kept);
    } else out.push(kept);
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
 * Builds the base map of a worldview from its topology (`worldviewTopology`, on
 * world-atlas 50m). Pure: `topology` is not modified, and the same input gives
 * deep-equal output.
 */
export function buildBasemap(topology: UnitsTopology, options: Partial<BasemapOptions> = {}, worldview: Worldview = BASE_WORLDVIEW): Basemap {
  const opts = { ...DEFAULT_BASEMAP_OPTIONS, ...options };
  const { digits } = opts;
  const simplified = simplify(presimplify(topology), opts.simplifyWeight) as UnitsTopology;
  const geoms = topology.objects.countries.geometries;
  const simplifiedGeoms = simplified.objects.countries.geometries;

  // --- countries: one feature per country (China with Taiwan, Hong Kong and Macao; Australia
  // with Ashmore and Cartier Is., which shares its code) and one per disputed area
  interface Unit {
    iso2: string;
    name: string;
    disputed: string;
    polys: Position[][][];
  }
  const countryUnits = new Map<string, Unit>();
  /** Each unit's own outline (Taiwan apart from China): labels are placed in it. */
  const ownUnits: Unit[] = [];
  geoms.forEach((g, i) => {
    const p = propsOf(g);
    const s = geometryOf(simplified, simplifiedGeoms[i]!);
    const o = geometryOf(topology, g);
    if (!s || !o) return;
    const restored = withCollapsedRingsRestored(polygonsOf(s), polygonsOf(o), opts.restoreTolerance);
    const fixed = unwrapAntimeridian<MultiPolygon>({ type: 'MultiPolygon', coordinates: restored });
    ownUnits.push({ iso2: p.iso2, name: p.name, disputed: p.disputed, polys: [...fixed.coordinates] });
    const iso2 = p.disputed ? p.iso2 : sovereignOf(p.iso2);
    const key = p.disputed ? `~${p.disputed}` : iso2 || `~${p.name}`;
    const unit = countryUnits.get(key);
    if (unit) unit.polys.push(...fixed.coordinates);
    else countryUnits.set(key, { iso2, name: p.name, disputed: p.disputed, polys: [...fixed.coordinates] });
  });

  const shape = (polys: Position[][][], dissolve = false): Polygon | MultiPolygon | undefined => {
    let rounded = roundPolygons(withoutSmallPolygons(polys, opts.minPolygonKm2), digits);
    // Parts that simplification and rounding made overlap (and units drawn as one) become one valid outline.
    if (dissolve) rounded = roundPolygons(union(rounded), digits);
    if (rounded.length === 0) return undefined;
    return rounded.length === 1 ? { type: 'Polygon', coordinates: rounded[0]! } : { type: 'MultiPolygon', coordinates: rounded };
  };
  const countries: Feature<Polygon | MultiPolygon, CountryProps>[] = [];
  for (const u of countryUnits.values()) {
    // China with Hong Kong and Macao (and Australia with Ashmore and Cartier Is.): one outline, shared edges dissolved.
    const geometry = shape(u.polys, u.iso2 !== '' && geoms.filter((g) => !propsOf(g).disputed && sovereignOf(propsOf(g).iso2) === u.iso2).length > 1);
    if (geometry) countries.push({ type: 'Feature', properties: { iso2: u.iso2, ...namesOf(u.iso2, u.name, u.disputed), disputed: !!u.disputed }, geometry });
  }
  // Countries by code, then disputed areas and units without a code by English name.
  countries.sort(byKey((f) => (f.properties.iso2 && !f.properties.disputed ? `0${f.properties.iso2}` : `1${f.properties.name_en}`)));

  // --- borders and coastlines, from the same simplified arcs
  const object = simplified.objects.countries;
  const kindOf = (ga: GeometryObject, gb: GeometryObject): BorderKind | undefined => {
    if (ga === gb) return undefined;
    const a = propsOf(ga as GeometryObject<UnitProps>);
    const b = propsOf(gb as GeometryObject<UnitProps>);
    if (a.disputed || b.disputed) {
      // Who administers each side: the same country on both sides makes the line a claim.
      const admin = (u: UnitProps) => (u.disputed ? u.admin : sovereignOf(u.iso2)) || `~${u.name}`;
      return admin(a) === admin(b) ? 'claim' : 'control';
    }
    if (a.iso2 && a.iso2 === b.iso2) return undefined;
    if (a.iso2 && sovereignOf(a.iso2) === sovereignOf(b.iso2)) return 'sar';
    return 'country';
  };
  const meshKinds: BorderKind[] = ['country', 'control', 'claim', 'sar'];
  const borders = meshKinds.map((kind) => lineFeature({ kind }, unwrapLines(mesh(simplified, object, (a, b) => kindOf(a, b) === kind)), digits)).filter((f) => f.geometry.coordinates.length > 0);
  if (worldview === 'cn') borders.push(lineFeature({ kind: 'maritime' }, { type: 'MultiLineString', coordinates: southChinaSeaLine().map((l) => l.coordinates) }, digits));
  const coast = lineFeature({ kind: 'coast' as const }, unwrapLines(mesh(simplified, object, (a, b) => a === b)), digits);

  // --- labels: every unit with a code (Taiwan, Hong Kong and Macao named as parts of China),
  // placed in the unit's own outline; disputed areas cut out of a country are not labelled
  // One label per code (Australia's two units share one).
  const byCode = new Map<string, Unit>();
  for (const u of ownUnits) {
    if (!u.iso2) continue;
    const prior = byCode.get(u.iso2);
    if (prior) prior.polys.push(...u.polys);
    else byCode.set(u.iso2, { ...u, polys: [...u.polys] });
  }
  const labelled = [...byCode.values()]
    .map((u) => ({ u, geometry: shape(u.polys) }))
    .filter((x): x is { u: Unit; geometry: Polygon | MultiPolygon } => x.geometry !== undefined)
    .map(({ u, geometry }) => ({ u, geometry, km2: area(geometry) / 1e6 }))
    .sort((a, b) => b.km2 - a.km2 || (a.u.iso2 < b.u.iso2 ? -1 : 1));
  const labels: Feature<Point, LabelProps>[] = labelled.map(({ u, geometry, km2 }, i) => {
    const [lon, lat] = labelPosition(geometry);
    return {
      type: 'Feature',
      properties: { iso2: u.iso2, ...namesOf(u.iso2, u.name, u.disputed), disputed: !!u.disputed, rank: i + 1, scalerank: scalerankOf(km2) },
      geometry: { type: 'Point', coordinates: [roundCoord(lon, digits), roundCoord(lat, digits)] },
    };
  });
  // Island groups the worldview draws as a country's (China's South China Sea islands): too small to see, so named.
  for (const g of islandLabels(worldview)) {
    labels.push({
      type: 'Feature',
      properties: { iso2: '', name_en: g.names.en, name_zh: g.names.zh, disputed: false, rank: labels.length + 1, scalerank: ISLAND_SCALERANK },
      geometry: { type: 'Point', coordinates: [roundCoord(g.at[0], digits), roundCoord(g.at[1], digits)] },
    });
  }
  labels.sort(byKey((f) => `${f.properties.iso2 ? 0 : 1}${f.properties.iso2}${f.properties.name_en}`));

  return {
    countries: collection(countries),
    borders: collection(borders),
    coastlines: collection([coast]),
    graticule: buildGraticule(opts.graticuleStep, digits),
    labels: collection(labels),
  };
}

/** Island groups are labelled from the zoom that shows countries of scalerank 3 (the map's zoom 3). */
const ISLAND_SCALERANK = 3;

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

/**
 * A worldview's base map files, name → content (for the data build, which writes
 * `public/data/basemap/<name>.geojson`, `cn/basemap/…`, and checks them in `--check` mode).
 */
export function basemapFiles(worldview: Worldview = BASE_WORLDVIEW, options: Partial<BasemapOptions> = {}, topology: UnitsTopology = loadWorldviewTopology(worldview)): Map<string, string> {
  const b = buildBasemap(topology, options, worldview);
  const { countryNames } = { ...DEFAULT_BASEMAP_OPTIONS, ...options };
  const countries: FeatureCollection = countryNames
    ? b.countries
    : { ...b.countries, features: b.countries.features.map((f) => ({ ...f, properties: { iso2: f.properties.iso2, disputed: f.properties.disputed } })) };
  return new Map(BASEMAP_LAYERS.map((name) => [name, serializeCollection(name === 'countries' ? countries : b[name])]));
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
