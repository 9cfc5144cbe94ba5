import { describe, expect, it } from 'vitest';
import { arcsDescriptor, curve, pointsDescriptor, scaleScenarios, seededRandom, SYNTHETIC_BOUNDS, syntheticArcs, syntheticPoints } from '../../bench/lib/synthetic.ts';
import type { DeckLayerType } from '../../src/layers/build-layers.ts';

const inBounds = ([lon, lat]: number[]) => lon! >= SYNTHETIC_BOUNDS.west && lon! <= SYNTHETIC_BOUNDS.east && lat! >= SYNTHETIC_BOUNDS.south && lat! <= SYNTHETIC_BOUNDS.north;

describe('bench synthetic data', () => {
  it('draws the same sequence from the same seed, and another from another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('generates the same points and arcs on every call', () => {
    expect(syntheticPoints(100)).toEqual(syntheticPoints(100));
    expect(syntheticArcs(50)).toEqual(syntheticArcs(50));
    expect(syntheticPoints(100, 2)).not.toEqual(syntheticPoints(100, 3));
  });

  it('places points inside the bounds, rounded to 5 decimals', () => {
    const pts = syntheticPoints(1000);
    expect(pts).toHaveLength(1000);
    for (const { position } of pts) {
      expect(inBounds(position)).toBe(true);
      for (const v of position) expect(Math.round(v * 1e5) / 1e5).toBe(v);
    }
  });

  it('curves arcs from source to target', () => {
    const c = curve([0, 0], [10, 0], 4);
    expect(c).toHaveLength(5);
    expect(c[0]).toEqual([0, 0]);
    expect(c[4]).toEqual([10, 0]);
    // Bowed to the left of the direction of travel, not straight.
    expect(c[2]![1]).toBeGreaterThan(0);
    for (const { path } of syntheticArcs(20)) expect(path).toHaveLength(17);
  });

  it('describes layers with types the app can draw', () => {
    const known: DeckLayerType[] = ['GeoJsonLayer', 'IconLayer', 'PathLayer', 'ScatterplotLayer'];
    const scenarios = scaleScenarios();
    expect(scenarios.map((s) => s.descriptors.reduce((n, d) => n + d.props.data.length, 0))).toEqual([10_000, 100_000, 10_000]);
    for (const s of scenarios) for (const d of s.descriptors) expect(known).toContain(d.type);
    expect(pointsDescriptor(10).props.id).not.toBe(arcsDescriptor(10).props.id);
  });

  it('survives a JSON round trip (it crosses into the page that way)', () => {
    const d = arcsDescriptor(10);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});
