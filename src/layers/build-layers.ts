/**
 * State + data → deck.gl layer descriptors: plain objects naming a layer class
 * and its props. Pure (no WebGL, no DOM), so Node tests can check what would be
 * drawn; `deck-layers.ts` turns descriptors into deck.gl layer instances.
 */
import type { GeoJsonLayerProps, IconLayerProps, PathLayerProps, ScatterplotLayerProps } from '@deck.gl/layers';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Feature, Geometry } from 'geojson';
import type { BaseProps } from '../data/contract.ts';
import { type LayerId, type LayerSpec, LAYERS, SOLID, layerSpec, styleContextOf, symbolHalo, type StyleContext } from './registry.ts';
import { drawnFeatures, type Dataset, type LevelOfDetail, type MapFeature, type PointDatum } from '../data/dataset.ts';
import type { AppState, Filters } from '../state/app-state.ts';
import { passesFilters } from '../state/filters.ts';
import { HATCH_ANGLES } from '../data/vocabulary.ts';
import { type RGBA } from './palette.ts';
import { badgeId, iconId } from './symbols.ts';
import { CLUSTER_RADIUS, badgeSize, clusterPoints, clusterZoom, isCluster, type Mark } from './cluster.ts';

/** The props of each deck.gl layer class the map draws, typed by deck.gl (types only: this module stays pure). */
interface PropsOf {
  GeoJsonLayer: GeoJsonLayerProps<BaseProps> & PathStyleExtensionProps<MapFeature>;
  IconLayer: Omit<IconLayerProps<PointDatum>, 'iconAtlas' | 'iconMapping'>;
  /** An IconLayer of badges (several features at one place), over the marks of `cluster.ts`. */
  BadgeLayer: Omit<IconLayerProps<Mark>, 'iconAtlas' | 'iconMapping'>;
  PathLayer: PathLayerProps<PathDatum> & PathStyleExtensionProps<PathDatum>;
  ScatterplotLayer: ScatterplotLayerProps<Dot>;
}
export type DeckLayerType = keyof PropsOf;

/** A deck.gl layer as plain data: its class and its props (an `id` always). */
export type LayerDescriptor = {
  [T in DeckLayerType]: {
    type: T;
    /** Dashed lines need deck.gl's PathStyleExtension. */
    dashed?: boolean;
    /** Icon layers draw from the shared symbol atlas (`iconAtlas` + `iconMapping`, added at the edge). */
    symbols?: boolean;
    /** Icon layers of badges (several features at one place) draw from the badge atlas. */
    badges?: boolean;
    /** Areas hatched in their colour (deck.gl's FillStyleExtension, procedural pattern). */
    hatched?: boolean;
    /** Where in the base map it is drawn: under its labels (default), or under its country borders too. */
    slot?: 'under-borders';
    props: PropsOf[T] & { id: string; pickable: boolean };
  };
}[DeckLayerType];

/** A dot: a mission's host, a selection ring. */
export interface Dot {
  position: [number, number];
  feature?: MapFeature;
  /** A ring's radius in pixels (around the mark it rings). */
  radius?: number;
}

/** A feature as deck.gl's GeoJsonLayer hands it to accessors. */
type GeoFeature = Feature<Geometry, BaseProps>;

export interface PathDatum {
  path: [number, number][];
  feature: MapFeature;
}

/** Features of a layer that pass the filters, memoised per dataset and filter value. */
const filterCache = new WeakMap<Dataset, Map<string, unknown[]>>();
function memo<T>(d: Dataset, key: string, make: () => T[]): T[] {
  let m = filterCache.get(d);
  if (!m) filterCache.set(d, (m = new Map<string, unknown[]>()));
  const hit = m.get(key);
  if (hit) return hit as T[];
  const v = make();
  m.set(key, v);
  return v;
}

const filterKey = (f: Filters) => JSON.stringify(f);

/**
 * The features of a layer that pass the filters (and, for mechanisms, the choice of mechanisms).
 * @param lod - which outlines: the overview ones are drawn at world scale (see `drawnFeatures`)
 */
export function visibleFeatures(d: Dataset, layer: LayerId, state: Pick<AppState, 'filters' | 'mechanisms'>, lod: LevelOfDetail = 'detailed'): MapFeature[] {
  // A layer whose features the visitor chooses (mechanisms) shows the chosen ones, or all when none is.
  const chosen = layerSpec(layer).choosable && state.mechanisms.length ? state.mechanisms : null;
  return memo(d, `f:${layer}:${lod}:${filterKey(state.filters)}:${chosen?.join(',') ?? ''}`, () => {
    const shown = drawnFeatures(d, layer, lod).filter((f) => passesFilters(f.properties, state.filters) && (!chosen || chosen.includes(f.properties.id)));
    // Hatched areas overlap: the larger drawn first, so a smaller one lies over them and a click inside it finds it.
    return layerSpec(layer).role === 'hatch' ? shown.sort((a, b) => areaKm2(b) - areaKm2(a) || a.properties.id.localeCompare(b.properties.id)) : shown;
  });
}

const areaKm2 = (f: MapFeature): number => (typeof f.properties.area_km2 === 'number' ? f.properties.area_km2 : 0);

function visiblePoints(d: Dataset, layer: LayerId, state: Pick<AppState, 'filters'>): PointDatum[] {
  return memo(d, `p:${layer}:${filterKey(state.filters)}`, () => d.points[layer].filter((p) => passesFilters(p.feature.properties, state.filters)));
}

/** The filters without their years: Play draws what is outside the years dimmed instead of leaving it out. */
const withoutYears = (f: Filters): Filters => ({ ...f, years: null });

/** Whether a feature is dated within the years (undated records are not). */
export function datedWithin(p: { year_start?: number; year_end?: number }, years: readonly [number, number]): boolean {
  if (p.year_start === undefined) return false;
  const end = p.year_end ?? p.year_start;
  return end >= years[0] && p.year_start <= years[1];
}

/** How the map is drawn beyond what the state says: its zoom (for marks), its theme's scale, Play's years. */
export interface MapView {
  /** The map's zoom: symbols that would cover each other are drawn as one badge (`cluster.ts`). Absent: no badges. */
  zoom?: number;
  /** Symbols, lines and rings ×scale (the projector theme draws them larger). */
  scale?: number;
  /** A dark base map: route casings dark instead of white. */
  dark?: boolean;
  /** Play: records dated within these years at full strength, the undated and the others dimmed. */
  dimOutside?: readonly [number, number] | null;
}

/** What dimmed features keep of their opacity. */
export const DIM_ALPHA = 0.22;

/** The point layers' symbols on the map (each feature's own, or badges for several): computed once per state, zoom and scale. */
export function pointMarks(state: Pick<AppState, 'layers' | 'filters'>, d: Dataset, view: MapView = {}): Mark[] {
  if (view.zoom === undefined) return [];
  const scale = view.scale ?? 1;
  const z = clusterZoom(view.zoom);
  const dim = view.dimOutside ?? null;
  const layers = LAYERS.filter((l) => l.draw === 'point' && state.layers.includes(l.id));
  return memo(d, `m:${layers.map((l) => l.id).join(',')}:${filterKey(state.filters)}:${z}:${scale}:${dim?.join('-') ?? ''}`, () => {
    // Dimmed records (Play) are context, drawn faintly where they are: only the lit ones form marks.
    const points = layers.flatMap((l) =>
      dim ? visiblePoints(d, l.id, { filters: withoutYears(state.filters) }).filter((p) => datedWithin(p.feature.properties, dim)) : visiblePoints(d, l.id, state),
    );
    // A badge lists concrete things first (the registry's search rank: key projects, centres… forums).
    return clusterPoints(points, view.zoom!, { radius: CLUSTER_RADIUS * scale, order: (p) => layerSpec(p.feature.properties.layer).searchRank });
  });
}

/** The size in pixels a mark is drawn at: its layer's symbol, or the badge. */
export function markSize(m: Mark, scale = 1): number {
  return isCluster(m) ? badgeSize(m.members.length, scale) : layerSpec(m.members[0]!.feature.properties.layer).size * scale;
}

function visiblePaths(d: Dataset, layer: LayerId, state: Pick<AppState, 'filters'>): PathDatum[] {
  return memo(d, `l:${layer}:${filterKey(state.filters)}`, () =>
    d.layers[layer]
      .filter((f) => passesFilters(f.properties, state.filters))
      .flatMap((f): PathDatum[] => {
        const g = f.geometry;
        if (g.type === 'LineString') return [{ path: g.coordinates as [number, number][], feature: f }];
        if (g.type === 'MultiLineString') return g.coordinates.map((path) => ({ path: path as [number, number][], feature: f }));
        return [];
      }),
  );
}

/** What the base map offers the thematic layers. */
export interface BasemapSupport {
  /** It draws country borders in a layer that fills can go under (the built-in base map; not an online style). */
  borders: boolean;
}

/**
 * The deck.gl layers for a state: visible thematic layers in drawing order,
 * then the highlights (a story chapter's features) and the selection on top.
 * @param highlight - further feature ids to ring, e.g. a story chapter's subjects
 * @param basemap - with country borders, areas of whole countries (`outline: 'borders'`)
 *   are filled under them instead of stroked
 */
export function buildLayers(
  state: AppState,
  d: Dataset,
  highlight: readonly string[] = [],
  lod: LevelOfDetail = 'detailed',
  basemap: BasemapSupport = { borders: false },
  view: MapView = {},
): LayerDescriptor[] {
  const out: LayerDescriptor[] = [];
  // Colours, outlines, widths and dashes all come from the registry (the legend is derived from the same functions).
  const base = styleContextOf(d);
  const mechanismOrder = base.mechanisms;
  const hoverHighlight: RGBA = [255, 212, 0, 110];
  const k = view.scale ?? 1;
  // Play: the years no longer leave records out; those not dated within them are drawn faint.
  const dim = view.dimOutside ?? null;
  const shown: Pick<AppState, 'filters' | 'mechanisms'> = dim ? { filters: withoutYears(state.filters), mechanisms: state.mechanisms } : state;
  const fade = (c: RGBA, p: { year_start?: number; year_end?: number }): RGBA => (dim && !datedWithin(p, dim) ? [c[0], c[1], c[2], Math.round(c[3] * DIM_ALPHA)] : c);
  const colour = (spec: LayerSpec, get: (p: MapFeature['properties'], ctx?: StyleContext) => RGBA) => (p: MapFeature['properties']) => fade(get.call(spec, p, base), p);
  const triggers = `${mechanismOrder.join(',')}|${dim?.join('-') ?? ''}`;
  const marks = pointMarks(state, d, view);
  /** Features drawn by their own symbol; the others are in a badge. */
  const alone = view.zoom === undefined ? null : new Set(marks.filter((m) => !isCluster(m)).map((m) => m.members[0]!));
  for (const spec of LAYERS) {
    if (!state.layers.includes(spec.id)) continue;
    const common = { pickable: true, autoHighlight: true, highlightColor: hoverHighlight };
    const fill = colour(spec, spec.color);
    const stroke = colour(spec, spec.lineColor);
    /** A layer's own paths: its colour and width (in pixels, scaled), rounded ends, pickable. */
    const pathProps = (data: PathDatum[]) => ({
      id: spec.id,
      data,
      ...common,
      getPath: (p: PathDatum) => p.path,
      getColor: (p: PathDatum) => fill(p.feature.properties),
      getWidth: (p: PathDatum) => spec.lineWidth(p.feature.properties) * k,
      widthUnits: 'pixels' as const,
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getColor: triggers, getWidth: k },
    });
    switch (spec.draw) {
      case 'area': {
        const dash = spec.dash;
        const role = spec.role ?? 'fill';
        const underBorders = spec.outline === 'borders' && basemap.borders;
        out.push({
          type: 'GeoJsonLayer',
          dashed: !!dash,
          ...(role === 'hatch' ? { hatched: true } : {}),
          ...(underBorders ? { slot: 'under-borders' as const } : {}),
          props: {
            id: spec.id,
            data: visibleFeatures(d, spec.id, shown, lod),
            ...common,
            // One translucent fill per place: only the `fill` layer tints; a hatch is lines in the colour; the others are edges.
            filled: role === 'fill' || role === 'hatch',
            stroked: !underBorders,
            getFillColor: (f: GeoFeature) => fill(f.properties),
            getLineColor: (f: GeoFeature) => stroke(f.properties),
            getLineWidth: (f: GeoFeature) => spec.lineWidth(f.properties) * k,
            lineWidthUnits: 'pixels',
            ...(dash ? { getDashArray: (f: GeoFeature) => [...dash(f.properties)] as [number, number] } : {}),
            ...(role === 'hatch'
              ? {
                  // One procedural pattern per direction; each feature takes its own (`hatchAngle`).
                  fillPatternMapping: Object.fromEntries(HATCH_ANGLES.map((angle) => [`hatch-${angle}`, { type: 'hatch' as const, angle, strokeWidth: 1.6 * k, gap: 5 * k }])),
                  fillPatternSizeUnits: 'pixels' as const,
                  fillPatternMask: true,
                  getFillPattern: (f: GeoFeature) => `hatch-${spec.hatchAngle?.(f.properties) ?? HATCH_ANGLES[0]}`,
                }
              : {}),
            updateTriggers: { getFillColor: triggers, getLineColor: triggers, getLineWidth: k },
          },
        });
        break;
      }
      case 'route': {
        const paths = visiblePaths(d, spec.id, shown);
        // A casing under each route keeps it readable over country fills (pale on the light map, dark on the projector's).
        const casing: RGBA = view.dark ? [16, 22, 32, 210] : [255, 255, 255, 200];
        out.push({
          type: 'PathLayer',
          props: {
            id: `${spec.id}-casing`,
            data: paths,
            pickable: false,
            getPath: (p: PathDatum) => p.path,
            getColor: (p: PathDatum) => fade(casing, p.feature.properties),
            getWidth: (p: PathDatum) => (spec.lineWidth(p.feature.properties) + 4.5) * k,
            widthUnits: 'pixels',
            capRounded: true,
            jointRounded: true,
            updateTriggers: { getColor: triggers, getWidth: k },
          },
        });
        out.push({ type: 'PathLayer', dashed: true, props: { ...pathProps(paths), getDashArray: (p: PathDatum) => spec.dash?.(p.feature.properties) ?? SOLID, dashJustified: true } });
        break;
      }
      case 'line': {
        out.push({ type: 'PathLayer', dashed: true, props: { ...pathProps(visiblePaths(d, spec.id, shown)), getDashArray: (p: PathDatum) => spec.dash?.(p.feature.properties) ?? SOLID } });
        break;
      }
      case 'arc': {
        // Missions are curved flows (shaped in the data build) ending in a dot at the host.
        const paths = visiblePaths(d, spec.id, shown);
        out.push({ type: 'PathLayer', props: pathProps(paths) });
        out.push({
          type: 'ScatterplotLayer',
          props: {
            id: `${spec.id}-hosts`,
            data: paths.map((p): Dot => ({ position: p.path[p.path.length - 1]!, feature: p.feature })),
            pickable: false,
            getPosition: (d: Dot) => d.position,
            getFillColor: (d: Dot) => fill(d.feature!.properties),
            getLineColor: (d: Dot) => fade([255, 255, 255, 230], d.feature!.properties),
            stroked: true,
            getRadius: 4.5 * k,
            radiusUnits: 'pixels',
            getLineWidth: 1.5 * k,
            lineWidthUnits: 'pixels',
            updateTriggers: { getFillColor: triggers, getLineColor: triggers },
          },
        });
        break;
      }
      case 'point': {
        const symbol = spec.symbol ?? 'circle';
        const all = visiblePoints(d, spec.id, shown);
        // Features in a badge are drawn by the badge (on top of every layer, below); Play's dimmed ones stay in place, faint.
        const data = alone ? all.filter((p) => alone.has(p) || (dim && !datedWithin(p.feature.properties, dim))) : all;
        const size = spec.size * k;
        const haloColor = (p: PointDatum) => fade(symbolHalo(spec, p.feature.properties, base).color, p.feature.properties);
        // A white halo under each symbol keeps it readable over fills and routes; light symbols get a dark edge instead.
        out.push({
          type: 'IconLayer',
          symbols: true,
          props: {
            id: `${spec.id}-halo`,
            data,
            pickable: false,
            getPosition: (p: PointDatum) => p.position,
            getIcon: (p: PointDatum) => iconId(symbol, symbolHalo(spec, p.feature.properties, base).hollow),
            getColor: haloColor,
            getSize: size + 5 * k,
            sizeUnits: 'pixels',
            updateTriggers: { getColor: triggers },
          },
        });
        out.push({
          type: 'IconLayer',
          symbols: true,
          props: {
            id: spec.id,
            data,
            ...common,
            getPosition: (p: PointDatum) => p.position,
            getIcon: (p: PointDatum) => iconId(symbol, spec.hollow(p.feature.properties)),
            getColor: (p: PointDatum) => fill(p.feature.properties),
            getSize: size,
            sizeUnits: 'pixels',
            updateTriggers: { getColor: triggers },
          },
        });
        break;
      }
    }
  }
  const badges = marks.filter(isCluster);
  if (badges.length) {
    // Several features at one place (or too close to tell apart at this zoom): one badge with their number, over every symbol.
    out.push({
      type: 'BadgeLayer',
      badges: true,
      props: {
        id: 'clusters',
        data: badges,
        pickable: true,
        autoHighlight: true,
        highlightColor: hoverHighlight,
        getPosition: (m: Mark) => m.position,
        getIcon: (m: Mark) => badgeId(m.members.length),
        getSize: (m: Mark) => badgeSize(m.members.length, k),
        sizeUnits: 'pixels',
      },
    });
  }
  for (const id of new Set(highlight)) {
    const f = id !== state.selected ? d.byId.get(id) : undefined;
    if (f) out.push(...selectionLayers(f, `highlight-${id}`, { marks, scale: k, ctx: base }));
  }
  const selected = state.selected ? d.byId.get(state.selected) : undefined;
  if (selected) out.push(...selectionLayers(selected, 'selection', { marks, scale: k, ctx: base }));
  return out;
}

/** What a ring needs to know of the map: the marks (a feature in a badge is ringed around the badge), the theme's scale. */
export interface RingContext {
  marks?: readonly Mark[];
  scale?: number;
  ctx?: StyleContext;
}

/**
 * The ring of the selected (or a highlighted) feature, in the feature's own
 * colour over a white casing, so that it stands out and stays the colour of
 * its legend item: a ring around each of a point's marks (its symbol, or the
 * badge it is in); a halo along a line or an area's edge. Each kind of ring
 * has its own layer ids (a deck.gl id is never reused for another layer class).
 */
export function selectionLayers(f: MapFeature, id = 'selection', ring: RingContext = {}): LayerDescriptor[] {
  const g = f.geometry;
  const spec = layerSpec(f.properties.layer);
  const k = ring.scale ?? 1;
  const own: RGBA = spec ? (spec.draw === 'area' ? spec.lineColor(f.properties, ring.ctx) : spec.color(f.properties, ring.ctx)) : [17, 17, 17, 255];
  const colour: RGBA = [own[0], own[1], own[2], 255];
  const white: RGBA = [255, 255, 255, 235];
  if (g.type === 'Point' || g.type === 'MultiPoint') {
    const positions = (g.type === 'Point' ? [g.coordinates] : g.coordinates) as [number, number][];
    const marks = ring.marks?.filter((m) => m.members.some((p) => p.feature === f || p.feature.properties.id === f.properties.id)) ?? [];
    const symbol = (spec?.size ?? 16) * k;
    const dots: Dot[] = marks.length ? marks.map((m) => ({ position: m.position, radius: markSize(m, k) / 2 + 5 * k })) : positions.map((position) => ({ position, radius: symbol / 2 + 5 * k }));
    const rings = (suffix: string, color: RGBA, width: number): LayerDescriptor => ({
      type: 'ScatterplotLayer',
      props: {
        id: `${id}-ring${suffix}`,
        data: dots,
        pickable: false,
        getPosition: (d: Dot) => d.position,
        getRadius: (d: Dot) => d.radius ?? 15,
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: color,
        getLineWidth: width,
        lineWidthUnits: 'pixels',
      },
    });
    return [rings('-casing', white, 6.5 * k), rings('', colour, 3.5 * k)];
  }
  const line = spec?.draw !== 'area';
  const width = (spec?.lineWidth(f.properties) ?? 2) * k;
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: `${id}-halo`,
        data: [f],
        pickable: false,
        filled: false,
        stroked: true,
        getLineColor: line ? [own[0], own[1], own[2], 90] : white,
        getLineWidth: line ? width + 10 * k : 7 * k,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        lineCapRounded: true,
      },
    },
    {
      type: 'GeoJsonLayer',
      props: {
        id: `${id}-edge`,
        data: [f],
        pickable: false,
        filled: false,
        stroked: true,
        getLineColor: colour,
        getLineWidth: line ? width + 1.5 * k : 3.5 * k,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        lineCapRounded: true,
      },
    },
  ];
}
