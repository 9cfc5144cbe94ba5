/**
 * State + data → deck.gl layer descriptors: plain objects naming a layer class
 * and its props. Pure (no WebGL, no DOM), so Node tests can check what would be
 * drawn; `deck-layers.ts` turns descriptors into deck.gl layer instances.
 */
import type { GeoJsonLayerProps, IconLayerProps, PathLayerProps, ScatterplotLayerProps } from '@deck.gl/layers';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Feature, Geometry } from 'geojson';
import type { BaseProps } from '../data/contract.ts';
import { type LayerId, LAYERS, SOLID, layerSpec, styleContextOf, symbolHalo } from './registry.ts';
import { drawnFeatures, type Dataset, type LevelOfDetail, type MapFeature, type PointDatum } from '../data/dataset.ts';
import type { AppState, Filters } from '../state/app-state.ts';
import { passesFilters } from '../state/filters.ts';
import { LAYER_COLOR, hexToRgba, type RGBA } from './palette.ts';
import { iconId } from './symbols.ts';

/** The props of each deck.gl layer class the map draws, typed by deck.gl (types only: this module stays pure). */
interface PropsOf {
  GeoJsonLayer: GeoJsonLayerProps<BaseProps> & PathStyleExtensionProps<MapFeature>;
  IconLayer: Omit<IconLayerProps<PointDatum>, 'iconAtlas' | 'iconMapping'>;
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
    /** Where in the base map it is drawn: under its labels (default), or under its country borders too. */
    slot?: 'under-borders';
    props: PropsOf[T] & { id: string; pickable: boolean };
  };
}[DeckLayerType];

/** A dot: a mission's host, a selection ring. */
export interface Dot {
  position: [number, number];
  feature?: MapFeature;
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
  return memo(d, `f:${layer}:${lod}:${filterKey(state.filters)}:${chosen?.join(',') ?? ''}`, () =>
    drawnFeatures(d, layer, lod).filter((f) => passesFilters(f.properties, state.filters) && (!chosen || chosen.includes(f.properties.id))),
  );
}

function visiblePoints(d: Dataset, layer: LayerId, state: Pick<AppState, 'filters'>): PointDatum[] {
  return memo(d, `p:${layer}:${filterKey(state.filters)}`, () => d.points[layer].filter((p) => passesFilters(p.feature.properties, state.filters)));
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
): LayerDescriptor[] {
  const out: LayerDescriptor[] = [];
  // Colours, outlines, widths and dashes all come from the registry (the legend is derived from the same functions).
  const ctx = styleContextOf(d);
  const mechanismOrder = ctx.mechanisms;
  const hoverHighlight: RGBA = [255, 212, 0, 110];
  for (const spec of LAYERS) {
    if (!state.layers.includes(spec.id)) continue;
    const common = { pickable: true, autoHighlight: true, highlightColor: hoverHighlight };
    switch (spec.draw) {
      case 'area': {
        const dash = spec.dash;
        const underBorders = spec.outline === 'borders' && basemap.borders;
        out.push({
          type: 'GeoJsonLayer',
          dashed: !!dash,
          ...(underBorders ? { slot: 'under-borders' as const } : {}),
          props: {
            id: spec.id,
            data: visibleFeatures(d, spec.id, state, lod),
            ...common,
            filled: true,
            stroked: !underBorders,
            getFillColor: (f: GeoFeature) => spec.color(f.properties, ctx),
            getLineColor: (f: GeoFeature) => spec.lineColor(f.properties, ctx),
            getLineWidth: (f: GeoFeature) => spec.lineWidth(f.properties),
            lineWidthUnits: 'pixels',
            ...(dash ? { getDashArray: (f: GeoFeature) => [...dash(f.properties)] as [number, number] } : {}),
            updateTriggers: { getFillColor: mechanismOrder.join(','), getLineColor: mechanismOrder.join(',') },
          },
        });
        break;
      }
      case 'route': {
        const paths = visiblePaths(d, spec.id, state);
        // A pale casing under each route keeps it readable over country fills.
        out.push({ type: 'PathLayer', props: { id: `${spec.id}-casing`, data: paths, pickable: false, getPath: (p: PathDatum) => p.path, getColor: [255, 255, 255, 200], getWidth: 9, widthUnits: 'pixels', capRounded: true, jointRounded: true } });
        out.push({
          type: 'PathLayer',
          dashed: true,
          props: {
            id: spec.id,
            data: paths,
            ...common,
            getPath: (p: PathDatum) => p.path,
            getColor: (p: PathDatum) => spec.color(p.feature.properties, ctx),
            getWidth: (p: PathDatum) => spec.lineWidth(p.feature.properties),
            widthUnits: 'pixels',
            capRounded: true,
            jointRounded: true,
            getDashArray: (p: PathDatum) => spec.dash?.(p.feature.properties) ?? SOLID,
            dashJustified: true,
          },
        });
        break;
      }
      case 'line': {
        out.push({
          type: 'PathLayer',
          dashed: true,
          props: {
            id: spec.id,
            data: visiblePaths(d, spec.id, state),
            ...common,
            getPath: (p: PathDatum) => p.path,
            getColor: (p: PathDatum) => spec.color(p.feature.properties, ctx),
            getWidth: (p: PathDatum) => spec.lineWidth(p.feature.properties),
            widthUnits: 'pixels',
            capRounded: true,
            jointRounded: true,
            getDashArray: (p: PathDatum) => spec.dash?.(p.feature.properties) ?? SOLID,
          },
        });
        break;
      }
      case 'arc': {
        // Missions are curved flows (shaped in the data build) ending in a dot at the host.
        const paths = visiblePaths(d, spec.id, state);
        out.push({
          type: 'PathLayer',
          props: {
            id: spec.id,
            data: paths,
            ...common,
            getPath: (p: PathDatum) => p.path,
            getColor: (p: PathDatum) => spec.color(p.feature.properties, ctx),
            getWidth: (p: PathDatum) => spec.lineWidth(p.feature.properties),
            widthUnits: 'pixels',
            capRounded: true,
            jointRounded: true,
          },
        });
        out.push({
          type: 'ScatterplotLayer',
          props: {
            id: `${spec.id}-hosts`,
            data: paths.map((p): Dot => ({ position: p.path[p.path.length - 1]!, feature: p.feature })),
            pickable: false,
            getPosition: (d: Dot) => d.position,
            getFillColor: (d: Dot) => spec.color(d.feature!.properties, ctx),
            getLineColor: [255, 255, 255, 230],
            stroked: true,
            getRadius: 4.5,
            radiusUnits: 'pixels',
            getLineWidth: 1.5,
            lineWidthUnits: 'pixels',
          },
        });
        break;
      }
      case 'point': {
        const symbol = spec.symbol ?? 'circle';
        const data = visiblePoints(d, spec.id, state);
        const size = spec.size;
        // A white halo under each symbol keeps it readable over fills and routes; light symbols get a dark edge instead.
        out.push({
          type: 'IconLayer',
          symbols: true,
          props: {
            id: `${spec.id}-halo`,
            data,
            pickable: false,
            getPosition: (p: PointDatum) => p.position,
            getIcon: (p: PointDatum) => iconId(symbol, symbolHalo(spec, p.feature.properties, ctx).hollow),
            getColor: (p: PointDatum) => symbolHalo(spec, p.feature.properties, ctx).color,
            getSize: size + 5,
            sizeUnits: 'pixels',
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
            getColor: (p: PointDatum) => spec.color(p.feature.properties, ctx),
            getSize: size,
            sizeUnits: 'pixels',
          },
        });
        break;
      }
    }
  }
  for (const id of new Set(highlight)) {
    const f = id !== state.selected ? d.byId.get(id) : undefined;
    if (f) out.push(...selectionLayers(f, `highlight-${id}`));
  }
  const selected = state.selected ? d.byId.get(state.selected) : undefined;
  if (selected) out.push(...selectionLayers(selected));
  return out;
}

/** A bold outline (areas, lines) or ring (points) around the selected (or a highlighted) feature. */
export function selectionLayers(f: MapFeature, id = 'selection'): LayerDescriptor[] {
  const g = f.geometry;
  if (g.type === 'Point' || g.type === 'MultiPoint') {
    const positions = g.type === 'Point' ? [g.coordinates] : g.coordinates;
    return [
      {
        type: 'ScatterplotLayer',
        props: {
          id,
          data: positions.map((position): Dot => ({ position: position as [number, number] })),
          pickable: false,
          getPosition: (d: Dot) => d.position,
          getRadius: 15,
          radiusUnits: 'pixels',
          stroked: true,
          filled: false,
          getLineColor: hexToRgba(LAYER_COLOR.highlight),
          getLineWidth: 3,
          lineWidthUnits: 'pixels',
        },
      },
    ];
  }
  return [
    {
      type: 'GeoJsonLayer',
      props: { id, data: [f], pickable: false, filled: false, stroked: true, getLineColor: hexToRgba(LAYER_COLOR.highlight), getLineWidth: 4, lineWidthUnits: 'pixels', lineJointRounded: true },
    },
  ];
}
