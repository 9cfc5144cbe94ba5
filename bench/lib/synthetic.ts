/**
 * Synthetic thematic data for the scale test: generated in the bench, never
 * shipped. Deterministic (seeded), and shaped as deck.gl layer descriptors whose
 * data use deck.gl's default accessors (`position`, `path`) and constant colours, so they cross into the page as JSON.
 */

/** Where the points fall: roughly the Belt and Road (Europe, Africa, Asia, Oceania). */
export const SYNTHETIC_BOUNDS = { west: -20, south: -40, east: 150, north: 60 } as const;

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Bounds = { west: number; south: number; east: number; north: number };
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function lonLat(rand: () => number, b: Bounds): [number, number] {
  return [round5(b.west + rand() * (b.east - b.west)), round5(b.south + rand() * (b.north - b.south))];
}

/** `n` points, uniformly spread over `bounds`. */
export function syntheticPoints(n: number, seed = 1, bounds: Bounds = SYNTHETIC_BOUNDS): { position: [number, number] }[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => ({ position: lonLat(rand, bounds) }));
}

/** Points along a quadratic Bézier from `a` to `b`, bowed sideways by a fifth of their distance (like the app's flow curves). */
export function curve(a: [number, number], b: [number, number], segments = 16): [number, number][] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  // Control point: the midpoint pushed along the left normal.
  const c: [number, number] = [(a[0] + b[0]) / 2 - dy * 0.2, (a[1] + b[1]) / 2 + dx * 0.2];
  const out: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const u = 1 - t;
    out.push([round5(u * u * a[0] + 2 * u * t * c[0] + t * t * b[0]), round5(u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])]);
  }
  return out;
}

/**
 * `n` arcs between random points of `bounds` (like project partnerships), as
 * curved paths: the app draws flows as PathLayer curves (it has no ArcLayer).
 */
export function syntheticArcs(n: number, seed = 2, bounds: Bounds = SYNTHETIC_BOUNDS, segments = 16): { path: [number, number][] }[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => ({ path: curve(lonLat(rand, bounds), lonLat(rand, bounds), segments) }));
}

/** A plain deck.gl layer descriptor (the shape of `src/layers/build-layers.ts`'s `LayerDescriptor`; types `deck-layers.ts` knows). */
export interface SyntheticDescriptor {
  type: 'ScatterplotLayer' | 'PathLayer';
  props: { id: string; data: unknown[]; pickable: boolean; [k: string]: unknown };
}

export type ScaleScenario = { name: string; descriptors: SyntheticDescriptor[] };

/** A scatterplot of `n` synthetic project points, drawn like the project symbols (pickable, outlined). */
export function pointsDescriptor(n: number, seed = 1): SyntheticDescriptor {
  return {
    type: 'ScatterplotLayer',
    props: {
      id: `bench-points-${n}`,
      data: syntheticPoints(n, seed),
      pickable: true,
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 4,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getFillColor: [200, 70, 40, 200],
      getLineColor: [255, 255, 255, 255],
    },
  };
}

/** A PathLayer of `n` synthetic curved arcs, styled like the app's flows (default `getPath`: `d.path`). */
export function arcsDescriptor(n: number, seed = 2): SyntheticDescriptor {
  return {
    type: 'PathLayer',
    props: {
      id: `bench-arcs-${n}`,
      data: syntheticArcs(n, seed),
      pickable: true,
      getWidth: 1.5,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      getColor: [30, 110, 180, 160],
    },
  };
}

/** The scale scenarios the bench runs: 10k points, 100k points, 10k arcs. */
export function scaleScenarios(): ScaleScenario[] {
  return [
    { name: '10,000 points', descriptors: [pointsDescriptor(10_000)] },
    { name: '100,000 points', descriptors: [pointsDescriptor(100_000)] },
    { name: '10,000 arcs (curved paths)', descriptors: [arcsDescriptor(10_000)] },
  ];
}
