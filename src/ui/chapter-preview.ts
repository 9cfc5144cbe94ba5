/**
 * A chapter's view as a small static picture for the presenter view: the base
 * map's overview countries and the chapter's ringed subjects, projected (Web
 * Mercator, as the map) with the camera the audience window will fly to, in a
 * 1920 × 1080 frame with the caption's place shaded. SVG path data, pure (no
 * DOM), so it is tested in Node. A second MapLibre map for the thumbnail would
 * cost seconds of shader compilation on the laptops the talk runs on (see
 * README, Choices); this costs milliseconds.
 */
import type { Geometry, Position } from 'geojson';
import type { Camera } from '../state/app-state.ts';
import type { Box, Padding } from '../map/padding.ts';

export const PREVIEW = { width: 1920, height: 1080 } as const;

/**
 * Where the audience window's caption sits in the preview's 1920 × 1080 frame:
 * the presenter view is another window and cannot measure it, so this sketches
 * the presenter's stylesheet at a projector's size (24 px from the edges,
 * `clamp(340px, 34vw, 700px)` wide). Only the preview uses it; the audience
 * window frames each chapter from its caption as drawn.
 */
export function previewCaption(size: { width: number; height: number } = PREVIEW): Box {
  const width = Math.round(Math.min(Math.max(size.width * 0.34, 340), 700));
  return { left: 24, top: 24, right: 24 + width, bottom: size.height - 24 };
}

const TILE = 512;
const MAX_LAT = 85.051129;

/** A projection of lon/lat to the frame's pixels for `camera` (whose centre sits in the middle of the area `padding` leaves). */
export type Project = ((p: Position) => [number, number]) & {
  /** The longitude shift (a multiple of 360) that brings `lon` into the world copy nearest the centre. */
  shiftOf(lon: number): number;
  /** Projects without choosing a world copy: `lon + shift` as it is. */
  raw(p: Position, shift: number): [number, number];
};

export function projector(camera: Camera, size: { width: number; height: number }, padding: Padding): Project {
  const world = TILE * 2 ** camera.zoom;
  const wx = (lon: number) => ((lon + 180) / 360) * world;
  const wy = (lat: number) => {
    const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
    return (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * world;
  };
  const cx = wx(camera.lon);
  const cy = wy(camera.lat);
  const sx = padding.left + (size.width - padding.left - padding.right) / 2;
  const sy = padding.top + (size.height - padding.top - padding.bottom) / 2;
  const b = (-camera.bearing * Math.PI) / 180;
  const cos = Math.cos(b);
  const sin = Math.sin(b);
  const shiftOf = (lon: number) => {
    let k = 0;
    while (lon + k - camera.lon > 180) k -= 360;
    while (lon + k - camera.lon < -180) k += 360;
    return k;
  };
  const raw = ([lon, lat]: Position, shift: number): [number, number] => {
    const x = wx(lon! + shift) - cx;
    const y = wy(lat!) - cy;
    return [sx + x * cos - y * sin, sy + x * sin + y * cos];
  };
  // The world copy nearest the centre (a chapter over the Pacific).
  const project = ((p: Position) => raw(p, shiftOf(p[0]!))) as Project;
  project.shiftOf = shiftOf;
  project.raw = raw;
  return project;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Path data of a ring or line, kept whole in the world copy of its first vertex (rings across the antimeridian run past ±180°). */
function pathOf(coords: Position[], project: Project, close: boolean): string {
  if (coords.length === 0) return '';
  const shift = project.shiftOf(coords[0]![0]!);
  const pts = coords.map((c) => project.raw(c, shift));
  return `M${pts.map(([x, y]) => `${r1(x)},${r1(y)}`).join('L')}${close ? 'Z' : ''}`;
}

/** SVG path data for the polygons and lines of a geometry (points are left to `pointsOf`). */
export function geometryPath(g: Geometry, project: Project): string {
  switch (g.type) {
    case 'Polygon':
      return g.coordinates.map((r) => pathOf(r, project, true)).join('');
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r) => pathOf(r, project, true))).join('');
    case 'LineString':
      return pathOf(g.coordinates, project, false);
    case 'MultiLineString':
      return g.coordinates.map((l) => pathOf(l, project, false)).join('');
    case 'GeometryCollection':
      return g.geometries.map((x) => geometryPath(x, project)).join('');
    default:
      return '';
  }
}

/** The points of a geometry, projected. */
export function pointsOf(g: Geometry, project: (p: Position) => [number, number]): [number, number][] {
  if (g.type === 'Point') return [project(g.coordinates)];
  if (g.type === 'MultiPoint') return g.coordinates.map(project);
  if (g.type === 'GeometryCollection') return g.geometries.flatMap((x) => pointsOf(x, project));
  return [];
}

/** Whether a polygon geometry is a line or area (drawn as a path) rather than points. */
export function isAreaOrLine(g: Geometry): boolean {
  return g.type !== 'Point' && g.type !== 'MultiPoint';
}
