/**
 * The legend tells the truth: for every layer and every legend item, the layer
 * as built for the map draws a feature of that item in the item's colour, with
 * the item's outline, hollowness and dash — dashed in the legend if and only if
 * dashed on the map. Features are made from each item's sample properties and
 * run through `buildLayers`, so a colour or dash computed anywhere but the
 * registry shows up here.
 */
import { describe, expect, it } from 'vitest';
import type { BaseProps } from '../../src/data/contract.ts';
import { type LayerId, LAYERS, isDashed, legendInUse, matchesSample, type LayerSpec, type LegendItem } from '../../src/layers/registry.ts';
import { makeDataset, type MapFeature } from '../../src/data/dataset.ts';
import { buildLayers } from '../../src/layers/build-layers.ts';
import { UNKNOWN_COLOR, areaColor, diseaseColor, directionColor, hexToRgba, luminance, rgbaToHex } from '../../src/layers/palette.ts';
import { AREA_IDS } from '../../src/data/vocabulary.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { BASEMAP_PALETTES } from '../../src/map/basemap-style.ts';
import { mechanismOptions } from '../../src/ui/panel-model.ts';
import { EMPTY_MANIFEST, descriptor, feat, type LooseDescriptor } from '../helpers/features.ts';

const geometryFor = (spec: LayerSpec): MapFeature['geometry'] =>
  spec.draw === 'point'
    ? { type: 'Point', coordinates: [100, 30] }
    : spec.draw === 'area'
      ? {
          type: 'Polygon',
          coordinates: [
            [
              [100, 30],
              [101, 30],
              [101, 31],
              [100, 31],
              [100, 30],
            ],
          ],
        }
      : {
          type: 'LineString',
          coordinates: [
            [100, 30],
            [110, 35],
          ],
        };

/** What the map draws for one feature of `spec` with `sample`'s properties. */
function drawn(spec: LayerSpec, sample: Partial<BaseProps>) {
  const f = feat(spec.id, `${spec.id}-sample`, geometryFor(spec), sample);
  const d = makeDataset(EMPTY_MANIFEST, { [spec.id]: [f] });
  // As on the built-in base map, which draws country borders (the legend describes that map).
  const layers = buildLayers({ ...defaultState(), layers: [spec.id] }, d, [], 'detailed', { borders: true });
  const main = descriptor(layers, spec.id)!;
  const halo = descriptor(layers, `${spec.id}-halo`);
  const datum = (main.props.data as unknown[])[0]!;
  const read = <T>(l: LooseDescriptor | undefined, key: string): T | undefined => {
    const v = l?.props[key];
    return (typeof v === 'function' ? (v as (x: unknown) => T)(datum) : v) as T | undefined;
  };
  return { main, datum, call: <T>(key: string) => read<T>(main, key), haloCall: <T>(key: string) => read<T>(halo, key) };
}

const rgb = (c: readonly number[] | undefined) => rgbaToHex(c as number[]);
const dashOf = (v: unknown) => (v as number[] | undefined) ?? [0, 0];

describe.each(LAYERS.map((l) => [l.id, l] as [LayerId, LayerSpec]))('the legend of %s', (_id, spec) => {
  const items = spec.legend.filter((i) => i.sample);

  it('has items that stand for features (only mechanisms stand for a whole multi-coloured layer)', () => {
    expect(items.length > 0 || spec.id === 'mechanisms').toBe(true);
  });

  it.each(items.map((i) => [i.key, i] as [string, LegendItem]))('item %s: the map draws it in the legend’s colour, outline and dash', (_key, item) => {
    const { main, call } = drawn(spec, item.sample!);
    const s = item.swatch;
    if (s.kind === 'symbol') {
      expect(main.type).toBe('IconLayer');
      expect(rgb(call<number[]>('getColor'))).toBe(item.color);
      expect(call<string>('getIcon')).toBe(`${s.symbol}-${s.hollow ? 'h' : 'f'}`);
    } else if (s.kind === 'line') {
      expect(main.type).toBe('PathLayer');
      expect(rgb(call<number[]>('getColor'))).toBe(item.color);
      const dash = dashOf(call('getDashArray'));
      expect(isDashed(dash as [number, number]), `dash ${dash}`).toBe(!!s.dashed);
      if (s.dashed) {
        expect(main.dashed).toBe(true);
        expect(dash).toEqual([...s.dash!]);
      }
      expect(call<number>('getWidth')).toBe(s.width);
    } else if (s.kind === 'fill') {
      expect(main.type).toBe('GeoJsonLayer');
      const fill = call<number[]>('getFillColor')!;
      expect(rgb(fill)).toBe(item.color);
      // By role: only a `fill` layer tints its places (the swatch shows that tint); a hatch is lines in the outline's colour; the others are edges.
      const role = spec.role ?? 'fill';
      expect(main.props.filled).toBe(role === 'fill' || role === 'hatch');
      expect(!!main.hatched).toBe(role === 'hatch');
      expect(!!s.hatch).toBe(role === 'hatch');
      if (role === 'fill') expect(Math.round((fill[3]! / 255) * 100) / 100).toBe(s.opacity);
      else expect(s.opacity).toBe(0);
      if (role === 'hatch') expect(rgb(fill)).toBe(s.outline);
      if (spec.outline === 'borders') {
        // Outlined by the base map's country borders, drawn over the fill: the swatch's edge is a border.
        expect(main.props.stroked).toBe(false);
        expect(main.slot).toBe('under-borders');
        expect(s.outline).toBe(BASEMAP_PALETTES.light.border);
      } else {
        expect(main.props.stroked).toBe(true);
        expect(rgb(call<number[]>('getLineColor'))).toBe(s.outline);
        expect(call<number>('getLineWidth')).toBe(s.width);
      }
      const dash = dashOf(call('getDashArray'));
      expect(isDashed(dash as [number, number]), `dash ${dash}`).toBe(!!s.dashed);
      // A dashed legend item needs the dash extension on the layer, or deck.gl ignores the dash array.
      if (s.dashed) {
        expect(main.dashed).toBe(true);
        expect(dash).toEqual([...s.dash!]);
      }
    } else throw new Error(`a layer's item drawn as a ${s.kind}`);
  });
});

describe('one translucent fill per place', () => {
  it('gives the fill role to one area layer at most; every other area layer is lines (hatch, outline or dashed edge)', () => {
    const areas = LAYERS.filter((l) => l.draw === 'area');
    expect(areas.every((l) => l.role !== undefined)).toBe(true);
    expect(areas.filter((l) => l.role === 'fill').map((l) => l.id)).toEqual(['priority-countries']);
    for (const l of areas.filter((x) => x.role !== 'fill')) {
      const f = feat(l.id, `${l.id}-x`, geometryFor(l), l.legend[0]?.sample ?? {});
      const layer = descriptor(buildLayers({ ...defaultState(), layers: [l.id] }, makeDataset(EMPTY_MANIFEST, { [l.id]: [f] })), l.id)!;
      // No tint: either not filled, or filled only with the hatch pattern's lines.
      expect(layer.props.filled === false || layer.hatched === true, l.id).toBe(true);
    }
  });
});

describe('legend and palette', () => {
  it('gives each mechanism the colour the map outlines it in (the list below the layer is its legend)', () => {
    const box = (x: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    });
    const d = makeDataset(EMPTY_MANIFEST, { mechanisms: [feat('mechanisms', 'mech-a', box(0)), feat('mechanisms', 'mech-b', box(5)), feat('mechanisms', 'mech-c', box(9))] });
    const layer = descriptor(buildLayers({ ...defaultState(), layers: ['mechanisms'] }, d), 'mechanisms')!;
    const line = layer.props.getLineColor as (f: MapFeature) => number[];
    const options = mechanismOptions(d, 'en');
    for (const o of options) {
      const f = d.byId.get(o.id)!;
      expect(rgbaToHex(line(f)), o.id).toBe(o.color);
    }
    expect(new Set(options.map((o) => o.color)).size).toBe(3);
  });

  it('separates the six disease groups in greyscale: no two share both dash and width', () => {
    const spec = LAYERS.find((l) => l.id === 'disease-zones')!;
    const looks = spec.legend.map((i) => (i.swatch.kind === 'fill' ? `${i.swatch.dash?.join(',') ?? 'solid'}/${i.swatch.width}` : ''));
    expect(new Set(looks).size).toBe(spec.legend.length);
  });

  it('draws light symbols (area 4’s yellow) with a dark edge on the map and in the legend', () => {
    const projects = LAYERS.find((l) => l.id === 'projects')!;
    const yellow = projects.legend.find((i) => i.key === 'area-4')!;
    expect(luminance(hexToRgba(yellow.color))).toBeGreaterThan(0.5);
    expect(yellow.swatch).toMatchObject({ kind: 'symbol', outline: expect.any(String) as unknown });
    const edge = drawn(projects, { area: 4 }).haloCall<number[]>('getColor')!;
    expect(luminance(edge)).toBeLessThan(0.1);
    expect(rgb(edge)).toBe((yellow.swatch as { outline: string }).outline);
    // A dark colour keeps the white halo.
    expect(rgb(drawn(projects, { area: 1 }).haloCall<number[]>('getColor'))).toBe('#FFFFFF');
  });

  it('keeps unknown values out of the shared scales: they are grey and do not extend the domains', () => {
    const before = [areaColor.domain().length, directionColor.domain().length, diseaseColor.domain().length];
    expect(areaColor(9)).toBe(UNKNOWN_COLOR);
    expect(directionColor('north')).toBe(UNKNOWN_COLOR);
    expect(diseaseColor('gout')).toBe(UNKNOWN_COLOR);
    expect([areaColor.domain().length, directionColor.domain().length, diseaseColor.domain().length]).toEqual(before);
    expect(areaColor.domain()).toEqual([...AREA_IDS]);
  });

  it('lists only the legend items some feature answers to', () => {
    const hospitals = LAYERS.find((l) => l.id === 'hospitals')!;
    const fs = [feat('hospitals', 'h1', { type: 'Point', coordinates: [0, 0] }, { area: 3 }), feat('hospitals', 'h2', { type: 'Point', coordinates: [0, 0] }, { area: 8, status: 'intended' })];
    expect(legendInUse(hospitals, fs).map((i) => i.key)).toEqual(['area-3', 'area-8', 'intended']);
    expect(legendInUse(hospitals, null)).toEqual(hospitals.legend);
    expect(
      matchesSample(
        fs[1]!.properties,
        hospitals.legend.find((i) => i.key === 'intended')!,
      ),
    ).toBe(true);
  });
});
