/**
 * Camera moves on a MapLibre map that do not depend on the element around it:
 * reading the camera, comparing two, flying to a feature's or a country's
 * bounds, and keeping a point clear of a panel. `<hsr-map>` calls them.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { isPointBounds, type Bounds } from '../data/bounds.ts';
import type { Camera } from '../state/app-state.ts';
import { zoomToPlace, type Padding } from './padding.ts';

export const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

export function sameCamera(a: Camera, b: Camera): boolean {
  return Math.abs(a.lon - b.lon) < 1e-4 && Math.abs(a.lat - b.lat) < 1e-4 && Math.abs(a.zoom - b.zoom) < 1e-3 && Math.abs(a.bearing - b.bearing) < 0.05 && Math.abs(a.pitch - b.pitch) < 0.05;
}

/** The offset that puts a camera's target in the middle of the area `padding` leaves free (without setting the map's padding). */
function offsetFor(p: Padding): [number, number] {
  return [(p.left - p.right) / 2, (p.top - p.bottom) / 2];
}

/**
 * Flies to bounds in the area `padding` leaves free: a point at `zooms.point`
 * or closer, a shape fitted (to `zooms.max` at most).
 */
export function flyToBounds(map: MapLibreMap, b: Bounds, padding: Padding, zooms: { point: number; max: number }): void {
  const animate = !reducedMotion();
  // A point lands in the middle of the free area by an offset, not by the map's padding: padding given to
  // flyTo stays on the map, and would shift every later flight and the export's frame.
  if (isPointBounds(b)) map.flyTo({ center: b[0], zoom: Math.max(map.getZoom(), zooms.point), animate, essential: false, offset: offsetFor(padding) });
  else map.fitBounds(b, { padding, absolutePadding: true, maxZoom: zooms.max, animate, duration: animate ? 1200 : 0 });
}

/** Where a position is drawn, in the map's CSS pixels: the copy of the world nearest the view's centre. */
export function screenOf(map: MapLibreMap, position: [number, number]): { x: number; y: number } {
  const c = map.getCenter().lng;
  let lon = position[0];
  while (lon - c > 180) lon -= 360;
  while (lon - c < -180) lon += 360;
  return map.project([lon, position[1]]);
}

/**
 * Keeps one of a feature's positions clear of what covers the map (`padding`):
 * when none lies in the free area, the one nearest it is eased just into the
 * free area's middle; a feature already clear stays where the visitor put it.
 */
export function revealPositions(map: MapLibreMap, positions: [number, number][], padding: Padding): void {
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  const free = { left: padding.left, top: padding.top, right: w - padding.right, bottom: h - padding.bottom };
  const inFree = (p: { x: number; y: number }) => p.x >= free.left && p.x <= free.right && p.y >= free.top && p.y <= free.bottom;
  if (positions.length === 0 || positions.some((p) => inFree(screenOf(map, p)))) return;
  // The position nearest the free area goes to its middle.
  const mid = { x: (free.left + free.right) / 2, y: (free.top + free.bottom) / 2 };
  const target = positions.map((p) => ({ p, s: screenOf(map, p) })).sort((a, b) => Math.hypot(a.s.x - mid.x, a.s.y - mid.y) - Math.hypot(b.s.x - mid.x, b.s.y - mid.y))[0]!;
  const lngLat = map.unproject([target.s.x, target.s.y]);
  // Zoomed far out (a phone's first view), the world's edge may not let the point rise that far: closer in, it can.
  const zoom = Math.min(Math.max(map.getZoom(), zoomToPlace(lngLat.lat, mid.y, h)), map.getMaxZoom());
  map.easeTo({ center: lngLat, zoom, offset: offsetFor(padding), duration: reducedMotion() ? 0 : 500, essential: false });
}
