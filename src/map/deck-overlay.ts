/**
 * deck.gl's side of the live map, a chunk of its own (`<hsr-map>` imports it
 * dynamically): MapLibre creates the map, starts its worker and loads the base
 * map while this chunk is still being fetched and parsed.
 */
import { MapLibreOverlay, type MapLibreOverlayProps } from '@deck.gl/maplibre';

export { toDeckLayers } from '../layers/deck-layers.ts';

/** The overlay that draws deck.gl layers interleaved with the base map's. */
export function createOverlay(props: MapLibreOverlayProps): MapLibreOverlay {
  return new MapLibreOverlay(props);
}
