/**
 * The map's limits, declared once: MapLibre is created with them
 * (`create-map.ts`), the URL parser clamps a link's camera into them
 * (`state/url-state.ts`), and stories are checked against them.
 */
export const MAP_LIMITS = {
  minZoom: 0.5,
  /** Zoom 8 is about 600 m a pixel: the data (city-level places, 0.003° lines) shows nothing finer. */
  maxZoom: 8,
  /** MapLibre's own default, written out so that the URL parser knows it. */
  maxPitch: 60,
  /** Web Mercator's edge: the latitude whose square world ends at the poles. */
  maxLat: 85.051129,
} as const;
