/**
 * The lifetime of the export renderer: one shared `ExportRenderer`, created on
 * first need and kept while something holds it — the open Export dialog (so it
 * warms up while the user chooses), or the page hook asked to keep it warm (the
 * CLI's `--all`, tests, the benchmark). Between exports it is shrunk; with no
 * holder left it is disposed after the export that used it. Page hide disposes
 * it (a page in the back/forward cache keeps no WebGL context); the next use
 * makes a new one.
 *
 * Two waits are moved off the page: creating a WebGL context blocks the main
 * thread until the GPU process is free, and on a fresh page it is still busy
 * with the live map's first frame (seconds in software WebGL) — so the live
 * map's GPU work is awaited first, through a fence. And a warm-up draws every
 * kind of layer once (all layers, a selection, a highlighted area), so a later
 * export with other layers compiles no shader — unless the first holder asked
 * for the view's own layers only (an export about to be made of this view, by
 * the page hook): the renderer is made for the scene of whoever comes first. A holder can then have its
 * chosen export drawn ahead (`prepareRenderer`: the dialog, once its choices
 * rest), so that the export itself only reads the canvas.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { EMPTY_FILTERS, type AppState, type Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { LAYER_IDS } from '../layers/registry.ts';
import { exportCamera, liveViewOf, type ExportCamera } from './camera.ts';
import { basemapLabelText, EXPORT_FONT_FAMILY, loadExportFonts } from './fonts.ts';
import { ExportRenderer, gpuFinished, WARM_CSS, type MapScene, type MapShot } from './render-map.ts';
import { startEncoder } from './encoder.ts';

let current: ExportRenderer | undefined;
/** A renderer being made (after the live map's GPU work): callers share it. */
let making: Promise<ExportRenderer> | undefined;
let holds = 0;
let busy = 0;

const GPU_WAIT_MS = 120_000;

/** The shared renderer, made for `scene` if there is none (or the last one broke). */
function rendererFor(scene: MapScene & { camera: ExportCamera }, liveMap: MapLibreMap): Promise<ExportRenderer> {
  if (current?.unusable) {
    current.dispose();
    current = undefined;
  }
  if (current) return Promise.resolve(current);
  making ??= (async () => {
    try {
      const gl = liveMap.getCanvas().getContext('webgl2');
      if (gl) await gpuFinished(gl, GPU_WAIT_MS);
      current = new ExportRenderer(scene);
      return current;
    } finally {
      making = undefined;
    }
  })();
  return making;
}

function settle() {
  if (!current || busy > 0) return;
  if (holds > 0) current.shrink();
  else {
    current.dispose();
    current = undefined;
  }
}

/** Whether a renderer exists and has finished warming up (diagnostics: cold or warm export). */
export function rendererWarm(): boolean {
  return !!current && current.isReady;
}

export interface WarmSource {
  state: AppState;
  data: Dataset;
  lang: Lang;
  liveMap: MapLibreMap;
}

export interface RendererHold {
  /** Resolves when the renderer is warm; rejects when it could not be made. */
  ready: Promise<void>;
  release(): void;
}

/** A scene with every kind of layer the map draws: all layers, a selected point, a highlighted area. */
function everyLayer(state: AppState, data: Dataset): Pick<MapScene, 'state' | 'highlight'> {
  const point = LAYER_IDS.flatMap((id) => data.layers[id]).find((f) => f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint');
  const area = LAYER_IDS.flatMap((id) => data.layers[id]).find((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  return {
    state: { ...state, layers: [...LAYER_IDS], filters: EMPTY_FILTERS, mechanisms: [], selected: point?.properties.id ?? null, story: null },
    highlight: area ? [area.properties.id] : [],
  };
}

/**
 * Keeps the renderer alive until `release` (idempotent), creating it now at a
 * small size for the current view, the base map's label fonts loaded first.
 * It warms up on every kind of layer (a later export of other layers compiles
 * nothing), or, with `everyKind: false`, on the view's own layers only (an
 * export about to be made of this view: less to draw before it).
 */
export function holdRenderer(src: WarmSource, { everyKind = true }: { everyKind?: boolean } = {}): RendererHold {
  holds++;
  let released = false;
  startEncoder();
  const ready = (async () => {
    const labels = await basemapLabelText(src.data);
    const fonts = await loadExportFonts(`${labels[src.lang]}0123456789`);
    if (released) return;
    const camera = exportCamera(liveViewOf(src.liveMap), WARM_CSS.width, WARM_CSS.height);
    const scene = everyKind ? everyLayer(src.state, src.data) : { state: src.state, highlight: [] };
    const renderer = await rendererFor({ ...scene, data: src.data, lang: src.lang, labelFont: fonts.failed.length ? undefined : EXPORT_FONT_FAMILY, camera }, src.liveMap);
    // Released while the renderer was being made: nobody may want it any more.
    if (released) return settle();
    await renderer.ready;
  })();
  ready.catch((e: unknown) => console.warn('export renderer warm-up failed:', e));
  return {
    ready,
    release: () => {
      if (released) return;
      released = true;
      holds--;
      settle();
    },
  };
}

/** Draws an export in the held renderer ahead of time (nothing without one: only holders make renderers). */
export async function prepareRenderer(shot: MapShot): Promise<void> {
  const r = current ?? (await making);
  if (r && !r.unusable && holds > 0) await r.prepare(shot);
}

/**
 * Runs `fn` with the shared renderer (made for `scene` if needed); afterwards
 * the renderer is shrunk if held, else disposed.
 */
export async function withRenderer<T>(scene: MapScene & { camera: ExportCamera }, liveMap: MapLibreMap, fn: (r: ExportRenderer) => Promise<T>): Promise<T> {
  busy++;
  try {
    return await fn(await rendererFor(scene, liveMap));
  } finally {
    busy--;
    settle();
  }
}

addEventListener('pagehide', () => {
  current?.dispose();
  current = undefined;
});
