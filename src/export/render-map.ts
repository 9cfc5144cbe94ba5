/**
 * Renders the map off-screen at the export's resolution: a hidden second
 * MapLibre map (same style, same deck.gl layers through a second
 * MapLibreOverlay) whose canvas is exactly the output size. Not an upscaled
 * screenshot, and the live map is never touched.
 *
 * Traps handled (see TECH-NOTES "Image export"): MapLibre silently lowers the
 * pixel ratio past `maxCanvasSize` (raised here, and the real canvas size
 * checked); a larger canvas at the same zoom shows more area (the live map's
 * bounds are fitted instead); `idle` does not wait for deck.gl (its layers
 * must report loaded after a render first); the drawing buffer is kept
 * (`preserveDrawingBuffer`) so it can be read after the frame.
 */
import { Map as MapLibreMap, type LngLatBoundsLike } from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import { basemapStyle, FIRST_LABEL_LAYER_ID } from '../map/basemap-style.ts';
import { basemapDataUrl } from '../map/create-map.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { toDeckLayers } from '../layers/deck-layers.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { highlightIds, metresPerPixel } from './compose.ts';

/** Device pixels per CSS pixel while the hidden map loads (see `renderMap`). */
const PRELOAD_RATIO = 0.25;

/** The largest canvas side this browser's WebGL 2 can render, and why. */
export interface RenderLimits {
  maxTextureSize: number;
  maxRenderbufferSize: number;
  maxViewportDims: [number, number];
  /** min of the above: the largest width or height an export can have. */
  maxSide: number;
}

let limits: RenderLimits | null | undefined;
/** Queries WebGL 2 once (a throwaway context). null without WebGL 2. */
export function renderLimits(): RenderLimits | null {
  if (limits !== undefined) return limits;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return (limits = null);
  const maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const maxRenderbufferSize = gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number;
  const vp = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  const maxViewportDims: [number, number] = [vp[0]!, vp[1]!];
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (limits = { maxTextureSize, maxRenderbufferSize, maxViewportDims, maxSide: Math.min(maxTextureSize, maxRenderbufferSize, maxViewportDims[0], maxViewportDims[1]) });
}

/** The device cannot render the requested size; `fits` is the largest size of the same shape that it can. */
export class ExportSizeError extends Error {
  constructor(
    public readonly requested: { width: number; height: number },
    public readonly fits: { width: number; height: number },
    reason: string,
  ) {
    super(`Cannot render ${requested.width}×${requested.height} on this device (${reason}); the largest of this shape that works is ${fits.width}×${fits.height}.`);
    this.name = 'ExportSizeError';
  }
}

/** The largest size with the aspect of `w × h` whose sides are ≤ `maxSide`. */
export function largestFitting(w: number, h: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(w, h));
  return { width: Math.floor(w * k), height: Math.floor(h * k) };
}

export interface RenderMapOptions {
  state: AppState;
  data: Dataset;
  lang: Lang;
  /** The live map's extent: the export shows at least this. */
  bounds: LngLatBoundsLike;
  bearing: number;
  pitch: number;
  /** Output pixels of the map image. */
  width: number;
  height: number;
  /** Output pixels per CSS pixel: scales symbols, lines and labels with the output. */
  pixelRatio: number;
  /** Label font family to use instead of the system stacks (already loaded). */
  labelFont?: string;
  /** Called with a phase name as rendering proceeds. */
  onPhase?: (phase: 'style' | 'layers' | 'idle') => void;
  timeoutMs?: number;
}

export interface RenderedMap {
  canvas: HTMLCanvasElement;
  metresPerPixel: number;
  zoom: number;
  bearing: number;
  /** Frames drawn at the full size (diagnostics: each costs seconds in software WebGL). */
  frames: number;
  /** [west, south, east, north] of what the image shows. */
  bounds: [number, number, number, number];
  /** Releases the hidden map (call after reading `canvas`). */
  dispose(): void;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`export timed out waiting for ${what}`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** The base map style, with the label font replaced by the export font when given. */
export function exportStyle(lang: Lang, labelFont?: string): StyleSpecification {
  const style = basemapStyle({ lang, dataUrl: (n) => new URL(basemapDataUrl(n), document.baseURI).href });
  if (!labelFont) return style;
  return {
    ...style,
    layers: style.layers.map((l) => (l.type === 'symbol' ? { ...l, layout: { ...l.layout, 'text-font': [labelFont] } } : l)),
  };
}

/** Renders the map; rejects with `ExportSizeError` when the canvas would be smaller than asked. */
export async function renderMap(o: RenderMapOptions): Promise<RenderedMap> {
  const lim = renderLimits();
  if (!lim) throw new Error('WebGL 2 is not available');
  if (o.width > lim.maxSide || o.height > lim.maxSide) {
    throw new ExportSizeError({ width: o.width, height: o.height }, largestFitting(o.width, o.height, lim.maxSide), `WebGL limit ${lim.maxSide} px per side`);
  }
  const cssW = Math.max(1, Math.round(o.width / o.pixelRatio));
  const pixelRatio = o.width / cssW;
  const cssH = Math.max(1, Math.round(o.height / pixelRatio));
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.className = 'hsr-export-map';
  container.lang = o.lang === 'zh' ? 'zh-Hans' : 'en';
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${cssW}px`, height: `${cssH}px`, pointerEvents: 'none' });
  document.body.append(container);
  let map: MapLibreMap | undefined;
  let overlay: MapLibreOverlay | undefined;
  const dispose = () => {
    overlay?.finalize();
    map?.remove();
    container.remove();
  };
  try {
    map = new MapLibreMap({
      container,
      style: exportStyle(o.lang, o.labelFont),
      bounds: o.bounds,
      fitBoundsOptions: { padding: 0 },
      bearing: o.bearing,
      pitch: o.pitch,
      // Everything loads (style, tiles, glyphs, deck.gl data and icons) on a small canvas:
      // software WebGL queues every frame drawn while loading, and at the full size each
      // costs as much as the final one. The full size is set once everything is in.
      pixelRatio: Math.min(pixelRatio, PRELOAD_RATIO),
      interactive: false,
      fadeDuration: 0,
      attributionControl: false,
      // MSAA in software WebGL costs seconds at 4K; from 2 device pixels per CSS pixel the
      // supersampling itself smooths edges, so multisampling only below that.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: pixelRatio < 2 },
      maxCanvasSize: [lim.maxSide, lim.maxSide],
      minZoom: 0,
      maxZoom: 8,
    });
    const canvas = map.getCanvas();
    const m = map;
    const timeout = o.timeoutMs ?? 120_000;
    o.onPhase?.('style');
    await withTimeout(new Promise<void>((r) => m.once('load', () => r())), timeout, 'the base map');
    o.onPhase?.('layers');
    let layers: Layer[] = [];
    const layersLoaded = new Promise<void>((resolve) => {
      overlay = new MapLibreOverlay({
        interleaved: true,
        layers: [],
        onAfterRender: () => {
          if (layers.length === 0 || layers.every((l) => l.isLoaded)) resolve();
          else m.triggerRepaint();
        },
      });
    });
    m.addControl(overlay!);
    layers = toDeckLayers(buildLayers(o.state, o.data, highlightIds(o.state)), m.getLayer(FIRST_LABEL_LAYER_ID) ? FIRST_LABEL_LAYER_ID : undefined);
    overlay!.setProps({ layers });
    m.triggerRepaint();
    await withTimeout(layersLoaded, timeout, 'the thematic layers');
    await withTimeout(
      new Promise<void>((r) => {
        m.once('idle', () => r());
        m.triggerRepaint();
      }),
      timeout,
      'the map to finish loading',
    );
    o.onPhase?.('idle');
    m.setPixelRatio(pixelRatio);
    // MapLibre silently lowers the ratio past maxCanvasSize, and a browser may give a smaller drawing buffer.
    const gl = canvas.getContext('webgl2');
    const gotW = Math.min(canvas.width, gl?.drawingBufferWidth ?? canvas.width);
    const gotH = Math.min(canvas.height, gl?.drawingBufferHeight ?? canvas.height);
    if (gotW < o.width - 1 || gotH < o.height - 1) {
      const k = Math.min(gotW / o.width, gotH / o.height);
      throw new ExportSizeError({ width: o.width, height: o.height }, { width: Math.floor(o.width * k), height: Math.floor(o.height * k) }, `the browser gave a ${gotW}×${gotH} drawing buffer`);
    }
    let frames = 0;
    m.on('render', () => frames++);
    await withTimeout(
      new Promise<void>((r) => {
        m.once('idle', () => r());
        m.triggerRepaint();
      }),
      timeout,
      'the map to finish drawing',
    );
    // Software WebGL runs the queued work (shader compilation, the frames) in the GPU
    // process later; a 1-pixel read waits for it here, so the timings say where time goes.
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    const zoom = m.getZoom();
    const b = m.getBounds();
    return { canvas, frames, zoom, bearing: m.getBearing(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], metresPerPixel: metresPerPixel(m.getCenter().lat, zoom, pixelRatio) * (cssH * pixelRatio) / o.height, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
