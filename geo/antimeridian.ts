/**
 * Antimeridian repair for Natural Earth geometry from `world-atlas`.
 *
 * world-atlas stitches Natural Earth's shapes for d3's spherical rendering: a ring
 * that crosses ±180° simply steps from 179.9 to -180 (Fiji, Chukotka, Wrangel
 * Island), and Antarctica is a ring around the pole with no pole edge at all. A
 * planar renderer (MapLibre, deck.gl) draws those steps as bands across the whole
 * world. Here every ring and line is made continuous instead:
 *
 * - **unwrap**: consecutive longitudes never differ by more than 180°; a part that
 *   crosses the antimeridian keeps going past it and is placed across +180° (Fiji
 *   177…181, Chukotka up to ~190, Wrangel Island 178…182), the same side for every
 *   part and every country. Parts that do not cross are left untouched. MapLibre (geojson-vt
 *   wraps what lies beyond ±180 into the neighbouring world copy) and deck.gl draw
 *   such coordinates correctly; it also keeps each polygon one polygon, so the
 *   geometry type never changes.
 * - **close via the pole**: a ring that goes once around a pole (its longitudes
 *   advance by ±360° in total) is cut at the antimeridian and closed along the
 *   ±180° meridians and the pole parallel (±90), as Natural Earth's own shapefile
 *   does, with a vertex every 90° along the pole so that no segment spans more
 *   than 180° of longitude either. world-atlas's degenerate "pole cap" rings (a ring along latitude
 *   -89.999, which only makes sense on the sphere) are dropped.
 * - **winding**: polygons come out with RFC 7946 winding (exterior
 *   counter-clockwise, holes clockwise, in planar lon/lat), so a consumer that
 *   classifies rings by winding (MapLibre does) sees the rebuilt Antarctic ring
 *   the right way round.
 *
 * Pure functions; inputs are never mutated.
 */
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/** A ring whose every latitude is at least this far from the equator is a pole cap artefact. */
const POLE_CAP_LAT = 89.9;

/** Longitudes made continuous: each step is brought within ±180° by adding multiples of 360°. */
export function unwrapLongitudes(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  let offset = 0;
  let prev: number | undefined;
  for (const p of line) {
    const lon = p[0]!;
    if (prev !== undefined) {
      const d = lon - prev;
      if (d > 180) offset -= 360 * Math.ceil((d - 180) / 360);
      else if (d < -180) offset += 360 * Math.ceil((-d - 180) / 360);
    }
    prev = lon;
    out.push([lon + offset, ...p.slice(1)]);
  }
  return out;
}

/** The largest |Δlon| between consecutive positions (0 for fewer than two). */
export function maxLonStep(line: readonly Position[]): number {
  let max = 0;
  for (let i = 1; i < line.length; i++) max = Math.max(max, Math.abs(line[i]![0]! - line[i - 1]![0]!));
  return max;
}

/** Every ring or line of a (multi) line or polygon geometry, for checks. */
export function linesOf(g: Polygon | MultiPolygon | LineString | MultiLineString): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
  }
}

function lonExtent(lines: readonly (readonly Position[])[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const l of lines) {
    for (const p of l) {
      if (p[0]! < min) min = p[0]!;
      if (p[0]! > max) max = p[0]!;
    }
  }
  return [min, max];
}

/** The multiple of 360° that brings `lon` into [-180, 180] (ties stay where they are). */
function wrapShift(lon: number): number {
  if (lon > 180) return -360 * Math.ceil((lon - 180) / 360);
  if (lon < -180) return 360 * Math.ceil((-180 - lon) / 360);
  return 0;
}

/**
 * The multiple of 360° to add to a continuous part spanning [min, max]: none when
 * it lies within [-180, 180]; when it crosses the antimeridian, the one that puts
 * it across +180°; otherwise the one that brings its centre into [-180, 180].
 */
function placementShift(min: number, max: number): number {
  if (min >= -180 && max <= 180) return 0;
  const s = 360 * (Math.floor((180 - max) / 360) + 1); // smallest shift with max + s > 180
  if (min + s < 180) return s;
  return wrapShift((min + max) / 2);
}

function shiftLine(line: readonly Position[], dLon: number): Position[] {
  return dLon === 0 ? line.map((p) => [...p]) : line.map((p) => [p[0]! + dLon, ...p.slice(1)]);
}

function isPoleCap(line: readonly Position[]): boolean {
  return line.every((p) => Math.abs(p[1]!) >= POLE_CAP_LAT);
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Planar signed area (shoelace, lon/lat): positive when counter-clockwise. */
export function signedArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

/** The ring with the requested planar winding (a copy). */
function wound(ring: Position[], ccw: boolean): Position[] {
  return signedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/**
 * A ring that circles a pole once, cut where it crosses the antimeridian and
 * closed along ±180° and the pole: the result spans exactly [-180, 180] when the
 * ring crosses the antimeridian once (Antarctica does).
 */
export function closeAroundPole(ring: readonly Position[]): Position[] {
  const open = samePosition(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring.slice();
  const n = open.length;
  // The first step that crosses the antimeridian, the closing step included.
  let i = 0;
  while (i < n && Math.abs(open[(i + 1) % n]![0]! - open[i]![0]!) <= 180) i++;
  if (i === n) throw new Error('closeAroundPole: the ring does not cross the antimeridian');
  const p = open[i]!;
  const q = open[(i + 1) % n]!;
  const eastward = p[0]! > q[0]!; // from near +180 to near -180
  const from = eastward ? 180 : -180;
  const qLon = q[0]! + (eastward ? 360 : -360);
  const t = qLon === p[0]! ? 0 : (from - p[0]!) / (qLon - p[0]!);
  const lat = p[1]! + t * (q[1]! - p[1]!);
  // Walk the ring from the crossing: from -from, round the pole, back to +from.
  const walk: Position[] = [[-from, lat]];
  for (let k = 1; k <= n; k++) {
    const v = open[(i + k) % n]!;
    if (!samePosition(v, walk[walk.length - 1]!)) walk.push([...v]);
  }
  const unwrapped = unwrapLongitudes(walk);
  const end: Position = [from, lat];
  const last = unwrapped[unwrapped.length - 1]!;
  if (last[0] !== end[0] || last[1] !== end[1]) unwrapped.push(end);
  const meanLat = open.reduce((s, v) => s + v[1]!, 0) / n;
  const pole = meanLat < 0 ? -90 : 90;
  // Back along the pole in 90° steps, then up the other side to the start.
  const step = from > 0 ? -90 : 90;
  for (let lon = from; lon !== -from; lon += step) unwrapped.push([lon, pole]);
  unwrapped.push([-from, pole], [-from, lat]);
  return unwrapped;
}

/** Net longitude travelled around a ring, in whole turns (0 for an ordinary ring). */
function turns(ring: readonly Position[]): number {
  const u = unwrapLongitudes(ring);
  return Math.round((u[u.length - 1]![0]! - u[0]![0]!) / 360);
}

function fixPolygon(rings: readonly Position[][]): Position[][] {
  const normal: Position[][] = [];
  let polar: Position[] | undefined;
  let exteriorDropped = false;
  rings.forEach((ring, index) => {
    if (turns(ring) !== 0) {
      if (isPoleCap(ring)) {
        if (index === 0) exteriorDropped = true;
        return;
      }
      if (polar) throw new Error('unwrapAntimeridian: a polygon with two rings around a pole is not supported');
      if (index !== 0 && !exteriorDropped) throw new Error('unwrapAntimeridian: a hole around a pole is not supported');
      polar = closeAroundPole(ring);
      return;
    }
    normal.push(unwrapLongitudes(ring));
  });
  if (exteriorDropped && !polar) return []; // only a pole cap: nothing to draw
  const exterior = polar ?? normal.shift();
  if (!exterior) return [];
  const [min, max] = lonExtent([exterior]);
  const shift = polar ? 0 : placementShift(min, max);
  const centre = (min + max) / 2 + shift;
  const out = [wound(shiftLine(exterior, shift), true)];
  for (const hole of normal) {
    const [hMin, hMax] = lonExtent([hole]);
    // Holes go wherever is nearest the exterior's centre.
    const hShift = Math.round((centre - (hMin + hMax) / 2) / 360) * 360;
    out.push(wound(shiftLine(hole, hShift), false));
  }
  return out;
}

/**
 * A polygon or multipolygon whose rings never step more than 180° in longitude,
 * with rings around a pole closed via the pole, and RFC 7946 winding. The type is
 * preserved (a Polygon stays a Polygon).
 *
 * @param g - geometry in lon/lat, typically from topojson-client `feature()` or `merge()`
 * @returns a new geometry; `g` is not modified
 * @example
 * unwrapAntimeridian({ type: 'Polygon', coordinates: [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]] })
 * // → rings at 179…181
 */
export function unwrapAntimeridian<T extends Polygon | MultiPolygon>(g: T): T {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: fixPolygon(g.coordinates) } as T;
  const polys = (g as MultiPolygon).coordinates.map(fixPolygon).filter((p) => p.length > 0);
  return { type: 'MultiPolygon', coordinates: polys } as T;
}

/**
 * Lines made continuous across the antimeridian (placed like polygon parts: across
 * +180° when they cross it); lines that only run along a pole cap are dropped.
 */
export function unwrapLines(g: LineString | MultiLineString): MultiLineString {
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const out: Position[][] = [];
  for (const line of lines) {
    if (line.length < 2 || isPoleCap(line)) continue;
    const u = unwrapLongitudes(line);
    const [min, max] = lonExtent([u]);
    out.push(shiftLine(u, placementShift(min, max)));
  }
  return { type: 'MultiLineString', coordinates: out };
}
