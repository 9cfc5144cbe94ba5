/**
 * Country geometry from Natural Earth, through `world-atlas` (TopoJSON) and
 * `topojson-client`, in one worldview (`geo/worldviews.ts`: a country's outline
 * leaves out the areas that worldview draws as disputed, or takes in the areas
 * it gives the country). Working on the topology (shared arcs) rather than on
 * GeoJSON lets us merge countries into one outline and extract the border
 * between two countries exactly. China is drawn with Taiwan, Hong Kong and
 * Macao (`sovereignty.ts`).
 *
 * Two resolutions: 50m (simplified) for what is drawn, 10m for the checks
 * ("does this point lie in the country it claims?", Natural Earth's de facto
 * outlines, whatever the worldview).
 */
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { polygonToLine } from '@turf/polygon-to-line';
import { area } from '@turf/area';
import polylabel from 'polylabel';
import { numericToAlpha2 } from './country-names.ts';
import { unwrapAntimeridian } from './antimeridian.ts';
import * as polyclip from 'polyclip-ts';
import { loadWorldviewTopology, type UnitProps, type UnitsTopology } from './worldviews.ts';
import { normaliseCountries, sovereignOf, unitsOf } from './sovereignty.ts';
import { BASE_WORLDVIEW, type Worldview } from '../src/data/worldviews.ts';

const require = createRequire(import.meta.url);

/** Natural Earth units without an ISO 3166-1 numeric code that the map may need. */
const NAME_TO_ISO2: Record<string, string> = { Kosovo: 'XK' };

/**
 * Minimum triangle area (in square degrees, planar) kept by Visvalingam
 * simplification of the 50m topology. 0.002 keeps coastlines recognisable at the
 * zooms the map uses (≤ 7) while cutting the vertex count by about two thirds.
 */
export const SIMPLIFY_MIN_WEIGHT = 0.01;

type CountryProps = { name: string };
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProps> }>;

export interface Atlas {
  worldview: Worldview;
  /** ISO2 codes present in the atlas. */
  codes(): string[];
  /** A country's (simplified, antimeridian-safe) outline in the worldview, or undefined if unknown (TW, HK and MO are China's). */
  country(iso2: string): Polygon | MultiPolygon | undefined;
  /** Several countries merged into one outline (internal borders dissolved; TW, HK and MO count as China). */
  merged(iso2s: readonly string[]): MultiPolygon;
  /** The shared land border between `a` and any of `others`, or undefined when they do not touch. */
  border(a: string, others: readonly string[]): MultiLineString | undefined;
  /** A label / marker position inside the country's largest part. */
  anchor(iso2: string): [number, number] | undefined;
  /** Distance in km from a point to the country (0 when inside), on 10m geometry. */
  distanceKm(iso2: string, point: [number, number]): number | undefined;
}

function isoOf(g: { id?: string | number; properties?: unknown }): string | undefined {
  if (g.id !== undefined && g.id !== null) return numericToAlpha2(g.id);
  const name = (g.properties as Partial<CountryProps> | null | undefined)?.name;
  return name ? NAME_TO_ISO2[name] : undefined;
}

function indexTopology(topology: CountriesTopology) {
  const byIso = new Map<string, CountriesTopology['objects']['countries']['geometries'][number]>();
  for (const g of topology.objects.countries.geometries) {
    const iso = isoOf(g);
    if (iso && !byIso.has(iso)) byIso.set(iso, g);
  }
  return byIso;
}

type UnitGeometry = UnitsTopology['objects']['countries']['geometries'][number];
/** A worldview's countries by code: disputed areas belong to none. */
function indexUnits(topology: UnitsTopology) {
  const byIso = new Map<string, UnitGeometry>();
  for (const g of topology.objects.countries.geometries) {
    const p = g.properties as UnitProps;
    if (p.iso2 && !p.disputed && !byIso.has(p.iso2)) byIso.set(p.iso2, g);
  }
  return byIso;
}

function largestPolygon(g: Polygon | MultiPolygon): Polygon {
  if (g.type === 'Polygon') return g;
  let best: Polygon = { type: 'Polygon', coordinates: g.coordinates[0]! };
  let bestArea = -1;
  for (const coords of g.coordinates) {
    const p: Polygon = { type: 'Polygon', coordinates: coords };
    const a = area(p);
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  return best;
}

/**
 * A point well inside a polygon (its pole of inaccessibility, by mapbox's
 * polylabel), so markers and labels of oddly shaped countries sit inside them.
 */
export function interiorPoint(poly: Polygon): [number, number] {
  const [x, y] = polylabel(poly.coordinates, 0.05);
  return [x!, y!];
}

/**
 * Normalises a (multi)polygon with a polygon union (polyclip-ts, the engine
 * behind turf's union): simplification can leave rings touching or crossing,
 * and Natural Earth has parts that touch; the union resolves both.
 */
export function clean(g: Polygon | MultiPolygon): MultiPolygon {
  const coords = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { type: 'MultiPolygon', coordinates: polyclip.union(coords as polyclip.Geom) };
}

let t10: CountriesTopology | undefined;

/** Loads world-atlas and builds the atlas of a worldview (seconds: the 10m topology is 3.6 MB, and the worldview is cut in). */
export function loadAtlas(worldview: Worldview = BASE_WORLDVIEW): Atlas {
  const t50 = loadWorldviewTopology(worldview);
  // presimplify mutates its input: simplify a copy, keep the original for small countries.
  const simplified = simplify(presimplify(structuredClone(t50)), SIMPLIFY_MIN_WEIGHT) as UnitsTopology;
  const full50 = indexUnits(t50);
  const ten = (t10 ??= require('world-atlas/countries-10m.json') as CountriesTopology);
  const idx50 = indexUnits(simplified);
  const idx10 = indexTopology(ten);
  const cache = new Map<string, MultiPolygon | undefined>();
  const detail = new Map<string, Polygon | MultiPolygon>();

  const unit = (iso2: string): MultiPolygon | undefined => {
    const g = idx50.get(iso2);
    if (!g) return undefined;
    let geom = clean(unwrapAntimeridian((feature(simplified, g) as Feature<Polygon | MultiPolygon>).geometry));
    // Small island states (Maldives, Tuvalu…) can vanish under simplification: keep them whole.
    if (geom.coordinates.length === 0) geom = clean(unwrapAntimeridian((feature(t50, full50.get(iso2)!) as Feature<Polygon | MultiPolygon>).geometry));
    return geom;
  };
  const country = (iso2: string) => {
    if (cache.has(iso2)) return cache.get(iso2);
    // A region of another country (Taiwan, Hong Kong, Macao) is not a country of its own.
    const parts =
      sovereignOf(iso2) !== iso2
        ? []
        : unitsOf(iso2)
            .map(unit)
            .filter((g): g is MultiPolygon => g !== undefined);
    const geom =
      parts.length === 0
        ? undefined
        : parts.length === 1
          ? parts[0]
          : { type: 'MultiPolygon' as const, coordinates: polyclip.union(...(parts.map((p) => p.coordinates) as [polyclip.Geom, ...polyclip.Geom[]])) as Position[][][] };
    cache.set(iso2, geom);
    return geom;
  };

  const detailed = (iso2: string) => {
    if (detail.has(iso2)) return detail.get(iso2);
    const g = idx10.get(iso2);
    if (!g) return undefined;
    const geom = (feature(ten, g) as Feature<Polygon | MultiPolygon>).geometry;
    detail.set(iso2, geom);
    return geom;
  };

  const geometriesOf = (codes: readonly string[]) =>
    new Set<unknown>(
      codes
        .flatMap((c) => unitsOf(c))
        .map((c) => idx50.get(c))
        .filter((g) => g !== undefined),
    );
  return {
    worldview,
    codes: () => [...idx50.keys()].filter((c) => sovereignOf(c) === c).sort(),
    country,
    merged(iso2s) {
      // Union of the members' outlines: they come from one topology, so shared
      // borders coincide exactly and dissolve; small members survive simplification.
      const parts = normaliseCountries(iso2s).map((c) => {
        const g = country(c);
        if (!g) throw new Error(`country ${c} is not in Natural Earth 50m`);
        return g.coordinates as polyclip.Geom;
      });
      return { type: 'MultiPolygon', coordinates: polyclip.union(parts[0]!, ...parts.slice(1)) };
    },
    border(a, others) {
      const own = geometriesOf([a]);
      const set = geometriesOf(others);
      if (own.size === 0 || set.size === 0) return undefined;
      const m = mesh(simplified, simplified.objects.countries, (x: unknown, y: unknown) => (own.has(x) && set.has(y)) || (own.has(y) && set.has(x)));
      return m.coordinates.length ? m : undefined;
    },
    anchor(iso2) {
      const g = country(iso2);
      return g ? interiorPoint(largestPolygon(g)) : undefined;
    },
    distanceKm(iso2, point) {
      const g = detailed(iso2);
      if (!g) return undefined;
      if (booleanPointInPolygon(point, g)) return 0;
      const lines = polygonToLine(g);
      const parts = lines.type === 'FeatureCollection' ? lines.features : [lines];
      let best = Infinity;
      for (const line of parts) {
        const geom = line.geometry;
        const lineStrings: Position[][] = geom.type === 'LineString' ? [geom.coordinates] : geom.coordinates;
        for (const coords of lineStrings) {
          if (coords.length < 2) continue;
          best = Math.min(best, pointToLineDistance(point, { type: 'LineString', coordinates: coords }, { units: 'kilometers' }));
        }
      }
      return best;
    },
  };
}
