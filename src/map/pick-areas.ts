/**
 * A click on overlapping areas. The zones of a `hatch` layer (disease
 * control) overlap by design — the Mekong zones cover the same countries — so
 * deck.gl's pick, which finds only the one drawn on top, would leave the
 * others unreachable from the map. When the top feature under a click is such
 * a zone, every zone of the layers shown that contains the point is offered in
 * the pick menu, as a badge offers its points. Pure: the features come from the
 * dataset as drawn (`visibleFeatures`), the point in longitude and latitude.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { MapFeature } from '../data/dataset.ts';
import { layerSpec } from '../layers/registry.ts';

export type ClickChoice = { kind: 'select'; id: string | null } | { kind: 'menu'; features: MapFeature[] };

/** Whether a feature's layer draws overlapping areas (`role: 'hatch'`). */
export const overlapsByDesign = (f: MapFeature): boolean => layerSpec(f.properties.layer)?.role === 'hatch';

/** Whether an area feature contains the point (`[lon, lat]`): planar, in degrees, as the zones are drawn. */
export function containsPoint(f: MapFeature, at: readonly [number, number]): boolean {
  const g = f.geometry as Polygon | MultiPolygon | null;
  return g?.type === 'Polygon' || g?.type === 'MultiPolygon' ? booleanPointInPolygon([at[0], at[1]], g) : false;
}

/**
 * What a click does, given the feature deck.gl picked on top (or none) and the
 * features drawn: the top feature is selected, unless it is a zone that
 * overlaps others at the point, when the menu lists them all (top first, then
 * as drawn, the smaller over the larger).
 */
export function clickChoice(top: MapFeature | undefined, drawn: readonly MapFeature[], at: readonly [number, number]): ClickChoice {
  if (!top) return { kind: 'select', id: null };
  if (!overlapsByDesign(top)) return { kind: 'select', id: top.properties.id };
  const others = drawn.filter((f) => f.properties.id !== top.properties.id && overlapsByDesign(f) && containsPoint(f, at));
  // Drawn order is largest first: the ones drawn over others (smaller) are listed first after the top.
  return others.length ? { kind: 'menu', features: [top, ...others.reverse()] } : { kind: 'select', id: top.properties.id };
}
