/**
 * Level of detail: the map opens at world scale, where simplified outlines look
 * the same as detailed ones at a fraction of the bytes and vertices. Below
 * `OVERVIEW_MAX_ZOOM` the base map and the thematic polygon layers draw their
 * overview outlines (`data/basemap/overview/`, `data/overview/`, made by the geo
 * build); from it, the detailed ones, fetched the first time they are needed.
 */
import type { Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';
import { OVERVIEW_MAX_ZOOM } from '../data/contract.ts';
import type { LevelOfDetail } from '../data/dataset.ts';
import { BASEMAP_OVERVIEW_DATA, BASEMAP_SOURCE_IDS, type BasemapDataName } from './basemap-style.ts';

/** Start fetching the detailed outlines this far (in zoom levels) before they are drawn. */
export const PREFETCH_ZOOMS = 0.5;

/** Which outlines to draw at a zoom. */
export function lodForZoom(zoom: number, maxZoom = OVERVIEW_MAX_ZOOM): LevelOfDetail {
  return zoom < maxZoom ? 'overview' : 'detailed';
}

/** Whether the detailed outlines should be on their way at this zoom. */
export function wantsDetail(zoom: number, maxZoom = OVERVIEW_MAX_ZOOM): boolean {
  return zoom >= maxZoom - PREFETCH_ZOOMS;
}

/**
 * Swaps the base map's overview outlines for the detailed ones the first time the
 * map nears `OVERVIEW_MAX_ZOOM`, once (they then serve every zoom: MapLibre
 * simplifies GeoJSON tiles per zoom itself). Does nothing on a style without our
 * sources (an online style). Returns a function that stops watching.
 */
export function watchBasemapDetail(map: MapLibreMap, dataUrl: (name: BasemapDataName, lod?: LevelOfDetail) => string): () => void {
  let done = false;
  const check = () => {
    if (done || !wantsDetail(map.getZoom())) return;
    done = true;
    map.off('zoom', check);
    for (const name of BASEMAP_OVERVIEW_DATA) {
      const source = map.getSource<GeoJSONSource>(BASEMAP_SOURCE_IDS[name]);
      source?.setData(dataUrl(name, 'detailed'));
    }
  };
  map.on('zoom', check);
  // A map that opens zoomed in (a shared link) gets the detailed outlines once its style is in.
  map.once('load', check);
  return () => {
    done = true;
    map.off('zoom', check);
  };
}
