import { describe, expect, it } from 'vitest';
import { buildLayers, visibleFeatures, type PathDatum } from '../../src/layers/build-layers.ts';
import { defaultState, type AppState } from '../../src/state/app-state.ts';
import { LAYERS, LAYER_IDS } from '../../src/layers/registry.ts';
import type { PointDatum } from '../../src/data/dataset.ts';
import { descriptor, sampleDataset } from '../helpers/features.ts';

const state = (p: Partial<AppState>): AppState => ({ ...defaultState(), ...p });
const byId = descriptor;

describe('layer registry', () => {
  it('lists every layer once, in drawing order, with a legend', () => {
    expect(LAYERS.map((l) => l.id)).toEqual([...LAYER_IDS]);
    for (const l of LAYERS) expect(l.legend.length, l.id).toBeGreaterThan(0);
  });
  it('gives every point layer its own symbol, so layers differ in greyscale', () => {
    const symbols = LAYERS.filter((l) => l.draw === 'point').map((l) => l.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
  });
});

describe('buildLayers', () => {
  const d = sampleDataset();

  it('draws only visible layers, in registry order, with the selection on top', () => {
    const ls = buildLayers(state({ layers: ['projects', 'directions'], selected: 'project-01' }), d);
    expect(ls.map((l) => l.props.id)).toEqual(['directions-casing', 'directions', 'projects-halo', 'projects', 'selection']);
  });

  it('rings a story chapter\'s features under the selection, once each, skipping unknown ids', () => {
    const ls = buildLayers(state({ layers: ['projects'], selected: 'project-01' }), d, ['project-24', 'project-24', 'project-01', 'no-such-feature']);
    expect(ls.map((l) => l.props.id).slice(-2)).toEqual(['highlight-project-24', 'selection']);
  });

  it('expands multipoints to one icon per place, hollow when only intended', () => {
    const ls = buildLayers(state({ layers: ['projects'] }), d);
    const icons = byId(ls, 'projects')!;
    const data = icons.props.data as PointDatum[];
    expect(data).toHaveLength(3);
    expect(icons.symbols).toBe(true);
    const getIcon = icons.props.getIcon as (p: PointDatum) => string;
    expect(getIcon(data.find((p) => p.feature.id === 'project-24')!)).toBe('circle-h');
    expect(getIcon(data.find((p) => p.feature.id === 'project-01')!)).toBe('circle-f');
    const getColor = icons.props.getColor as (p: PointDatum) => number[];
    expect(getColor(data.find((p) => p.feature.id === 'project-24')!)).not.toEqual(getColor(data.find((p) => p.feature.id === 'project-01')!));
  });

  it('applies filters to the data of each layer', () => {
    const ls = buildLayers(state({ layers: ['projects', 'directions'], filters: { ...defaultState().filters, areas: [5] } }), d);
    expect((byId(ls, 'projects')!.props.data as PointDatum[]).map((p) => p.feature.id)).toEqual(['project-24', 'project-24']);
    // Routes carry no area: they stay as context.
    expect((byId(ls, 'directions')!.props.data as PathDatum[])).toHaveLength(3);
  });

  it('draws the maritime road dashed and the land belt solid, in different colours', () => {
    const route = byId(buildLayers(state({ layers: ['directions'] }), d), 'directions')!;
    expect(route.dashed).toBe(true);
    const paths = route.props.data as PathDatum[];
    const dash = route.props.getDashArray as (p: PathDatum) => number[];
    const color = route.props.getColor as (p: PathDatum) => number[];
    const belt = paths.find((p) => p.feature.id === 'direction-belt')!;
    const sea = paths.find((p) => p.feature.id === 'direction-maritime')!;
    expect(dash(belt)).toEqual([0, 0]);
    expect(dash(sea)[0]).toBeGreaterThan(0);
    expect(color(belt)).not.toEqual(color(sea));
  });

  it('shows only the chosen mechanisms', () => {
    expect(visibleFeatures(d, 'mechanisms', { filters: defaultState().filters, mechanisms: ['mech-gms'] }).map((f) => f.id)).toEqual(['mech-gms']);
    expect(visibleFeatures(d, 'mechanisms', { filters: defaultState().filters, mechanisms: [] })).toHaveLength(2);
  });

  it('draws missions as curved flows ending at the host, filtered by year', () => {
    const ls = buildLayers(state({ layers: ['cataract-missions'] }), d);
    expect(ls.map((l) => l.props.id)).toEqual(['cataract-missions', 'cataract-missions-hosts']);
    const hosts = byId(ls, 'cataract-missions-hosts')!;
    const pos = hosts.props.getPosition as (p: PathDatum) => number[];
    expect(pos((hosts.props.data as PathDatum[])[0]!)).toEqual([30, 15]);
    const none = byId(buildLayers(state({ layers: ['cataract-missions'], filters: { ...defaultState().filters, years: [2017, 2020] } }), d), 'cataract-missions')!;
    expect(none.props.data).toEqual([]);
  });

  it('highlights a selected area with an outline layer', () => {
    const ls = buildLayers(state({ layers: [], selected: 'mech-sco' }), d);
    expect(ls).toHaveLength(1);
    expect(ls[0]).toMatchObject({ type: 'GeoJsonLayer', props: { id: 'selection', filled: false } });
  });

  it('returns the same data array for the same filters (so deck.gl does not re-upload)', () => {
    const a = byId(buildLayers(state({ layers: ['projects'] }), d), 'projects')!.props.data;
    const b = byId(buildLayers(state({ layers: ['projects'], selected: 'project-01' }), d), 'projects')!.props.data;
    expect(a).toBe(b);
  });
});
