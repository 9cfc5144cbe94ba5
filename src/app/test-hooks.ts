/**
 * The page's hooks for the export CLI, the browser tests and the bench, in one
 * module that `<hsr-app>` loads only with `?test` or `?export` in the URL:
 *
 * - `window.__map`: the live MapLibre map (a getter: it follows the map across
 *   rebuilds — a language switch, a restored WebGL context);
 * - `window.__hsrMap`: the map element's status, the ids and props of the
 *   deck.gl layers it draws, and `setExtraLayers` (the bench's synthetic data);
 * - `window.__hsrExport(options)` and `window.__hsrExportWarm(on)`: exports
 *   through the same pipeline as the dialog (`export/hook.ts`, loaded on first call);
 * - `window.__hsrHandout(options)`: the handout PDF of the presented story.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';
import type { AppState } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import type { LayerDescriptor } from '../layers/build-layers.ts';
import type { HsrMap, MapStatus } from '../map/hsr-map.ts';
import type { ExportOptions } from '../export/export.ts';
import type { HandoutHookOptions, HandoutHookResult, HookError, HookOptions, HookResult } from '../export/hook.ts';
import type { Story } from '../story/story.ts';

/** What the hooks read of the page. */
export interface HookHost {
  readonly state: AppState;
  /** The map element (null before it is rendered). */
  mapElement(): HsrMap | null;
  /** The data for an export, once its detailed outlines are in; asks for them. */
  exportData(): Dataset | null;
  /** The data the map draws now (brief, overview or detailed); null before any. */
  currentData(): Dataset | null;
  /** Whether the map has drawn its first full frame with its layers (`hsr-map-drawn`). */
  mapDrawn(): boolean;
  /** The story presented (null when none is). */
  readonly story: Story | null;
  /** Every layer, detailed where the story's chapters need it (a handout). */
  handoutData(): Promise<Dataset | null>;
}

export interface MapTestHook {
  status: MapStatus;
  /** Ids of the deck.gl layers currently drawn. */
  deckLayerIds(): string[];
  /** The deck.gl layers currently drawn (their props: `beforeId`…). */
  deckLayers(): readonly Layer[];
  /** Draws these descriptors on top of the app's own layers (the bench's synthetic scale data); `[]` removes them. */
  setExtraLayers(descriptors: LayerDescriptor[]): void;
}

declare global {
  interface Window {
    /** The MapLibre map, with `?test` or `?export` only. */
    __map?: MapLibreMap;
    __hsrMap?: MapTestHook;
    /** Export entry point for the CLI, tests and benchmarks. */
    __hsrExport?: (options: HookOptions) => Promise<HookResult | HookError>;
    /** Warms the export renderer (as opening the dialog does; given options, for that export), or with `false` releases it. */
    __hsrExportWarm?: (on?: boolean | ExportOptions) => Promise<{ ms: number } | HookError>;
    /** The handout PDF of the presented story (the CLI's `--handout`). */
    __hsrHandout?: (options: HandoutHookOptions) => Promise<HandoutHookResult | HookError>;
  }
}

/** Installs the hooks on `window`. */
export function installTestHooks(host: HookHost): void {
  const map = () => host.mapElement();
  Object.defineProperty(window, '__map', { configurable: true, get: () => map()?.getMap() });
  // Until the element exists there is no map: the getters then answer as for a map still loading.
  window.__hsrMap = {
    get status() {
      return map()?.status ?? 'loading';
    },
    deckLayerIds: () => (map()?.deckLayers() ?? []).map((l) => l.id),
    deckLayers: () => map()?.deckLayers() ?? [],
    setExtraLayers: (descriptors) => map()?.setExtraLayers(descriptors),
  };
  const source = () => ({
    state: host.state,
    // Read while the hook waits for the page to be ready: null until the detailed outlines are in.
    get data() {
      return host.exportData();
    },
    get story() {
      return host.story;
    },
    handoutData: () => host.handoutData(),
    current: () => host.currentData(),
    mapDrawn: () => host.mapDrawn(),
    liveMap: () => map()?.getMap(),
    mapReady: () => map()?.status === 'ready',
  });
  window.__hsrExport = async (options) => (await import('../export/hook.ts')).hookExport(source(), options);
  window.__hsrExportWarm = async (on) => (await import('../export/hook.ts')).hookWarm(source(), on);
  window.__hsrHandout = async (options) => (await import('../export/hook.ts')).hookHandout(source(), options);
}
