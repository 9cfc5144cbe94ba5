/**
 * Where to look for a feature or a country: its bounding box, made continuous
 * across the antimeridian, for fly-to and zoom-to (and story chapter framing). Pure.
 */
import type { Geometry, Position } from 'geojson';

export type Bounds = [[number, number], [number, number]];

function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positions);
  }
}

/**
 * The shortest interval of longitudes holding every one of `lons`, as
 * [west, east] with west in [-180, 180) and east ≥ west (east may pass 180:
 * Fiji, split at the antimeridian, is [177, 182], not the whole world).
 * It is the complement of the largest gap between neighbouring longitudes
 * on the circle.
 */
export function lonInterval(lons: readonly number[]): [number, number] {
  const xs = [...new Set(lons.map((x) => ((((x + 180) % 360) + 360) % 360) - 180))].sort((a, b) => a - b);
  if (xs.length === 0) return [0, 0];
  // The gap that wraps from the easternmost round to the westernmost: a plain min/max.
  let gap = xs[0]! + 360 - xs[xs.length - 1]!;
  let west = xs[0]!;
  let east = xs[xs.length - 1]!;
  for (let i = 0; i + 1 < xs.length; i++) {
    const g = xs[i + 1]! - xs[i]!;
    if (g > gap) {
      gap = g;
      west = xs[i + 1]!;
      east = xs[i]! + 360;
    }
  }
  return [west, east];
}

/** [[west, south], [east, north]] of a geometry, or null when it has no positions. */
export function geometryBounds(g: Geometry): Bounds | null {
  const ps = positions(g);
  if (ps.length === 0) return null;
  let s = Infinity, n = -Infinity;
  for (const [, y] of ps) {
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  }
  const [w, e] = lonInterval(ps.map((p) => p[0]!));
  return [[w, s], [e, n]];
}

/** Bounds of several geometries together (e.g. a country's parts), or null when none has positions. */
export function unionBounds(geometries: readonly Geometry[]): Bounds | null {
  return geometryBounds({ type: 'GeometryCollection', geometries: [...geometries] });
}

/** True when the bounds are a single point (fly to it at a set zoom rather than fit). */
export function isPointBounds(b: Bounds): boolean {
  return b[0][0] === b[1][0] && b[0][1] === b[1][1];
}

/** Planar area of a ring in square degrees (shoelace): enough to rank a country's parts. */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(a) / 2;
}

/**
 * Where to look for a country: the bounds of its main parts — every polygon at
 * least `share` of the largest one — so that France frames France rather than
 * France and Réunion, while Fiji's two large islands (either side of 180°)
 * stay together.
 */
export function countryBounds(g: Geometry, share = 0.2): Bounds | null {
  if (g.type !== 'MultiPolygon') return geometryBounds(g);
  const parts = g.coordinates.map((poly) => ({ poly, area: ringArea(poly[0] ?? []) }));
  const largest = Math.max(0, ...parts.map((p) => p.area));
  const main = parts.filter((p) => p.area >= largest * share).map((p) => p.poly);
  return geometryBounds({ type: 'MultiPolygon', coordinates: main.length ? main : g.coordinates });
}
