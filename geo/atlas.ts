/**
 * Country geometry from Natural Earth, through `world-atlas` (TopoJSON) and
 * `topojson-client`. Working on the topology (shared arcs) rather than on
 * GeoJSON lets us merge countries into one outline and extract the border
 * between two countries exactly.
 *
 * Two resolutions: 50m (simplified) for what is drawn, 10m for the checks
 * ("does this point lie in the country it claims?").
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
  /** ISO2 codes present in the atlas. */
  codes(): string[];
  /** A country's (simplified, antimeridian-safe) outline, or undefined if unknown. */
  country(iso2: string): Polygon | MultiPolygon | undefined;
  /** Several countries merged into one outline (internal borders dissolved). */
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

function largestPolygon(g: Polygon | MultiPolygon): Polygon {
  if (g.type === 'Polygon') return g;
  let best: Polygon = { type: 'Polygon', coordinates: g.coordinates[0]! };
  let bestArea = -1;
  for (const coords of g.coordinates) {
    const p: Polygon = { type: 'Polygon', coordinates: coords };
    const a = area(p);
    if (a > bestArea) { bestArea = a; best = p; }
  }
  return best;
}

/**
 * A point well inside a polygon (its pole of inaccessibility, by mapbox's
 * polylabel), so markers and labels of oddly shaped countries sit inside them.
 */
export function interiorPoint(poly: Polygon): [number, number] {
  const [x, y] = polylabel(poly.coordinates as number[][][], 0.05);
  return [x!, y!];
}

/**
 * Normalises a (multi)polygon with a polygon union (polyclip-ts, the engine
 * behind turf's union): simplification can leave rings touching or crossing,
 * and Natural Earth has parts that touch; the union resolves both.
 */
export function clean(g: Polygon | MultiPolygon): MultiPolygon {
  const coords = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { type: 'MultiPolygon', coordinates: polyclip.union(coords as polyclip.Geom) as Position[][][] };
}

/** Loads world-atlas and builds the atlas (about 1 s: the 10m topology is 3.6 MB). */
export function loadAtlas(): Atlas {
  const t50 = require('world-atlas/countries-50m.json') as CountriesTopology;
  // presimplify mutates its input: simplify a copy, keep the original for small countries.
  const simplified = simplify(presimplify(structuredClone(t50)), SIMPLIFY_MIN_WEIGHT) as CountriesTopology;
  const full50 = indexTopology(t50);
  const t10 = require('world-atlas/countries-10m.json') as CountriesTopology;
  const idx50 = indexTopology(simplified);
  const idx10 = indexTopology(t10);
  const cache = new Map<string, Polygon | MultiPolygon>();
  const detail = new Map<string, Polygon | MultiPolygon>();

  const country = (iso2: string) => {
    if (cache.has(iso2)) return cache.get(iso2);
    const g = idx50.get(iso2);
    if (!g) return undefined;
    let geom = clean(unwrapAntimeridian((feature(simplified, g) as Feature<Polygon | MultiPolygon>).geometry));
    // Small island states (Maldives, Tuvalu…) can vanish under simplification: keep them whole.
    if (geom.coordinates.length === 0) geom = clean(unwrapAntimeridian((feature(t50, full50.get(iso2)!) as Feature<Polygon | MultiPolygon>).geometry));
    cache.set(iso2, geom);
    return geom;
  };

  const detailed = (iso2: string) => {
    if (detail.has(iso2)) return detail.get(iso2);
    const g = idx10.get(iso2);
    if (!g) return undefined;
    const geom = (feature(t10, g) as Feature<Polygon | MultiPolygon>).geometry;
    detail.set(iso2, geom);
    return geom;
  };

  return {
    codes: () => [...idx50.keys()].sort(),
    country,
    merged(iso2s) {
      // Union of the members' outlines: they come from one topology, so shared
      // borders coincide exactly and dissolve; small members survive simplification.
      const parts = iso2s.map((c) => {
        const g = country(c);
        if (!g) throw new Error(`country ${c} is not in Natural Earth 50m`);
        return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as polyclip.Geom;
      });
      return { type: 'MultiPolygon', coordinates: polyclip.union(parts[0]!, ...parts.slice(1)) as Position[][][] };
    },
    border(a, others) {
      const ga: unknown = idx50.get(a);
      const set = new Set<unknown>(others.map((o) => idx50.get(o)).filter((g) => g !== undefined));
      if (!ga || set.size === 0) return undefined;
      const m = mesh(simplified, simplified.objects.countries, (x: unknown, y: unknown) => (x === ga && set.has(y)) || (y === ga && set.has(x)));
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
