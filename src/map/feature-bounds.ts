/**
 * Where to look for a feature: its bounding box, made continuous across the
 * antimeridian, for fly-to and zoom-to. Pure.
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

/** [[west, south], [east, north]] of a geometry, or null when it has no positions. */
export function geometryBounds(g: Geometry): Bounds | null {
  const ps = positions(g);
  if (ps.length === 0) return null;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of ps) {
    w = Math.min(w, x!); e = Math.max(e, x!);
    s = Math.min(s, y!); n = Math.max(n, y!);
  }
  return [[w, s], [e, n]];
}

/** True when the bounds are a single point (fly to it at a set zoom rather than fit). */
export function isPointBounds(b: Bounds): boolean {
  return b[0][0] === b[1][0] && b[0][1] === b[1][1];
}
