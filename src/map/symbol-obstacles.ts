/**
 * Labels keep clear of the thematic symbols. The symbols are deck.gl's, which
 * MapLibre's label placement does not see; so their positions and sizes are
 * also given to MapLibre as a symbol layer of transparent icons, placed before
 * the labels (MapLibre places the top layer first) and always shown, which the
 * country labels then collide with: a label moves to another anchor beside its
 * point, or, with no room, waits for a closer zoom — never drawn over a symbol.
 * Used by the live map. The export's map does not have them: its labels are
 * drawn above the symbols, readable, though a label may lie over a symbol.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Mark } from '../layers/cluster.ts';
import { FIRST_LABEL_LAYER_ID } from './basemap-style.ts';

export const OBSTACLE_SOURCE = 'hsr-symbol-obstacles';
export const OBSTACLE_LAYER = 'hsr-symbol-obstacles';
const IMAGE = 'hsr-obstacle';
/** The transparent icon's side: `icon-size` scales it to each mark's size. */
const SIDE = 8;

/** The obstacles as GeoJSON: one point per mark, with the size it is drawn at (CSS pixels). */
export function obstacleData(marks: readonly Mark[], sizeOf: (m: Mark) => number): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: marks.map((m) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: m.position }, properties: { size: sizeOf(m) } })),
  };
}

/** Sets the obstacles for `marks` on a map whose style has the base map's labels (else nothing: an online style keeps its own placement). */
export function setObstacles(map: MapLibreMap, marks: readonly Mark[], sizeOf: (m: Mark) => number): void {
  if (!map.getLayer(FIRST_LABEL_LAYER_ID)) return;
  const data = obstacleData(marks, sizeOf);
  const source = map.getSource(OBSTACLE_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    void source.setData(data);
    return;
  }
  if (!map.hasImage(IMAGE)) map.addImage(IMAGE, { width: SIDE, height: SIDE, data: new Uint8Array(SIDE * SIDE * 4) });
  map.addSource(OBSTACLE_SOURCE, { type: 'geojson', data, maxzoom: 8 });
  // Added last, so above the labels: placed first, it is in the collision index when the labels are placed.
  map.addLayer({
    id: OBSTACLE_LAYER,
    type: 'symbol',
    source: OBSTACLE_SOURCE,
    layout: {
      'icon-image': IMAGE,
      'icon-size': ['/', ['get', 'size'], SIDE],
      'icon-allow-overlap': true,
      'icon-ignore-placement': false,
      'icon-padding': 1,
    },
  });
}
