/**
 * Point symbols that would cover each other become one mark: the features at
 * one place (Nanning's projects, centre and forums; Ürümqi's projects), or so
 * close at the map's zoom that their symbols overlap, are drawn as a badge
 * with their number, which lists them on click and names them on hover. Marks
 * of single features are drawn with their own symbol. Pure (Node-testable);
 * the clustering itself is `supercluster`'s (Mapbox's, as in MapLibre's own
 * clustered sources), on Web Mercator with 512-pixel tiles, as MapLibre draws.
 */
import Supercluster from 'supercluster';
import type { PointDatum } from '../data/dataset.ts';

/**
 * Two symbols whose centres are closer than this (CSS pixels, at the integer
 * zoom below the map's) are drawn as one mark: about the size of the largest
 * symbol, so that none is hidden under another.
 */
export const CLUSTER_RADIUS = 17;
/** The map's closest zoom (`map/limits.ts`): features still together there are at one place, and a click lists them. */
export const CLUSTER_MAX_ZOOM = 8;

/** One mark on the map: a single feature's symbol, or a badge standing for several. */
export interface Mark {
  /** Stable while the mark stands for the same features: their ids and positions. */
  key: string;
  position: [number, number];
  /** The features (one position each) the mark stands for, in layer order then by name. */
  members: PointDatum[];
  /**
   * For a badge: the zoom at which its features start to draw apart (a click may
   * zoom there); null when they never do on this map (one place, or closer than
   * the closest zoom shows).
   */
  expansionZoom: number | null;
}

export interface ClusterOptions {
  /** Pixels (see `CLUSTER_RADIUS`); the projector theme's larger symbols need more. */
  radius?: number;
  /** Orders members (the registry's layer order); default: as given. */
  order?: (d: PointDatum) => number;
}

/** The integer zoom marks are computed at (marks change only when the map crosses one). */
export function clusterZoom(zoom: number): number {
  return Math.max(0, Math.min(CLUSTER_MAX_ZOOM, Math.floor(zoom)));
}

const keyOf = (members: readonly PointDatum[]) => members.map((d) => `${d.feature.properties.id}@${d.position.join(',')}`).join('|');

/**
 * The marks for `points` at `zoom`: points whose symbols would touch at
 * `clusterZoom(zoom)` share a badge. Rounding the zoom down means symbols are
 * at least `radius` apart at any zoom in between (they only draw apart as the
 * map zooms in), at the cost of a badge for some that have just separated.
 */
export function clusterPoints(points: readonly PointDatum[], zoom: number, options: ClusterOptions = {}): Mark[] {
  if (points.length === 0) return [];
  const radius = options.radius ?? CLUSTER_RADIUS;
  const index = new Supercluster<{ i: number }>({ radius, maxZoom: CLUSTER_MAX_ZOOM, minZoom: 0, extent: 512 });
  index.load(points.map((d, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: d.position }, properties: { i } })));
  const z = clusterZoom(zoom);
  const order = options.order;
  const sort = (ms: PointDatum[]) =>
    ms.sort((a, b) => (order ? order(a) - order(b) : 0) || a.feature.properties.name_en.localeCompare(b.feature.properties.name_en) || a.feature.properties.id.localeCompare(b.feature.properties.id));
  const marks: Mark[] = index.getClusters([-180, -90, 180, 90], z).map((c) => {
    const p = c.properties;
    if ('cluster' in p && p.cluster) {
      const members = sort(index.getLeaves(p.cluster_id, Infinity).map((l) => points[l.properties.i]!));
      const expansion = index.getClusterExpansionZoom(p.cluster_id);
      // Features at one place keep that place exactly (supercluster's centre is a projected mean).
      const first = members[0]!.position;
      const together = members.every((m) => m.position[0] === first[0] && m.position[1] === first[1]);
      return { key: keyOf(members), position: together ? first : (c.geometry.coordinates as [number, number]), members, expansionZoom: expansion <= CLUSTER_MAX_ZOOM ? expansion : null };
    }
    const d = points[(p as { i: number }).i]!;
    return { key: keyOf([d]), position: d.position, members: [d], expansionZoom: null };
  });
  // Stable order (the layers draw singles per layer; badges on top in this order).
  return marks.sort((a, b) => a.key.localeCompare(b.key));
}

/** Whether a mark stands for several features. */
export const isCluster = (m: Mark): boolean => m.members.length > 1;

/** A badge's size in CSS pixels: grows slowly with its number, so a crowd does not become a blot. */
export function badgeSize(count: number, scale = 1): number {
  return Math.round((20 + 3.2 * Math.log2(Math.max(2, count))) * scale);
}

/** The mark that draws a feature at a position (the feature's own, or the badge holding it). */
export function markOf(marks: readonly Mark[], featureId: string): Mark[] {
  return marks.filter((m) => m.members.some((d) => d.feature.properties.id === featureId));
}
