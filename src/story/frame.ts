/**
 * Framing a box, as pure Web Mercator arithmetic (unit-tested in Node): the
 * camera that fits a box (a chapter's subjects, from the data's bounds: see
 * `data/bounds.ts`) into the part of the map the caption leaves free. MapLibre
 * then flies there with the same padding, so its centre lands in the middle of
 * that free part.
 */
import type { Bounds } from '../data/bounds.ts';
import type { Camera } from '../state/app-state.ts';
import type { Padding } from '../map/padding.ts';

/** [[west, south], [east, north]]; east may exceed 180 when the box crosses the antimeridian. */
export type Box = Bounds;

/** MapLibre's tile size: the world is 512 px wide at zoom 0. */
const TILE = 512;
const MAX_LAT = 85.051129;

/** Longitude, latitude → world fraction (0–1 across, 0 at the top); x may exceed 1 east of 180°. */
function toWorld(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return [(lon + 180) / 360, 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)];
}

function fromWorld(x: number, y: number): [number, number] {
  const lon = x * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [((lon + 540) % 360) - 180, lat];
}

export interface FitOptions {
  /** The closest the fit may zoom in (a point, or a small box, stops here). */
  maxZoom: number;
  minZoom: number;
  bearing: number;
  pitch: number;
}

/**
 * The camera that shows `box` whole inside the viewport less `padding`, as
 * MapLibre's `cameraForBounds` does at pitch 0; a rotated map fits the rotated
 * box. (Pitch is kept but not allowed for: a tilted view's far side shrinks, so
 * the box stays inside.)
 */
export function fitBox(box: Box, viewport: { width: number; height: number }, padding: Padding, o: FitOptions): Camera {
  const [x1, y1] = toWorld(box[0][0], box[1][1]);
  const [x2, y2] = toWorld(box[1][0], box[0][1]);
  const dx = x2 - x1;
  const dy = y2 - y1;
  const b = (o.bearing * Math.PI) / 180;
  // The screen extent of the box once the map is rotated by the bearing.
  const w = Math.abs(dx * Math.cos(b)) + Math.abs(dy * Math.sin(b));
  const h = Math.abs(dx * Math.sin(b)) + Math.abs(dy * Math.cos(b));
  const freeW = Math.max(1, viewport.width - padding.left - padding.right);
  const freeH = Math.max(1, viewport.height - padding.top - padding.bottom);
  const scale = Math.min(w > 0 ? freeW / w : Infinity, h > 0 ? freeH / h : Infinity);
  const fitted = Number.isFinite(scale) ? Math.log2(scale / TILE) : o.maxZoom;
  const zoom = Math.max(o.minZoom, Math.min(o.maxZoom, fitted));
  // MapLibre will not show past the poles: it moves such a view itself (and a flight with padding lands
  // off its target), so keep the window inside the world here. A box near a pole then sits nearer the edge.
  const world = TILE * 2 ** zoom;
  const above = (padding.top + freeH / 2) / world;
  const below = (padding.bottom + freeH / 2) / world;
  const cy = above + below >= 1 ? 0.5 : Math.min(Math.max((y1 + y2) / 2, above), 1 - below);
  const [lon, lat] = fromWorld((x1 + x2) / 2, cy);
  return { lon, lat, zoom, bearing: o.bearing, pitch: o.pitch };
}
