/**
 * The South China Sea inset (南海诸岛) of China's worldview: maps of China that
 * leave the South China Sea out show it in a box in a corner, with China's
 * dashed line and islands. An export carries it when its worldview draws that
 * line (the base map's `maritime` borders) and the map's extent does not show
 * the whole line (`showsBox` in compose.ts).
 *
 * Drawn on the 2D canvas from the base map's own overview files (already
 * fetched by the live map, so from the cache): land, borders, the dashed line,
 * the caption. No second WebGL render.
 */
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Dataset } from '../data/dataset.ts';
import { basemapFiles } from '../data/data-files.ts';
import { BASEMAP_PALETTES } from '../map/basemap-style.ts';
import type { Lang } from '../state/app-state.ts';
import type { Box } from './compose.ts';
import { exportFont } from './fonts.ts';
import { t } from '../i18n/i18n.ts';

export interface InsetData {
  /** [west, south, east, north]: what the inset shows (the line's extent and a margin). */
  region: [number, number, number, number];
  /** The extent of the dashed line itself: the main map shows "the South China Sea" when it shows all of this. */
  line: [number, number, number, number];
  land: Position[][][];
  borders: Position[][];
  maritime: Position[][];
}

type AnyFeature = Feature<Polygon | MultiPolygon | MultiLineString, { kind?: string }>;

async function features(url: string | undefined): Promise<AnyFeature[]> {
  if (!url) return [];
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return ((await r.json()) as { features: AnyFeature[] }).features;
}

function extent(lines: Position[][]): [number, number, number, number] {
  const xs = lines.flat().map((p) => p[0]!);
  const ys = lines.flat().map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const overlaps = (a: readonly number[], b: readonly number[]) => a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/** The inset's data in the data's worldview, or null when that worldview draws no South China Sea line. */
export async function southChinaSeaInset(data: Pick<Dataset, 'manifest' | 'worldview'>): Promise<InsetData | null> {
  const files = basemapFiles(data.manifest, data.worldview, new URL('data/', document.baseURI));
  const borders = await features(files('borders', 'overview'));
  const maritime = borders.filter((f) => f.properties.kind === 'maritime').flatMap((f) => (f.geometry as MultiLineString).coordinates);
  if (maritime.length === 0) return null;
  const line = extent(maritime);
  // A margin around the line: the coasts it runs along, and room for the caption below.
  const region: [number, number, number, number] = [line[0] - 2.5, line[1] - 2.5, line[2] + 1.5, line[3] + 1];
  const countries = await features(files('countries', 'overview'));
  const land = countries
    .flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : []))
    .filter((poly) => overlaps(extent(poly), region));
  const lines = borders
    .filter((f) => f.properties.kind !== 'maritime')
    .flatMap((f) => (f.geometry as MultiLineString).coordinates)
    .filter((l) => overlaps(extent([l]), region));
  return { region, line, land, borders: lines, maritime };
}

function mercatorY(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  return Math.log((1 + s) / (1 - s)) / 2;
}

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws the inset into `box` (output pixels), `u` the layout unit. */
export function drawInset(ctx: Ctx, box: Box, inset: InsetData, lang: Lang, u: number): void {
  const p = BASEMAP_PALETTES.light;
  const [w, s, e, n] = inset.region;
  const x0 = (w * Math.PI) / 180;
  const y0 = mercatorY(n);
  const k = Math.min(box.w / (((e - w) * Math.PI) / 180), box.h / (y0 - mercatorY(s)));
  // Centred in the box.
  const ox = box.x + (box.w - (((e - w) * Math.PI) / 180) * k) / 2;
  const oy = box.y + (box.h - (y0 - mercatorY(s)) * k) / 2;
  const px = (q: Position): [number, number] => [ox + ((q[0]! * Math.PI) / 180 - x0) * k, oy + (y0 - mercatorY(q[1]!)) * k];
  const path = (rings: Position[][], close: boolean) => {
    ctx.beginPath();
    for (const ring of rings) {
      ring.forEach((q, i) => (i === 0 ? ctx.moveTo(...px(q)) : ctx.lineTo(...px(q))));
      if (close) ctx.closePath();
    }
  };
  ctx.save();
  ctx.fillStyle = p.ocean;
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.lineJoin = 'round';
  for (const poly of inset.land) {
    path(poly, true);
    ctx.fillStyle = p.land;
    ctx.fill('evenodd');
    ctx.strokeStyle = p.coastline;
    ctx.lineWidth = 0.8 * u;
    ctx.stroke();
  }
  ctx.strokeStyle = p.border;
  ctx.lineWidth = 0.9 * u;
  path(inset.borders, false);
  ctx.stroke();
  ctx.lineWidth = 1.6 * u;
  ctx.lineCap = 'butt';
  path(inset.maritime, false);
  ctx.stroke();
  ctx.font = exportFont(13 * u, 400, lang);
  ctx.fillStyle = '#1d2330';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(t(lang, 'image.inset'), box.x + box.w - 6 * u, box.y + box.h - 5 * u);
  ctx.restore();
  ctx.save();
  ctx.strokeStyle = 'rgba(29,35,48,0.6)';
  ctx.lineWidth = 1.2 * u;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.restore();
}
