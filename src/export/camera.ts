/**
 * The export's camera, copied from the live map: same centre, bearing and
 * pitch, and the zoom that makes the export's CSS size show the live view's
 * extent; and the off-screen canvas's CSS size and pixel ratios. Pure (no
 * DOM), so Node tests can check it.
 *
 * Why not `fitBounds(liveMap.getBounds())`: it resets the bearing (a rotated
 * view would export unrotated), and `getBounds()` ignores the map's padding,
 * so a story chapter would export the area under the presenter's caption too.
 * With padding, MapLibre's centre is the centre of the area the padding leaves
 * free — the chapter's subject — and that free area is what is exported.
 */

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What the export needs to know of the live map (CSS pixels). */
export interface LiveView {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
  /** The live map's CSS size. */
  width: number;
  height: number;
  padding: Padding;
}

export interface ExportCamera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/** The part of the live view the camera frames: its size minus the padding (at least 1 px each way). */
export function framedSize(live: Pick<LiveView, 'width' | 'height' | 'padding'>): { width: number; height: number } {
  const p = live.padding;
  return { width: Math.max(1, live.width - p.left - p.right), height: Math.max(1, live.height - p.top - p.bottom) };
}

/**
 * The camera of an export `cssWidth × cssHeight` CSS pixels large: the live
 * framed area scaled to fit (`contain`: the export shows all of it, and more
 * along one axis when the shapes differ), but never zoomed out past one
 * world's width. Zoom is logarithmic in scale, so scaling the CSS size by `s`
 * adds `log2(s)`.
 */
export function exportCamera(live: LiveView, cssWidth: number, cssHeight: number): ExportCamera & { scale: number } {
  const framed = framedSize(live);
  const contain = Math.min(cssWidth / framed.width, cssHeight / framed.height);
  // Never narrower than one world: a wide image of a world view would otherwise draw countries twice.
  const zoom = Math.max(live.zoom + Math.log2(contain), oneWorldZoom(cssWidth));
  return { center: live.center, zoom, bearing: live.bearing, pitch: live.pitch, scale: 2 ** (zoom - live.zoom) };
}

/** The zoom at which the world (512 CSS pixels at zoom 0) is exactly `cssWidth` wide. */
export const oneWorldZoom = (cssWidth: number): number => Math.log2(cssWidth / 512);

/** Reads the live view from a MapLibre map (duck-typed: only these calls are made). */
export function liveViewOf(map: {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getBearing(): number;
  getPitch(): number;
  getPadding(): Partial<Padding>;
  getContainer(): HTMLElement;
}): LiveView {
  const c = map.getCenter();
  const el = map.getContainer();
  const p = map.getPadding();
  return {
    center: [c.lng, c.lat],
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
    width: el.clientWidth,
    height: el.clientHeight,
    padding: { top: p.top ?? 0, right: p.right ?? 0, bottom: p.bottom ?? 0, left: p.left ?? 0 },
  };
}

/** The CSS size of a map image `width × height` output pixels at `ratio` output pixels per CSS pixel, and the exact ratio. */
export function cssSize(width: number, height: number, ratio: number): { cssW: number; cssH: number; pixelRatio: number } {
  const cssW = Math.max(1, Math.round(width / ratio));
  const pixelRatio = width / cssW;
  return { cssW, cssH: Math.max(1, Math.round(height / pixelRatio)), pixelRatio };
}

/**
 * The pixel ratio to draw the map at for an output at `ratio`: below 2 device
 * pixels per CSS pixel the map is drawn at twice that and scaled down when
 * composed (4× supersampling: smooth edges without MSAA, which software WebGL
 * pays for on every frame), when twice the size still fits the device's limit.
 * From 2 the output's own resolution smooths the edges.
 */
export function renderRatio(ratio: number, cssW: number, cssH: number, maxSide: number): number {
  if (ratio >= 2) return ratio;
  const k = 2;
  return Math.round(cssW * ratio * k) <= maxSide && Math.round(cssH * ratio * k) <= maxSide ? ratio * k : ratio;
}

/** MapLibre's canvas CSS size at `ratio` (`Map._resizeCanvas`: the canvas is `round(ratio × css)` pixels). */
const canvasCss = (css: number, ratio: number) => Math.round(ratio * css) / ratio;

/**
 * The pixel ratio to load a view at before drawing it at `ratio`: `ratio / k`
 * (the smallest, down to 0.1) at which MapLibre gives the canvas exactly the
 * same CSS size — deck.gl learns a new CSS size only from a ResizeObserver,
 * after the frame, which would cost a second full-size frame. `ratio` itself
 * when no smaller one keeps the size.
 */
export function loadRatio(cssW: number, cssH: number, ratio: number): number {
  for (let k = 10; k >= 2; k--) {
    const r = ratio / k;
    if (r >= 0.1 && canvasCss(cssW, r) === canvasCss(cssW, ratio) && canvasCss(cssH, r) === canvasCss(cssH, ratio)) return r;
  }
  return ratio;
}
