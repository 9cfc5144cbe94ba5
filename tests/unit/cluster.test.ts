/**
 * Marks: features at one place, or whose symbols would overlap at the map's
 * zoom, become one badge; every other feature keeps its own symbol, at least
 * the cluster radius from any other mark.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS, badgeSize, clusterPoints, clusterZoom, isCluster, markOf } from '../../src/layers/cluster.ts';
import { makeDataset, type MapFeature, type PointDatum } from '../../src/data/dataset.ts';
import { EMPTY_MANIFEST, feat } from '../helpers/features.ts';
import { LAYER_IDS, LAYERS } from '../../src/layers/registry.ts';

const datum = (id: string, position: [number, number]): PointDatum => ({ position, feature: feat('projects', id, { type: 'Point', coordinates: position }) as MapFeature });

/** Web Mercator pixels at `zoom` (512-pixel tiles, as MapLibre and the clustering use). */
function px([lon, lat]: [number, number], zoom: number): [number, number] {
  const world = 512 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * world, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world];
}

describe('clusterPoints', () => {
  it('draws features at one place as one badge at every zoom, which never draws apart', () => {
    const nanning: [number, number] = [108.32, 22.82];
    const points = [datum('a', nanning), datum('b', nanning), datum('c', nanning)];
    for (const zoom of [0.5, 2, 4.7, 8]) {
      const marks = clusterPoints(points, zoom);
      expect(marks).toHaveLength(1);
      expect(marks[0]!.members.map((m) => m.feature.id).sort()).toEqual(['a', 'b', 'c']);
      expect(marks[0]!.position).toEqual(nanning);
      expect(marks[0]!.expansionZoom).toBeNull();
    }
  });

  it('groups features too close to tell apart at a zoom, and draws them apart when zoomed in', () => {
    // Prague and Hradec Králové: 100 km apart.
    const points = [datum('prague', [14.42, 50.09]), datum('hradec', [15.83, 50.21])];
    const far = clusterPoints(points, 3.6);
    expect(far).toHaveLength(1);
    expect(far[0]!.expansionZoom).toBeGreaterThan(3);
    expect(far[0]!.expansionZoom).toBeLessThanOrEqual(CLUSTER_MAX_ZOOM);
    const near = clusterPoints(points, far[0]!.expansionZoom!);
    expect(near).toHaveLength(2);
    expect(near.every((m) => !isCluster(m))).toBe(true);
  });

  it('keeps every feature once, and gives each mark a stable key', () => {
    const points = [datum('a', [0, 0]), datum('b', [0.1, 0]), datum('c', [50, 10])];
    const marks = clusterPoints(points, 2);
    expect(marks.flatMap((m) => m.members.map((d) => d.feature.id)).sort()).toEqual(['a', 'b', 'c']);
    expect(clusterPoints(points, 2.9).map((m) => m.key)).toEqual(marks.map((m) => m.key));
    expect(markOf(marks, 'b')).toHaveLength(1);
    expect(
      markOf(marks, 'b')[0]!
        .members.map((d) => d.feature.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('computes at the integer zoom below the map’s', () => {
    expect(clusterZoom(3.99)).toBe(3);
    expect(clusterZoom(0.5)).toBe(0);
    expect(clusterZoom(12)).toBe(CLUSTER_MAX_ZOOM);
  });

  it('grows a badge slowly with its number', () => {
    expect(badgeSize(2)).toBeLessThan(badgeSize(20));
    expect(badgeSize(200)).toBeLessThan(2 * badgeSize(2));
  });

  it('leaves no two marks of the shipped point layers so close that their symbols would cover each other, at any zoom', () => {
    const layers = LAYERS.filter((l) => l.draw === 'point').map((l) => l.id);
    const features = LAYER_IDS.filter((l) => layers.includes(l)).flatMap((l) => (JSON.parse(readFileSync(`public/data/${l}.geojson`, 'utf8')) as { features: MapFeature[] }).features);
    const d = makeDataset(EMPTY_MANIFEST, Object.fromEntries(layers.map((l) => [l, features.filter((f) => f.properties.layer === l)])));
    const points = layers.flatMap((l) => d.points[l]);
    for (const zoom of [1, 1.6, 2.5, 4, 5.5, 7]) {
      const marks = clusterPoints(points, zoom);
      expect(marks.flatMap((m) => m.members)).toHaveLength(points.length);
      // Singles: the clustering guarantees the radius between them at the integer zoom below, so more at `zoom`.
      const singles = marks.filter((m) => !isCluster(m)).map((m) => px(m.position, zoom));
      let closest = Infinity;
      for (let i = 0; i < singles.length; i++) for (let j = i + 1; j < singles.length; j++) closest = Math.min(closest, Math.hypot(singles[i]![0] - singles[j]![0], singles[i]![1] - singles[j]![1]));
      expect(closest, `zoom ${zoom}`).toBeGreaterThanOrEqual(CLUSTER_RADIUS);
    }
  });
});
