/**
 * Overview geometry: the same features with their polygons simplified for the
 * world-scale view (zoom below `OVERVIEW_MAX_ZOOM` in src/map/lod.ts), where the
 * map opens. The site loads these first and the detailed files only when the map
 * is zoomed in (or exported), so the first paint on a phone downloads a fraction
 * of the outlines. Properties (names, summaries, quotes) are identical.
 *
 * At zoom 3 a degree is about 11 px: a Douglas–Peucker tolerance of 0.1°
 * (≈ 1 px), islands under 300 km² (≈ 2 px across) and two decimals (0.01°) are
 * at or below what the screen shows, about the detail of the overview base map
 * (`OVERVIEW_BASEMAP_OPTIONS` in basemap.ts).
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { area } from '@turf/area';
import { simplify } from '@turf/simplify';
import type { LayerFeature } from './layers/context.ts';
import { roundGeometry, roundShipped } from './output.ts';
import { clean } from './atlas.ts';
import { geometryProblem } from './validate.ts';

export interface OverviewOptions {
  /** Douglas–Peucker tolerance in degrees. */
  tolerance: number;
  /** Polygons smaller than this (km²) are dropped, except a feature's largest. */
  minPolygonKm2: number;
  digits: number;
}

export const OVERVIEW_OPTIONS: OverviewOptions = { tolerance: 0.1, minPolygonKm2: 300, digits: 2 };

const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** A ring simplified, or undefined when it would collapse (fewer than 4 positions or no area). */
function simplifyRing(ring: Position[], tolerance: number): Position[] | undefined {
  if (ring.length <= 8) return ring;
  try {
    const s = simplify({ type: 'Polygon', coordinates: [ring] }, { tolerance, highQuality: true, mutate: false }).coordinates[0]!;
    return s.length >= 4 ? s : undefined;
  } catch {
    return undefined; // turf refuses to reduce a ring below 4 positions
  }
}

/**
 * A polygon geometry for the overview: small parts dropped, rings simplified and
 * rounded. Exterior rings that collapse keep their source shape (rounded), so no
 * part a viewer could see disappears; holes that collapse are dropped.
 */
export function overviewPolygons(g: Polygon | MultiPolygon, o: OverviewOptions = OVERVIEW_OPTIONS): Polygon | MultiPolygon {
  let polys = polygonsOf(g);
  if (polys.length > 1 && o.minPolygonKm2 > 0) {
    const km2 = polys.map((p) => area({ type: 'Polygon', coordinates: p }) / 1e6);
    const largest = km2.indexOf(Math.max(...km2));
    polys = polys.filter((_, i) => i === largest || km2[i]! >= o.minPolygonKm2);
  }
  const simplified = polys.map((poly) => {
    const [outer, ...holes] = poly;
    const kept = holes.map((h) => simplifyRing(h, o.tolerance)).filter((h): h is Position[] => h !== undefined);
    return [simplifyRing(outer!, o.tolerance) ?? outer!, ...kept];
  });
  const geometry: Polygon | MultiPolygon = simplified.length === 1 ? { type: 'Polygon', coordinates: simplified[0]! } : { type: 'MultiPolygon', coordinates: simplified };
  // Simplifying rings one by one can make neighbouring parts overlap or a ring cross
  // itself; a polygon union (as the atlas does for its outlines) resolves both.
  const cleaned = clean(roundGeometry(geometry, o.digits) as Polygon | MultiPolygon);
  return cleaned.coordinates.length === 1 ? { type: 'Polygon', coordinates: cleaned.coordinates[0]! } : cleaned;
}

const isArea = (g: Geometry): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon';

/**
 * The overview version of a layer, or undefined when it has no polygons (points
 * and lines are already light; they need no second file).
 */
export function overviewLayer(features: readonly LayerFeature[], o: OverviewOptions = OVERVIEW_OPTIONS): LayerFeature[] | undefined {
  if (!features.some((f) => isArea(f.geometry))) return undefined;
  return features.map((f) => {
    if (!isArea(f.geometry)) return f;
    const g = overviewPolygons(f.geometry, o);
    // Should simplification still leave an invalid shape, the feature keeps its detailed one.
    return { ...f, geometry: geometryProblem(roundShipped(g)) ? f.geometry : g };
  });
}
