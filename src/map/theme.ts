/**
 * The map's themes: the site's light map, and the projector's — a dark base
 * map, larger labels, symbols and lines — which presentation mode uses by
 * itself (a projected map is read from the back of a lit hall). One place
 * decides which applies, and how a live map switches (its base map's paint and
 * label sizes change in place; deck.gl's layers are rebuilt with the scale).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState } from '../state/app-state.ts';
import { basemapStyle, type BasemapLang, type BasemapTheme } from './basemap-style.ts';

export type MapTheme = 'light' | 'projector';

export const THEMES: Record<MapTheme, { basemap: BasemapTheme; /** Symbols, lines and rings ×. */ scale: number; dark: boolean }> = {
  light: { basemap: 'light', scale: 1, dark: false },
  projector: { basemap: 'dark', scale: 1.35, dark: true },
};

/** The theme of a state: the projector's while a story is presented (not in the speaker's own window). */
export function mapTheme(state: Pick<AppState, 'story' | 'presenter'>): MapTheme {
  return state.story && !state.presenter ? 'projector' : 'light';
}

/** Switches a live base map's theme: only paint properties and label sizes differ between themes. */
export function applyBasemapTheme(map: MapLibreMap, theme: BasemapTheme, lang: BasemapLang): void {
  const style = basemapStyle({ lang, theme });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // Property names and values come from our own style, typed loosely here: MapLibre checks them.
  const m = map as unknown as { setPaintProperty(id: string, k: string, v: unknown): void; setLayoutProperty(id: string, k: string, v: unknown): void };
  for (const layer of style.layers) {
    if (!map.getLayer(layer.id)) continue;
    for (const [k, v] of Object.entries(layer.paint ?? {})) {
      if (!same(map.getPaintProperty(layer.id, k as 'fill-color'), v)) m.setPaintProperty(layer.id, k, v);
    }
    const size = (layer.layout as Record<string, unknown> | undefined)?.['text-size'];
    if (size !== undefined && !same(map.getLayoutProperty(layer.id, 'text-size'), size)) m.setLayoutProperty(layer.id, 'text-size', size);
  }
}
