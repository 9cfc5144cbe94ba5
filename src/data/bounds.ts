/**
 * Bounds of features and countries, the one place they are computed: the data
 * build writes every feature's `bbox` with these functions, and the site frames
 * with them — fly-to, a country's focus, a story chapter (presenter and story
 * check). Because a feature's `bbox` comes from its detailed geometry and is
 * written on its overview too, a frame never depends on which outlines happen
 * to be loaded. Pure.
 *
 * Longitudes are taken on the circle: a box spans the shortest arc holding its
 * positions (the complement of the widest empty gap), so Fiji or Chukotka, drawn
 * on both sides of ±180°, do not stretch it round the world.
 */
import type { Geometry, Position } from 'geojson';

/** [[west, south], [east, north]], west in [-180, 180), east ≥ west (east may pass 180 across the antimeridian). */
export type Bounds = [[number, number], [number, number]];

/** RFC 7946 `bbox`: [west, south, east, north], east < west when the box crosses the antimeridian. */
export type BBox = [number, number, number, number];

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

const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;

/**
 * The shortest interval of longitudes holding every one of `lons`, as
 * [west, east] with west in [-180, 180) and east ≥ west (east may pass 180:
 * Fiji, split at the antimeridian, is [177, 182], not the whole world).
 */
export function lonInterval(lons: readonly number[]): [number, number] {
  const xs = [...new Set(lons.filter(Number.isFinite).map(wrap))].sort((a, b) => a - b);
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

function boundsOfPositions(ps: readonly Position[]): Bounds | null {
  let s = Infinity;
  let n = -Infinity;
  const lons: number[] = [];
  for (const [x, y] of ps) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    lons.push(x!);
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  }
  if (lons.length === 0) return null;
  const [w, e] = lonInterval(lons);
  return [
    [w, s],
    [e, n],
  ];
}

/** The bounds of a geometry, or null when it has no positions. */
export function geometryBounds(g: Geometry): Bounds | null {
  return boundsOfPositions(positions(g));
}

/** Sample spacing along a box's top edge when boxes are united: below any gap worth keeping open. */
const UNION_STEP = 30;

/**
 * The bounds holding every one of `boxes`, or null when there are none. Each
 * box is sampled along its width, so a box wider than the gaps between the
 * others is never cut.
 */
export function unionBounds(boxes: readonly (Bounds | null | undefined)[]): Bounds | null {
  const ps: Position[] = [];
  for (const b of boxes) {
    if (!b) continue;
    const [[w, s], [e, n]] = b;
    for (let x = w; x < e; x += UNION_STEP) ps.push([x, s]);
    ps.push([w, s], [e, n]);
  }
  return boundsOfPositions(ps);
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

/** Bounds as an RFC 7946 `bbox`, rounded to `digits` decimals (east brought back into [-180, 180]). */
export function toBBox(b: Bounds, digits = 4): BBox {
  const r = (x: number) => {
    const v = Math.round(x * 10 ** digits) / 10 ** digits;
    return Object.is(v, -0) ? 0 : v;
  };
  const east = b[1][0] > 180 ? b[1][0] - 360 : b[1][0];
  return [r(b[0][0]), r(b[0][1]), r(east), r(b[1][1])];
}

/** An RFC 7946 `bbox` as bounds (east past 180 when it crosses the antimeridian). */
export function fromBBox(bbox: readonly number[]): Bounds {
  const [w, s, e, n] = bbox as BBox;
  return [
    [w, s],
    [e < w ? e + 360 : e, n],
  ];
}

/** A feature's bounds: its `bbox` when the data has one (every shipped feature), else its geometry's. */
export function featureBounds(f: { bbox?: readonly number[] | undefined; geometry: Geometry }): Bounds | null {
  return f.bbox && f.bbox.length === 4 ? fromBBox(f.bbox) : geometryBounds(f.geometry);
}
