import { describe, expect, it } from 'vitest';
import { buildLayers, visibleFeatures, type PathDatum } from '../../src/layers/build-layers.ts';
import { defaultState, type AppState } from '../../src/state/app-state.ts';
import { LAYERS, LAYER_IDS, layerSpec, styleContextOf } from '../../src/layers/registry.ts';
import type { Mark } from '../../src/layers/cluster.ts';
import { makeDataset } from '../../src/data/dataset.ts';
import { EMPTY_MANIFEST, feat } from '../helpers/features.ts';
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
    expect(ls.map((l) => l.props.id)).toEqual(['directions-casing', 'directions', 'projects-halo', 'projects', 'selection-ring-casing', 'selection-ring']);
  });

  it("rings a story chapter's features under the selection, once each, skipping unknown ids", () => {
    const ls = buildLayers(state({ layers: ['projects'], selected: 'project-01' }), d, ['project-24', 'project-24', 'project-01', 'no-such-feature']);
    expect(ls.map((l) => l.props.id).slice(-4)).toEqual(['highlight-project-24-ring-casing', 'highlight-project-24-ring', 'selection-ring-casing', 'selection-ring']);
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
    expect(byId(ls, 'directions')!.props.data as PathDatum[]).toHaveLength(3);
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

  it('highlights a selected area with a halo and an edge in its own colour', () => {
    const ls = buildLayers(state({ layers: [], selected: 'mech-sco' }), d);
    expect(ls.map((l) => [l.type, l.props.id])).toEqual([
      ['GeoJsonLayer', 'selection-halo'],
      ['GeoJsonLayer', 'selection-edge'],
    ]);
    const edge = byId(ls, 'selection-edge')!;
    expect(edge.props.filled).toBe(false);
    const own = layerSpec('mechanisms').lineColor(d.byId.get('mech-sco')!.properties, styleContextOf(d));
    expect((edge.props.getLineColor as number[]).slice(0, 3)).toEqual(own.slice(0, 3));
  });

  it('rings a selected route in its own colour, not black', () => {
    const ls = buildLayers(state({ layers: ['directions'], selected: 'direction-maritime' }), d);
    const edge = byId(ls, 'selection-edge')!;
    expect((edge.props.getLineColor as number[]).slice(0, 3)).toEqual(layerSpec('directions').color(d.byId.get('direction-maritime')!.properties).slice(0, 3));
  });

  it('never gives one layer id to two layer classes: a point selected after a route or a country has rings of its own', () => {
    // deck.gl cannot turn a layer into another class under the same id: each kind of ring has its own ids.
    const seen = new Map<string, string>();
    for (const selected of ['direction-belt', 'mech-sco', 'project-01', 'mission-sudan', 'project-24']) {
      for (const l of buildLayers(state({ layers: ['projects', 'directions', 'mechanisms', 'cataract-missions'], selected }), d, [], 'detailed', undefined, { zoom: 3 })) {
        expect(seen.get(l.props.id) ?? l.type, l.props.id).toBe(l.type);
        seen.set(l.props.id, l.type);
      }
    }
    expect(seen.get('selection-ring')).toBe('ScatterplotLayer');
    expect(seen.get('selection-edge')).toBe('GeoJsonLayer');
  });

  it('returns the same data array for the same filters (so deck.gl does not re-upload)', () => {
    const a = byId(buildLayers(state({ layers: ['projects'] }), d), 'projects')!.props.data;
    const b = byId(buildLayers(state({ layers: ['projects'], selected: 'project-01' }), d), 'projects')!.props.data;
    expect(a).toBe(b);
  });
});

describe('badges: several features at one place', () => {
  // Nanning: a key project, a centre and a forum at one place; Prague alone.
  const nanning: [number, number] = [108.32, 22.82];
  const d = makeDataset(EMPTY_MANIFEST, {
    projects: [
      feat('projects', 'project-02', { type: 'Point', coordinates: nanning }, { area: 2, status: 'planned' }),
      feat('projects', 'project-03', { type: 'Point', coordinates: [14.42, 50.09] }, { area: 1, status: 'planned' }),
    ],
    'tcm-centres': [feat('tcm-centres', 'tcm-nanning', { type: 'Point', coordinates: nanning })],
    events: [feat('events', 'event-nanning', { type: 'Point', coordinates: nanning })],
  });
  const layers: AppState['layers'] = ['projects', 'tcm-centres', 'events'];

  it('draws the features at one place as one badge over every layer, and the others with their own symbol', () => {
    const ls = buildLayers(state({ layers }), d, [], 'detailed', undefined, { zoom: 4 });
    const badges = byId(ls, 'clusters')!;
    expect(badges.type).toBe('BadgeLayer');
    expect(badges.badges).toBe(true);
    expect(ls[ls.length - 1]!.props.id).toBe('clusters');
    const marks = badges.props.data as Mark[];
    expect(marks).toHaveLength(1);
    expect(marks[0]!.members.map((m) => m.feature.id)).toEqual(['project-02', 'tcm-nanning', 'event-nanning']);
    expect(marks[0]!.expansionZoom).toBeNull();
    expect((badges.props.getIcon as (m: Mark) => string)(marks[0]!)).toBe('badge-3');
    // Each layer keeps only the features it draws alone.
    expect((byId(ls, 'projects')!.props.data as PointDatum[]).map((p) => p.feature.id)).toEqual(['project-03']);
    expect(byId(ls, 'tcm-centres')!.props.data).toEqual([]);
    expect(byId(ls, 'events')!.props.data).toEqual([]);
  });

  it('draws every symbol on its own when the map gives no zoom (no badges)', () => {
    const ls = buildLayers(state({ layers }), d);
    expect(byId(ls, 'clusters')).toBeUndefined();
    expect(byId(ls, 'projects')!.props.data as PointDatum[]).toHaveLength(2);
  });

  it('rings a selected feature in a badge around the badge, in the feature’s own colour', () => {
    const ls = buildLayers(state({ layers, selected: 'project-02' }), d, [], 'detailed', undefined, { zoom: 4 });
    const ring = byId(ls, 'selection-ring')!;
    const dots = ring.props.data as { position: number[]; radius: number }[];
    expect(dots).toHaveLength(1);
    expect(dots[0]!.position).toEqual(nanning);
    expect(dots[0]!.radius).toBeGreaterThan(layerSpec('projects').size / 2 + 5);
    expect((ring.props.getLineColor as number[]).slice(0, 3)).toEqual(layerSpec('projects').color(d.byId.get('project-02')!.properties).slice(0, 3));
  });
});

describe('Play: records outside the years dimmed, not left out', () => {
  const d = sampleDataset();
  it('keeps undated and out-of-range records on the map, faint, and those in the years at full strength', () => {
    const ls = buildLayers(state({ layers: ['projects', 'directions'], filters: { ...defaultState().filters, years: [2015, 2016] } }), d, [], 'detailed', undefined, {
      zoom: 3,
      dimOutside: [2015, 2016],
    });
    const projects = byId(ls, 'projects')!;
    const data = projects.props.data as PointDatum[];
    const colour = projects.props.getColor as (p: PointDatum) => number[];
    const dated = data.find((p) => p.feature.id === 'project-01')!;
    const undated = data.find((p) => p.feature.id === 'project-24')!;
    expect(colour(dated)[3]).toBe(255);
    expect(colour(undated)[3]).toBeLessThan(80);
    const belt = byId(ls, 'directions')!;
    expect((belt.props.getColor as (p: PathDatum) => number[])((belt.props.data as PathDatum[])[0]!)[3]).toBeLessThan(80);
  });
});
