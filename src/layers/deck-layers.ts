/**
 * The edge where descriptors become deck.gl layers. Only the layer classes the
 * map uses are imported (scoped packages, tree-shaken), and the dash extension
 * is created once.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { FillStyleExtension, PathStyleExtension } from '@deck.gl/extensions';
import type { DeckLayerType, LayerDescriptor } from './build-layers.ts';
import { BADGE_ATLAS_SIZE, BADGE_MAPPING, ICON_MAPPING, ICON_SIZE, SYMBOLS, SYMBOL_PATHS, badgeText } from './symbols.ts';
import { LAYER_COLOR } from './palette.ts';

const CLASSES = { GeoJsonLayer, IconLayer, BadgeLayer: IconLayer, PathLayer, ScatterplotLayer } satisfies Record<DeckLayerType, unknown>;

const dash = new PathStyleExtension({ dash: true });
/** Hatched areas (`role: 'hatch'`): lines drawn in the fragment shader, no pattern image. */
const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true });
/**
 * Layers that draw paths (a GeoJsonLayer's outlines too) all carry the dash
 * extension, solid ones with its default dash array [0, 0] (no gaps): deck.gl
 * compiles a shader program per layer class and extension set, so solid and
 * dashed paths then share one program instead of needing two (each costs a
 * compile before the first frame, about 0.1–0.2 s in software WebGL).
 */
const PATH_TYPES: ReadonlySet<DeckLayerType> = new Set(['PathLayer', 'GeoJsonLayer']);
/**
 * The same for fills: every GeoJsonLayer carries the hatch extension, the
 * unhatched ones with its pattern switched off, so that plain and hatched
 * areas share one polygon program (software WebGL spends about half a second
 * on each program's first draw).
 */
const FILL_TYPES: ReadonlySet<DeckLayerType> = new Set(['GeoJsonLayer']);

/** The extensions a layer carries: the same list for every layer of a class, so they share one program. */
function extensionsOf(d: LayerDescriptor): Record<string, unknown> {
  const extensions = [...(d.dashed || PATH_TYPES.has(d.type) ? [dash] : []), ...(d.hatched || FILL_TYPES.has(d.type) ? [hatch] : [])];
  if (!extensions.length) return {};
  return { extensions, ...(FILL_TYPES.has(d.type) && !d.hatched ? { fillPatternEnabled: false } : {}) };
}

let atlas: HTMLCanvasElement | undefined;
/** The symbol atlas, drawn once with Path2D (white shapes: icons are masks). */
function iconAtlas(): HTMLCanvasElement {
  if (atlas) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = SYMBOLS.length * 2 * ICON_SIZE;
  canvas.height = ICON_SIZE;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 9;
  ctx.lineJoin = 'round';
  SYMBOLS.forEach((kind) => {
    for (const hollow of [false, true]) {
      const { x } = ICON_MAPPING[`${kind}-${hollow ? 'h' : 'f'}`]!;
      ctx.save();
      // The paths are drawn in a 64×64 box; scale slightly so strokes stay inside the cell.
      ctx.translate(x + 2, 2);
      ctx.scale(60 / 64, 60 / 64);
      const path = new Path2D(SYMBOL_PATHS[kind]);
      if (hollow) ctx.stroke(path);
      else ctx.fill(path);
      ctx.restore();
    }
  });
  return (atlas = canvas);
}

let badges: HTMLCanvasElement | undefined;
/** The badges of several features at one place: a dark disc, a white ring and the number (drawn once). */
function badgeAtlas(): HTMLCanvasElement {
  if (badges) return badges;
  const canvas = document.createElement('canvas');
  canvas.width = BADGE_ATLAS_SIZE.width;
  canvas.height = BADGE_ATLAS_SIZE.height;
  const ctx = canvas.getContext('2d')!;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const [id, cell] of Object.entries(BADGE_MAPPING)) {
    const text = badgeText(id.endsWith('+') ? Infinity : Number(id.slice(6)));
    const cx = cell.x + ICON_SIZE / 2;
    const cy = cell.y + ICON_SIZE / 2;
    ctx.beginPath();
    ctx.arc(cx, cy, ICON_SIZE / 2 - 2, 0, Math.PI * 2);
    ctx.fillStyle = '#fff';
    ctx.fill();
    ctx.beginPath();
    ctx.arc(cx, cy, ICON_SIZE / 2 - 7, 0, Math.PI * 2);
    ctx.fillStyle = LAYER_COLOR.cluster;
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `bold ${text.length > 2 ? 22 : 30}px "Noto Sans", "DejaVu Sans", Arial, sans-serif`;
    ctx.fillText(text, cx, cy + 1.5);
  }
  return (badges = canvas);
}

/** The base map's layers that thematic layers are drawn under (interleaved mode). */
export interface BeforeIds {
  /** The first label layer: every thematic layer goes under the labels. */
  labels?: string;
  /** The first border layer: fills outlined by the borders (`slot: 'under-borders'`) go under it. */
  borders?: string;
}

/** Descriptors → deck.gl layers, each placed in the base map by `beforeId` (see `BeforeIds`). */
export function toDeckLayers(descriptors: readonly LayerDescriptor[], before: BeforeIds = {}): Layer[] {
  return descriptors.map((d) => {
    const Cls = CLASSES[d.type] as unknown as new (props: Record<string, unknown>) => Layer;
    const beforeId = d.slot === 'under-borders' ? (before.borders ?? before.labels) : before.labels;
    return new Cls({
      ...d.props,
      ...(beforeId ? { beforeId } : {}),
      ...extensionsOf(d),
      ...(d.symbols ? { iconAtlas: iconAtlas(), iconMapping: ICON_MAPPING } : {}),
      ...(d.badges ? { iconAtlas: badgeAtlas(), iconMapping: BADGE_MAPPING } : {}),
    });
  });
}
