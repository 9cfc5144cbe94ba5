/**
 * Creates the MapLibre map on the base map style: full-size, with navigation,
 * scale, fullscreen and attribution controls, framing the Belt and Road (Europe,
 * Africa, Asia, Oceania; China near the centre).
 *
 * MapLibre 6 needs WebGL 2: when the browser cannot create a context, `new Map()`
 * throws a `GPUInitializationError` synchronously (and restores the container);
 * `createMap` returns the error so the page can say so instead of staying blank.
 */
import { AttributionControl, FullscreenControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapAttribution, basemapStyle, type BasemapDataName, type BasemapLang, type BasemapTheme } from './basemap-style.ts';
import { provideHatch } from './hatch.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';
// `?worker&url` makes Vite emit the worker as a file of its own (same origin, so
// CSP `worker-src 'self'` allows it); plain `?url` broke production builds in early 6.x.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MAP_LIMITS } from './limits.ts';
import type { LevelOfDetail } from '../data/dataset.ts';

setWorkerUrl(workerUrl);

/**
 * Landscape view: Europe, Africa, Asia and Oceania, with China near the centre
 * (lon 95: the frame runs past 180° into the Pacific so that China, not India, is in the middle).
 */
export const WIDE_BOUNDS: [[number, number], [number, number]] = [
  [-25, -45],
  [215, 65],
];
/**
 * Portrait view (a phone): the same story from Europe and Africa to China and
 * the Pacific, narrower — the Belt's western end and the Maritime Road's
 * African ports are part of it (symbols that would crowd are badges there).
 */
export const NARROW_BOUNDS: [[number, number], [number, number]] = [
  [-12, -36],
  [150, 60],
];

/** The initial bounds for a viewport: the wide frame unless the viewport is portrait. */
export function defaultBounds(width: number, height: number): LngLatBoundsLike {
  return width >= height ? WIDE_BOUNDS : NARROW_BOUNDS;
}

export interface CreateMapOptions {
  lang: BasemapLang;
  /**
   * The map's own interface in that language, from the locale tables
   * (`mapLocale` in `i18n/i18n.ts`; passed in so that the base map needs no UI
   * strings): the container's `lang` tag and MapLibre's control strings.
   * Without it, MapLibre's English and the page's `lang`.
   */
  locale?: { tag: string; controls: Readonly<Record<string, string>> };
  worldview?: Worldview;
  /**
   * Where the base map files are (from the manifest: `basemapFiles` in
   * `data/data-files.ts`); without it the base map starts empty and
   * `setBasemapData` (map/lod.ts) fills it once the manifest is in.
   */
  dataUrl?: (name: BasemapDataName, lod?: LevelOfDetail) => string | undefined;
  /** An online style to use instead of the built-in one (opt-in; see `online-style.ts`). */
  styleUrl?: string | null;
  /** The built-in base map's theme (the projector's is dark). */
  theme?: BasemapTheme;
}

export type CreateMapResult = { ok: true; map: MapLibreMap } | { ok: false; error: Error };

/**
 * Creates the map in `container`, or returns why it could not (no WebGL 2).
 * The container's `lang` is set first: MapLibre's glyph rasteriser reads it when
 * the style is created, and Simplified Chinese's tag selects its glyph forms.
 */
export function createMap(container: HTMLElement, options: CreateMapOptions): CreateMapResult {
  const { lang } = options;
  if (options.locale) container.lang = options.locale.tag;
  let map: MapLibreMap;
  try {
    map = new MapLibreMap({
      container,
      // The overview outlines first; the detailed ones are swapped in when zoomed in (map/lod.ts).
      style: options.styleUrl ?? basemapStyle({ lang, worldview: options.worldview, dataUrl: options.dataUrl, lod: 'overview', theme: options.theme }),
      bounds: defaultBounds(container.clientWidth, container.clientHeight),
      fitBoundsOptions: { padding: 16 },
      // MapLibre creates its context without antialiasing; borders and deck.gl lines need it.
      canvasContextAttributes: { antialias: true },
      attributionControl: false,
      minZoom: MAP_LIMITS.minZoom,
      maxZoom: MAP_LIMITS.maxZoom,
      maxPitch: MAP_LIMITS.maxPitch,
      locale: { ...options.locale?.controls },
    });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
  }
  map.addControl(new NavigationControl({ showCompass: true, showZoom: true, visualizePitch: true }), 'top-right');
  map.addControl(new FullscreenControl(), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  setAttribution(map, lang, options.worldview ?? DEFAULT_WORLDVIEW);
  provideHatch(map);
  return { ok: true, map };
}

const attributions = new WeakMap<MapLibreMap, AttributionControl>();
/**
 * The attribution control, with the boundary disclaimer of the worldview as its
 * own text, so it stays with any style (an online one carries its own credits).
 * Called again on a worldview switch: the control's text is fixed at creation.
 */
export function setAttribution(map: MapLibreMap, lang: BasemapLang, worldview: Worldview): void {
  const old = attributions.get(map);
  if (old) map.removeControl(old);
  // Compact: open at first, folded into its button once the map is used (the disclaimer is long).
  const control = new AttributionControl({ compact: true, customAttribution: ['<a href="https://maplibre.org/" target="_blank">MapLibre</a>', basemapAttribution(lang, worldview)] });
  attributions.set(map, control);
  map.addControl(control, 'bottom-right');
}
