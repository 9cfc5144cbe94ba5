/**
 * Where thematic layers sit in the base map: under its labels, and country fills
 * outlined by the base map's borders under those borders (deck.gl strokes them
 * only when the base map has no border layer, e.g. an online style).
 */
import { describe, expect, it } from 'vitest';
import { type LayerId, LAYERS } from '../../src/layers/registry.ts';
import { makeDataset } from '../../src/data/dataset.ts';
import { basemapSlots, basemapStyle, FIRST_BOUNDARY_LAYER_ID, FIRST_LABEL_LAYER_ID } from '../../src/map/basemap-style.ts';
import { buildLayers } from '../../src/layers/build-layers.ts';
import { toDeckLayers } from '../../src/layers/deck-layers.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { EMPTY_MANIFEST, descriptor, feat } from '../helpers/features.ts';

const box = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [60, 40],
      [90, 40],
      [90, 55],
      [60, 55],
      [60, 40],
    ],
  ],
};
const d = makeDataset(EMPTY_MANIFEST, {
  'priority-countries': [feat('priority-countries', 'pc-mn', box, { direction: 'belt', countries: ['MN'] })],
  'disease-zones': [feat('disease-zones', 'dz-a', box, { disease_group: 'vector-borne' })],
});
const state = { ...defaultState(), layers: ['priority-countries', 'disease-zones'] satisfies LayerId[] };

describe('layer placement', () => {
  it('outlines whole-country areas with the base map’s borders only where it has them', () => {
    expect(LAYERS.find((l) => l.id === 'priority-countries')!.outline).toBe('borders');
    const withBorders = buildLayers(state, d, [], 'detailed', { borders: true });
    const pc = descriptor(withBorders, 'priority-countries')!;
    expect(pc.slot).toBe('under-borders');
    expect(pc.props.stroked).toBe(false);
    // Zones are bands, not countries: deck.gl draws their (dashed) outline, above the borders.
    const dz = descriptor(withBorders, 'disease-zones')!;
    expect(dz.slot).toBeUndefined();
    expect(dz.props.stroked).toBe(true);
    const without = descriptor(buildLayers(state, d, [], 'detailed', { borders: false }), 'priority-countries')!;
    expect(without.slot).toBeUndefined();
    expect(without.props.stroked).toBe(true);
  });

  it('puts each deck.gl layer before the base map layer of its slot', () => {
    const descriptors = buildLayers(state, d, [], 'detailed', { borders: true });
    const before = (b: Parameters<typeof toDeckLayers>[1]) => Object.fromEntries(toDeckLayers(descriptors, b).map((l) => [l.id, (l.props as { beforeId?: string }).beforeId]));
    expect(before({ labels: 'labels', borders: 'borders' })).toEqual({ 'priority-countries': 'borders', 'disease-zones': 'labels' });
    // No border layer named: under the labels like the rest; no label layer either: on top of the map.
    expect(before({ labels: 'labels' })).toEqual({ 'priority-countries': 'labels', 'disease-zones': 'labels' });
    expect(before({})).toEqual({ 'priority-countries': undefined, 'disease-zones': undefined });
  });

  it('finds the slots in the built-in style, and none in a style without those layers', () => {
    const ids = new Set(basemapStyle({ lang: 'en', dataUrl: (n) => `data/basemap/${n}.geojson` }).layers.map((l) => l.id));
    expect(basemapSlots((id) => ids.has(id))).toEqual({ labels: FIRST_LABEL_LAYER_ID, borders: FIRST_BOUNDARY_LAYER_ID });
    expect(basemapSlots(() => false)).toEqual({});
  });
});
