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
import { BASEMAP_OVERVIEW_DATA, BASEMAP_SOURCE_IDS, STYLE_DATA, type BasemapDataName } from './basemap-style.ts';

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
 * Points the base map's sources at the files of a worldview and level of detail
 * (`dataUrl`, from the manifest), changing only those whose URL differs: MapLibre
 * then loads just those. Once detailed, the outlines serve every zoom (MapLibre
 * simplifies GeoJSON tiles per zoom itself). Does nothing on a style without our
 * sources (an online style).
 */
export function setBasemapData(map: MapLibreMap, dataUrl: (name: BasemapDataName, lod?: LevelOfDetail) => string | undefined, lod: LevelOfDetail): void {
  let given = applied.get(map);
  if (!given) applied.set(map, (given = new Map<string, string>()));
  for (const name of STYLE_DATA) {
    const source = map.getSource<GeoJSONSource>(BASEMAP_SOURCE_IDS[name]);
    const url = dataUrl(name, (BASEMAP_OVERVIEW_DATA as readonly string[]).includes(name) ? lod : 'detailed');
    if (!source || !url || given.get(name) === url) continue;
    given.set(name, url);
    void source.setData(url);
  }
}

/** The URL each source of a map was last given (a style made with URLs counts as given them: `noteBasemapData`). */
const applied = new WeakMap<MapLibreMap, Map<string, string>>();

/** Records the URLs a map's style was created with, so `setBasemapData` does not reload them. */
export function noteBasemapData(map: MapLibreMap, dataUrl: (name: BasemapDataName, lod?: LevelOfDetail) => string | undefined, lod: LevelOfDetail): void {
  const given = new Map<string, string>();
  for (const name of STYLE_DATA) {
    const url = dataUrl(name, (BASEMAP_OVERVIEW_DATA as readonly string[]).includes(name) ? lod : 'detailed');
    if (url) given.set(name, url);
  }
  applied.set(map, given);
}
