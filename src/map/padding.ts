/**
 * Room for what covers the map: the padding that keeps a camera's target clear
 * of panels drawn over it (the detail panel, the presenter's caption), from
 * their measured boxes rather than from a copy of the stylesheet's sizes. Pure.
 */

/** Padding in CSS pixels: the camera centres its target in the area the padding leaves free. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A box on screen (`DOMRect` has these). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The smallest free area kept, in CSS pixels, however much is covered. */
const MIN_FREE = 80;

/**
 * The padding that leaves `covers` out of `map`: each cover that overlaps the
 * map pushes in the side that leaves the most of the map free (the smallest
 * depth relative to the map's size that way: a phone's bottom sheet, nearly as
 * tall as the map is wide, pushes the bottom up, not the left side across) by
 * its depth plus `margin`; the other sides keep `margin`. When covers would leave less than
 * `MIN_FREE` pixels, the padding on that axis is scaled down to keep it.
 */
export function paddingAround(map: Box, covers: readonly (Box | null | undefined)[], margin: number): Padding {
  const p: Padding = { top: margin, right: margin, bottom: margin, left: margin };
  for (const c of covers) {
    if (!c) continue;
    const l = Math.max(c.left, map.left);
    const r = Math.min(c.right, map.right);
    const t = Math.max(c.top, map.top);
    const b = Math.min(c.bottom, map.bottom);
    if (r <= l || b <= t) continue;
    const depth: Record<keyof Padding, number> = { left: r - map.left, right: map.right - l, top: b - map.top, bottom: map.bottom - t };
    const w = map.right - map.left;
    const h = map.bottom - map.top;
    const share = (k: keyof Padding) => depth[k] / (k === 'left' || k === 'right' ? w : h);
    const side = (Object.keys(depth) as (keyof Padding)[]).reduce((a, k) => (share(k) < share(a) ? k : a));
    p[side] = Math.max(p[side], depth[side] + margin);
  }
  const fit = (a: 'left' | 'top', b: 'right' | 'bottom', size: number) => {
    const room = size - MIN_FREE;
    if (p[a] + p[b] > room) {
      const k = Math.max(0, room) / (p[a] + p[b]);
      p[a] = Math.round(p[a] * k);
      p[b] = Math.round(p[b] * k);
    }
  };
  fit('left', 'right', map.right - map.left);
  fit('top', 'bottom', map.bottom - map.top);
  return p;
}

/**
 * The least zoom at which a point at latitude `lat` can be drawn at height `y` of
 * a map `h` pixels tall: MapLibre keeps the world's top and bottom edges (Web
 * Mercator, 512-pixel world at zoom 0) outside the view, so far out a point near
 * the edge of the world cannot be moved to the middle of a small free area.
 */
export function zoomToPlace(lat: number, y: number, h: number): number {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  const m = (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
  // A little closer than just enough, so that rounding does not leave the point a pixel short.
  return Math.log2(Math.max(y / m, (h - y) / (1 - m)) / 512) + 0.05;
}
