/**
 * The off-screen map of exports: a hidden second MapLibre map (same style,
 * same deck.gl layers through a second MapLibreOverlay) whose canvas is made
 * exactly the output size for each export. Not an upscaled screenshot, and the
 * live map is never touched.
 *
 * It is persistent (`ExportRenderer`): creating a WebGL context and drawing its
 * first frame costs seconds of GPU-process work in software WebGL (SwiftShader
 * compiles a pipeline for every layer), a later frame in the same context a
 * fraction of that. So the renderer is made small when the Export dialog opens
 * (it warms up while the user chooses), grown to the output size for each
 * export — or ahead of it, once the dialog's choices rest (`prepare`) — shrunk
 * back after it, and disposed when the dialog closes (see `warm-renderer.ts`).
 * A frame costs about as much at any size right after a resize, so a new view
 * is loaded at a small ratio that keeps the canvas's CSS size (deck.gl follows a
 * CSS size only through a ResizeObserver, after a frame: a change would cost a
 * second full-size frame), and drawn once at the full size.
 *
 * Traps handled (see TECH-NOTES "Image export"): MapLibre silently lowers the
 * pixel ratio past `maxCanvasSize` (raised here, and the real canvas size
 * checked); `idle` does not wait for deck.gl (its layers must report loaded
 * after a render first); the drawing buffer is kept (`preserveDrawingBuffer`)
 * so it can be read after the frame; the wait for the GPU polls a fence rather
 * than blocking the page on a pixel read.
 */
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { Device } from '@luma.gl/core';
import { basemapSlots, basemapStyle } from '../map/basemap-style.ts';
import { provideHatch } from '../map/hatch.ts';
import { noteBasemapData, setBasemapData } from '../map/lod.ts';
import { basemapFiles } from '../data/data-files.ts';
import type { Worldview } from '../data/worldviews.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { toDeckLayers } from '../layers/deck-layers.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { htmlLang } from '../i18n/i18n.ts';
import { metresPerPixel } from './compose.ts';
import { cssSize, loadRatio, renderRatio, type ExportCamera } from './camera.ts';

/** Device pixels per CSS pixel while the renderer waits between exports. */
export const WARM_RATIO = 0.2;
/** The CSS size the renderer warms up at (about a 1920 × 1080 export's map; a multiple of 1 / WARM_RATIO). */
export const WARM_CSS = { width: 1920, height: 845 } as const;

/** How long the full-size canvas is kept after an export, for another of the same size. */
const SHRINK_DELAY_MS = 3000;
const MIN_ZOOM = -2;
const MAX_ZOOM = 14;

/** The largest canvas side this browser's WebGL 2 can render, and why. */
export interface RenderLimits {
  maxTextureSize: number;
  maxRenderbufferSize: number;
  maxViewportDims: [number, number];
  /** min of the above: the largest width or height an export can have. */
  maxSide: number;
}

let limits: RenderLimits | null | undefined;
/**
 * Queries WebGL 2 once. Pass the live map's context when there is one: its
 * limits are cached in the page, whereas a new context waits for the GPU
 * process — seconds, while the live map's first frame is still being compiled.
 * null without WebGL 2.
 */
export function renderLimits(gl?: WebGL2RenderingContext | null): RenderLimits | null {
  if (limits !== undefined) return limits;
  let own: WebGL2RenderingContext | null = null;
  if (!gl || gl.isContextLost()) gl = own = document.createElement('canvas').getContext('webgl2');
  if (!gl) return (limits = null);
  const maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const maxRenderbufferSize = gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number;
  const vp = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  const maxViewportDims: [number, number] = [vp[0]!, vp[1]!];
  own?.getExtension('WEBGL_lose_context')?.loseContext();
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

/** What the map shows. */
export interface MapScene {
  state: AppState;
  data: Dataset;
  lang: Lang;
  /** Label font family to use instead of the system stacks (already loaded). */
  labelFont?: string;
  /** Features to ring (a story chapter's); default none. */
  highlight?: readonly string[];
}

export interface MapShot extends MapScene {
  camera: ExportCamera;
  /** Output pixels of the map image. */
  width: number;
  height: number;
  /** Output pixels per CSS pixel: scales symbols, lines and labels with the output. */
  pixelRatio: number;
  /** Where the scale bar will be drawn, in output pixels of the map image: the scale is measured there. */
  probe?: { x: number; y: number };
  /** Called with a phase name as rendering proceeds. */
  onPhase?: (phase: 'style' | 'layers' | 'idle') => void;
  timeoutMs?: number;
}

export interface RenderedMap {
  /** The map image; valid until the renderer draws again, shrinks or is disposed. */
  canvas: HTMLCanvasElement;
  zoom: number;
  bearing: number;
  pitch: number;
  /** Frames drawn at the full size (diagnostics: each costs seconds in software WebGL). */
  frames: number;
  /** [west, south, east, north] around what the image shows (its corners, for a rotated map). */
  bounds: [number, number, number, number];
  /** Latitudes at the image's corners (how much the scale varies across it). */
  cornerLatitudes: number[];
  /** Ground metres per output pixel, and the latitude, at `probe` (the centre without one). */
  scale: { metresPerPixel: number; lat: number };
  /** Milliseconds waiting for the warm-up, loading the view at the small size, and drawing (and the GPU finishing) the full-size frame. */
  phases: { warmupMs: number; loadMs: number; drawMs: number };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`export timed out waiting for ${what}`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves when the GPU has finished what `gl` sent so far: a fence, polled,
 * so the page stays responsive (a pixel read would block it for the seconds
 * software WebGL takes).
 */
export async function gpuFinished(gl: WebGL2RenderingContext, timeoutMs: number): Promise<void> {
  if (gl.isContextLost()) return;
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return;
  gl.flush();
  const start = performance.now();
  try {
    while (gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED) {
      if (gl.isContextLost()) throw new Error('the WebGL context was lost');
      if (performance.now() - start > timeoutMs) throw new Error('export timed out waiting for the GPU');
      await sleep(16);
    }
  } finally {
    gl.deleteSync(sync);
  }
}

/** The base map's detailed files in the data's worldview. */
const exportFiles = (data: Pick<Dataset, 'manifest' | 'worldview'>) => basemapFiles(data.manifest, data.worldview, new URL('data/', document.baseURI));

/** The base map style of the data's worldview, with the label font replaced by the export font when given. */
export function exportStyle(lang: Lang, labelFont?: string, data?: Pick<Dataset, 'manifest' | 'worldview'>): StyleSpecification {
  const style = basemapStyle({ lang, ...(data ? { worldview: data.worldview, dataUrl: exportFiles(data) } : {}) });
  if (!labelFont) return style;
  return {
    ...style,
    layers: style.layers.map((l) => (l.type === 'symbol' ? { ...l, layout: { ...l.layout, 'text-font': [labelFont] } } : l)),
  };
}

/** A number per dataset (the app publishes a new one when more data arrives, e.g. detailed outlines). */
const dataIds = new WeakMap<Dataset, number>();
let lastDataId = 0;
function dataId(d: Dataset): number {
  let id = dataIds.get(d);
  if (id === undefined) dataIds.set(d, (id = ++lastDataId));
  return id;
}

/** A hidden map that renders exports, reused from one export to the next. */
export class ExportRenderer {
  private readonly container: HTMLDivElement;
  private readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private readonly gl: WebGL2RenderingContext | null;
  private lang: Lang;
  private labelFont: string | undefined;
  /** The worldview whose base map the map shows. */
  private worldview: Worldview;
  private layers: Layer[] = [];
  private layersKey = '';
  /** Resolved at the next frame after which every deck.gl layer is loaded. */
  private loadedWaiters: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private broken: Error | null = null;
  private disposedFlag = false;
  private readyFlag = false;
  /** `sceneKey` of what the map has loaded and drawn ('' while changing). */
  private settledKey = '';
  /** `sceneKey@ratio` of the full-size frame the canvas holds, complete ('' when none). */
  private drawnKey = '';
  /** deck.gl's luma.gl device on MapLibre's context: told of pixel-ratio changes (see `setSize`). */
  private device: Device | undefined;
  private shrinkTimer: ReturnType<typeof setTimeout> | undefined;
  private rejectClosed: (e: Error) => void = () => undefined;
  /** Rejects when the renderer is disposed or loses its context: every wait races it. */
  private readonly closed = new Promise<never>((_, reject) => (this.rejectClosed = reject));
  /** Resolves once the style, the layers of the scene it was made for and a first frame are in. */
  readonly ready: Promise<void>;

  /** Throws (no WebGL 2) like `new maplibregl.Map`. */
  constructor(scene: MapScene & { camera: ExportCamera; timeoutMs?: number }) {
    const lim = renderLimits();
    if (!lim) throw new Error('WebGL 2 is not available');
    this.lang = scene.lang;
    this.labelFont = scene.labelFont;
    this.worldview = scene.data.worldview;
    const container = (this.container = document.createElement('div'));
    // Off screen and never for people: inert takes MapLibre's focusable canvas out of the tab order too (aria-hidden alone would hide a focusable element).
    container.setAttribute('aria-hidden', 'true');
    container.inert = true;
    container.className = 'hsr-export-map';
    container.lang = htmlLang(scene.lang);
    Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${WARM_CSS.width}px`, height: `${WARM_CSS.height}px`, pointerEvents: 'none' });
    document.body.append(container);
    try {
      this.map = new MapLibreMap({
        container,
        style: exportStyle(scene.lang, scene.labelFont, scene.data),
        center: scene.camera.center,
        zoom: scene.camera.zoom,
        bearing: scene.camera.bearing,
        pitch: scene.camera.pitch,
        // Made small: exports grow it to their size (see `drawFull`), and it shrinks between them.
        pixelRatio: WARM_RATIO,
        interactive: false,
        fadeDuration: 0,
        attributionControl: false,
        // No MSAA: in software WebGL it doubles the cost of every frame, and the context serves
        // every size. Outputs below 2 device pixels per CSS pixel are supersampled instead (`renderRatio`).
        canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
        maxCanvasSize: [lim.maxSide, lim.maxSide],
        minZoom: MIN_ZOOM,
        maxZoom: MAX_ZOOM,
        renderWorldCopies: true,
      });
    } catch (e) {
      container.remove();
      throw e;
    }
    provideHatch(this.map);
    noteBasemapData(this.map, exportFiles(scene.data), 'detailed');
    const canvas = this.map.getCanvas();
    this.gl = canvas.getContext('webgl2');
    this.closed.catch(() => undefined);
    canvas.addEventListener('webglcontextlost', () => {
      this.broken = new Error('the export renderer lost its WebGL context');
      this.rejectClosed(this.broken);
    });
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onAfterRender: () => this.afterRender(),
      onDeviceInitialized: (device: Device) => (this.device = device),
    });
    const timeout = scene.timeoutMs ?? 120_000;
    this.ready = this.wait(new Promise<void>((r) => this.map.once('load', () => r())), timeout, 'the base map').then(async () => {
      this.map.addControl(this.overlay);
      this.setLayers(scene);
      await this.wait(this.settle(), timeout, 'the map to finish loading');
      // The warm-up is for the GPU process: wait for it without blocking the page.
      await this.gpuDone(timeout);
    });
    this.ready.then(
      () => (this.readyFlag = true),
      () => undefined,
    );
  }

  /** Whether the warm-up has finished. */
  get isReady(): boolean {
    return this.readyFlag && !this.unusable;
  }

  /** Whether the renderer can no longer be used (disposed, or its WebGL context lost). */
  get unusable(): boolean {
    return this.disposedFlag || this.broken !== null;
  }

  private wait<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    return Promise.race([withTimeout(p, ms, what), this.closed]);
  }

  private afterRender() {
    if (this.loadedWaiters.length === 0) return;
    if (this.layers.every((l) => l.isLoaded)) for (const w of this.loadedWaiters.splice(0)) w();
    else this.map.triggerRepaint();
  }

  private layersLoaded(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.loadedWaiters.push(resolve);
      this.map.triggerRepaint();
    });
  }

  /**
   * Waits until the map has drawn everything it has (tiles, placement) and every
   * deck.gl layer is loaded. Every frame costs seconds of software WebGL, so no
   * frame is forced beyond the one the last change asked for:
   * `triggerRepaint` does nothing when a frame is already pending.
   */
  private settle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const onIdle = () => {
        if (this.layers.every((l) => l.isLoaded)) resolve();
        else void this.layersLoaded().then(() => this.map.once('idle', onIdle));
      };
      this.map.once('idle', onIdle);
      this.map.triggerRepaint();
    });
  }

  private async gpuDone(timeoutMs: number): Promise<void> {
    if (this.gl) await gpuFinished(this.gl, timeoutMs);
    this.check();
  }

  private static layersKeyOf(scene: MapScene): string {
    const s = scene.state;
    return JSON.stringify([dataId(scene.data), s.layers, s.filters, s.mechanisms, s.selected, scene.highlight ?? []]);
  }

  private setLayers(scene: MapScene) {
    // Same state and data: keep the layers (deck.gl would diff them anyway, but no new accessors means no update at all).
    const key = ExportRenderer.layersKeyOf(scene);
    if (key === this.layersKey && this.layers.length) return;
    this.layersKey = key;
    const slots = basemapSlots((id) => !!this.map.getLayer(id));
    const descriptors = buildLayers(scene.state, scene.data, scene.highlight ?? [], 'detailed', { borders: !!slots.borders });
    this.layers = toDeckLayers(descriptors, slots);
    this.overlay.setProps({ layers: this.layers });
  }

  /** Switches the labels' language and font: only the symbol layers' layout differs between the styles. */
  private setLanguage(lang: Lang, labelFont: string | undefined) {
    if (lang === this.lang && labelFont === this.labelFont) return;
    const next = exportStyle(lang, labelFont);
    for (const layer of next.layers) {
      if (layer.type !== 'symbol' || !this.map.getLayer(layer.id)) continue;
      const layout = (layer.layout ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(layout) as (keyof NonNullable<typeof layer.layout>)[]) {
        const v = layer.layout![k];
        if (JSON.stringify(this.map.getLayoutProperty(layer.id, k)) !== JSON.stringify(v)) this.map.setLayoutProperty(layer.id, k, v);
      }
    }
    this.container.lang = htmlLang(lang);
    this.lang = lang;
    this.labelFont = labelFont;
  }

  /** Points the base map at the data's worldview (only its sources' files differ between worldviews). */
  private setWorldview(data: Dataset) {
    if (data.worldview === this.worldview) return;
    this.worldview = data.worldview;
    setBasemapData(this.map, exportFiles(data), 'detailed');
  }

  /** Sets the CSS size and pixel ratio (MapLibre resizes the canvas on `setPixelRatio`). */
  private setSize(cssW: number, cssH: number, ratio: number) {
    const w = `${cssW}px`;
    const h = `${cssH}px`;
    if (this.container.style.width !== w || this.container.style.height !== h) {
      this.container.style.width = w;
      this.container.style.height = h;
      this.map.resize();
    }
    if (this.map.getPixelRatio() !== ratio) {
      this.map.setPixelRatio(ratio);
      // deck.gl learns the size of an attached context only from a ResizeObserver, which a
      // pixel-ratio change alone never fires: its layers would be drawn at the old ratio.
      // Tell it the drawing buffer's new size.
      const canvas = this.map.getCanvas();
      this.device?.getDefaultCanvasContext().setDrawingBufferSize(canvas.width, canvas.height);
    }
  }

  /** Whether deck.gl's idea of the canvas (CSS size, drawing buffer) is the canvas's: else its layers are misdrawn. */
  private deckInStep(): boolean {
    const ctx = this.device?.getDefaultCanvasContext();
    if (!ctx) return true;
    const canvas = this.map.getCanvas();
    const [w, h] = ctx.getCSSSize();
    const [bw, bh] = ctx.getDrawingBufferSize();
    // The drawing buffer exactly; the CSS size within a pixel (MapLibre's canvas CSS size can be fractional, the observer's is laid out).
    return Math.abs(w - parseFloat(canvas.style.width)) < 1 && Math.abs(h - parseFloat(canvas.style.height)) < 1 && bw === canvas.width && bh === canvas.height;
  }

  /** Waits for deck.gl's ResizeObserver (it runs after a frame's layout). */
  private async deckCatchUp(timeoutMs = 10_000): Promise<void> {
    const start = performance.now();
    while (!this.deckInStep()) {
      if (performance.now() - start > timeoutMs) {
        const ctx = this.device?.getDefaultCanvasContext();
        const c = this.map.getCanvas();
        throw new Error(
          `export timed out waiting for the layers to follow the canvas size (layers: ${ctx?.getCSSSize().join('×')} CSS, ${ctx?.getDrawingBufferSize().join('×')} px; canvas: ${c.style.width} × ${c.style.height}, ${c.width}×${c.height} px)`,
        );
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      this.check();
    }
  }

  /**
   * Renders one image; calls queue (one export at a time). Rejects with
   * `ExportSizeError` when the canvas would be smaller than asked.
   */
  render(shot: MapShot): Promise<RenderedMap> {
    const run = this.queue.then(() => this.draw(shot));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private check() {
    if (this.disposedFlag) throw new Error('the export renderer was closed');
    if (this.broken) throw this.broken;
  }

  /**
   * Gets the canvas to hold `o` at its full size: nothing to do when it already
   * does (prepared by the open dialog, and nothing changed since); else the scene
   * is loaded small if new (tiles arriving each cost a frame, and every frame
   * costs about a second in software WebGL whatever its size), then drawn once
   * at the full size. Returns the full-size frames drawn and the time spent.
   */
  private async drawFull(o: MapShot): Promise<{ frames: number; loadMs: number; drawMs: number }> {
    this.check();
    const lim = renderLimits();
    if (!lim) throw new Error('WebGL 2 is not available');
    if (o.width > lim.maxSide || o.height > lim.maxSide) {
      throw new ExportSizeError({ width: o.width, height: o.height }, largestFitting(o.width, o.height, lim.maxSide), `WebGL limit ${lim.maxSide} px per side`);
    }
    const timeout = o.timeoutMs ?? 120_000;
    const { cssW, cssH, pixelRatio: outRatio } = cssSize(o.width, o.height, o.pixelRatio);
    // Drawn at up to twice the output's resolution (supersampled; see `renderRatio`).
    const pixelRatio = renderRatio(outRatio, cssW, cssH, lim.maxSide);
    const k = pixelRatio / outRatio;
    clearTimeout(this.shrinkTimer);
    const full = `${ExportRenderer.sceneKey(o, cssW, cssH)}@${pixelRatio}`;
    if (this.drawnKey === full) return { frames: 0, loadMs: 0, drawMs: 0 };
    const t1 = performance.now();
    o.onPhase?.('layers');
    if (!this.shows(o, cssW, cssH)) await this.load(o, cssW, cssH, loadRatio(cssW, cssH, pixelRatio), timeout);
    this.check();
    o.onPhase?.('idle');
    const t2 = performance.now();
    const m = this.map;
    let frames = 0;
    const count = () => frames++;
    m.on('render', count);
    try {
      this.setSize(cssW, cssH, pixelRatio);
      // MapLibre silently lowers the ratio past maxCanvasSize, and a browser may give a smaller drawing buffer.
      const canvas = m.getCanvas();
      const gotW = Math.min(canvas.width, this.gl?.drawingBufferWidth ?? canvas.width);
      const gotH = Math.min(canvas.height, this.gl?.drawingBufferHeight ?? canvas.height);
      if (gotW < o.width * k - 1 || gotH < o.height * k - 1) {
        const f = Math.min(gotW / (o.width * k), gotH / (o.height * k));
        throw new ExportSizeError({ width: o.width, height: o.height }, { width: Math.floor(o.width * f), height: Math.floor(o.height * f) }, `the browser gave a ${gotW}×${gotH} drawing buffer`);
      }
      await this.wait(this.settle(), timeout, 'the map to finish drawing');
      // A CSS size deck.gl had not seen yet (its observer runs after the frame): once more, in step.
      if (!this.deckInStep()) {
        await this.deckCatchUp();
        await this.wait(this.settle(), timeout, 'the map to finish drawing');
      }
      // Software WebGL runs the frame in the GPU process later: wait for it here, so the
      // timings say where time goes and the image is complete when it is read.
      await this.gpuDone(timeout);
      this.check();
    } finally {
      m.off('render', count);
    }
    this.drawnKey = full;
    return { frames, loadMs: Math.round(t2 - t1), drawMs: Math.round(performance.now() - t2) };
  }

  private async draw(o: MapShot): Promise<RenderedMap> {
    o.onPhase?.('style');
    const t0 = performance.now();
    await Promise.race([this.ready, this.closed]);
    this.check();
    const warmupMs = Math.round(performance.now() - t0);
    const { frames, loadMs, drawMs } = await this.drawFull(o);
    const { cssW, cssH, pixelRatio } = cssSize(o.width, o.height, o.pixelRatio);
    const m = this.map;
    // The canvas may be supersampled (drawn at a higher ratio than the output's).
    const drawnRatio = m.getPixelRatio();
    const zoom = m.getZoom();
    const corners = [
      [0, 0],
      [cssW, 0],
      [cssW, cssH],
      [0, cssH],
    ].map(([x, y]) => m.unproject([x!, y!]));
    const lngs = corners.map((c) => c.lng);
    const lats = corners.map((c) => c.lat);
    const probe = o.probe ? m.unproject([o.probe.x / pixelRatio, o.probe.y / pixelRatio]) : m.getCenter();
    // Output pixels per canvas pixel: the canvas may be a pixel off the asked size after rounding.
    const canvasH = m.getCanvas().height;
    return {
      canvas: m.getCanvas(),
      frames,
      zoom,
      bearing: m.getBearing(),
      pitch: m.getPitch(),
      bounds: [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)],
      cornerLatitudes: lats,
      scale: { metresPerPixel: (metresPerPixel(probe.lat, zoom, drawnRatio) * canvasH) / o.height, lat: probe.lat },
      phases: { warmupMs, loadMs, drawMs },
    };
  }

  /** The key of what the map shows: its CSS size, camera, labels and layers. */
  private static sceneKey(o: MapScene & { camera: ExportCamera }, cssW: number, cssH: number): string {
    return JSON.stringify([cssW, cssH, o.camera, o.lang, o.labelFont ?? '', o.data.worldview, ExportRenderer.layersKeyOf(o)]);
  }

  /** Whether the map already shows `o` at that CSS size (it has settled there). */
  private shows(o: MapScene & { camera: ExportCamera }, cssW: number, cssH: number): boolean {
    return this.settledKey === ExportRenderer.sceneKey(o, cssW, cssH);
  }

  /** Applies a scene at `ratio` and waits until it has loaded and drawn. */
  private async load(o: MapScene & { camera: ExportCamera }, cssW: number, cssH: number, ratio: number, timeout: number): Promise<void> {
    this.settledKey = '';
    this.drawnKey = '';
    this.setSize(cssW, cssH, ratio);
    this.setWorldview(o.data);
    this.setLanguage(o.lang, o.labelFont);
    this.map.setPadding({ top: 0, right: 0, bottom: 0, left: 0 });
    this.map.jumpTo({ center: o.camera.center, zoom: o.camera.zoom, bearing: o.camera.bearing, pitch: o.camera.pitch });
    this.setLayers(o);
    await this.wait(this.settle(), timeout, 'the map to finish loading');
    this.check();
    this.settledKey = ExportRenderer.sceneKey(o, cssW, cssH);
  }

  /**
   * Gets an export ready ahead of time (the open dialog's choices): its scene
   * loaded and drawn at the full size, so that the export itself only reads the
   * canvas. The canvas stays large until the export is done and `shrink` runs.
   */
  prepare(shot: MapShot): Promise<void> {
    const run = this.queue.then(async () => {
      await Promise.race([this.ready, this.closed]);
      if (!this.unusable) await this.drawFull(shot);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Back to the small canvas a little after an export (frees the large drawing
   * buffer); an export of the same size that comes sooner (a story's chapters)
   * keeps it and saves two frames.
   */
  shrink(): void {
    if (this.unusable) return;
    clearTimeout(this.shrinkTimer);
    this.shrinkTimer = setTimeout(() => {
      const run = this.queue.then(() => {
        if (this.unusable) return;
        this.drawnKey = '';
        this.setSize(parseFloat(this.container.style.width), parseFloat(this.container.style.height), WARM_RATIO);
      });
      this.queue = run.catch(() => undefined);
    }, SHRINK_DELAY_MS);
  }

  /** Releases the map, its WebGL context and its container. */
  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    clearTimeout(this.shrinkTimer);
    this.rejectClosed(new Error('the export renderer was closed'));
    this.loadedWaiters.length = 0;
    try {
      this.overlay.finalize();
      this.map.remove();
    } finally {
      this.container.remove();
    }
  }
}
