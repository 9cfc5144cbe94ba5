/**
 * What an export shows, and where: pure functions of the state, the data and
 * the output size (no DOM), so Node tests can check them.
 *
 * Everything is measured in a layout unit `u` proportional to the output's
 * shorter side (`u = 1` for a 1080-pixel side): text, symbols, margins and the
 * map's own pixel ratio all scale with it, so a 3840 × 2160 export is a
 * 1920 × 1080 one at twice the resolution, and an A4 page at 300 dpi has about
 * the proportions of a laptop screen (u ≈ 2.3: body text ≈ 8 pt).
 */
import type { Bilingual } from '../data/contract.ts';
import { LAYERS, layerSpec, type LegendItem } from '../layers/registry.ts';
import type { Dataset } from '../data/dataset.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { visibleFeatures } from '../layers/build-layers.ts';
import { BASEMAP_PALETTES, basemapAttribution } from '../map/basemap-style.ts';
import type { Worldview } from '../data/worldviews.ts';
import { field, format, formatNumber, pick, punctuation, t } from '../i18n/i18n.ts';
import { type Chapter, type Story, clampChapter } from '../story/story.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The layout unit of an output size (1 for a 1080-pixel shorter side). */
export function layoutUnit(width: number, height: number): number {
  return Math.min(width, height) / 1080;
}

export interface LayoutInput {
  width: number;
  height: number;
  /** The South China Sea inset (China's worldview, when the map leaves the sea out): bottom right, the scale bar beside it. */
  inset?: boolean;
  showTitle: boolean;
  showSubtitle: boolean;
  /** Legend rows: a heading per layer plus one per item . 0 hides the legend. */
  legendRows: number;
  /** Lines of the footer (attribution, sources, or 1 for the date alone), after wrapping to `footerWidth`; 0: no footer. */
  footerLines: number;
  /** A QR code of the view's link: its modules per side, and the lines of the printed link beside it (`wrapLink`). */
  qr?: { modules: number; linkLines: number } | null;
}

/** The QR code's panel: the code (whole output pixels per module, so it stays sharp) and the link printed to its left. */
export interface QrLayout {
  panel: Box;
  /** The code itself, without its quiet zone (which the panel's white around it provides). */
  code: Box;
  /** Output pixels per module. */
  module: number;
  /** Where the link's lines go (right-aligned to the code). */
  text: Box;
  font: number;
  line: number;
}

export interface ExportLayout {
  width: number;
  height: number;
  unit: number;
  margin: number;
  /** The map image. */
  map: Box;
  title: Box | null;
  titleFont: number;
  subtitle: Box | null;
  subtitleFont: number;
  /** The key beside the map (a landscape output: a column at the right) or below it (portrait and square: a band), never over it; in columns when long. */
  legend: Box | null;
  legendColumns: number;
  legendColumnWidth: number;
  legendRowsPerColumn: number;
  legendRow: number;
  legendFont: number;
  legendPad: number;
  scaleBar: Box;
  northArrow: Box;
  /** Null when asked for none, or when the map is too small to hold a scannable code. */
  qr: QrLayout | null;
  /** The South China Sea inset (南海诸岛), in the map's lower right corner; null for none. */
  inset: Box | null;
  footer: Box;
  footerFont: number;
  footerLine: number;
}

/** Layout sizes at `u = 1`, in pixels (the legend's row and column sizes are also what `draw.ts` wraps labels to). */
export const BASE = {
  margin: 28,
  titleFont: 40,
  subtitleFont: 22,
  legendFont: 15,
  legendRow: 23,
  legendColumn: 300,
  legendPad: 14,
  footerFont: 14,
  footerLine: 20,
  /** Output pixels per QR module at u = 1 (three: what phone cameras read off a projected slide or a print). */
  qrModule: 3,
  qrFont: 12,
  qrLine: 16,
  /** Width of the printed link beside the code. */
  qrText: 230,
};

/** The printed link takes at most this many lines (the code carries it whole). */
export const QR_LINK_LINES = 5;
/** The QR panel takes at most this share of the height beside the map; above, it is left out (a thumbnail has no room for it). */
const QR_MAX_SHARE = 0.45;
/** Outputs at least this much wider than tall put the key in a column beside the map; the others in a band below it. */
const LANDSCAPE = 1.2;
/** The key takes at most this share of the width (beside the map) or of the height (below it). */
const KEY_SHARE = 0.4;
/** The legend's sizes tried in turn until it fits beside or below the map. */
const LEGEND_SCALES = [1, 0.9, 0.8, 0.7, 0.6];
/** The South China Sea inset's size at `u = 1`: the sea is taller than wide. */
export const INSET = { w: 190, h: 250 };

/** Width available to footer text, for wrapping before `layoutExport`. */
export function footerWidth(width: number, height: number): number {
  const u = layoutUnit(width, height);
  return width - 2 * BASE.margin * u - 260 * u;
}

/** The boxes of an export, proportional to the output size. */
export function layoutExport(input: LayoutInput): ExportLayout {
  const { width, height } = input;
  const u = layoutUnit(width, height);
  const margin = BASE.margin * u;
  const titleFont = BASE.titleFont * u;
  const subtitleFont = BASE.subtitleFont * u;
  let y = margin * (input.showTitle || input.showSubtitle ? 1 : 0);
  const title = input.showTitle ? { x: margin, y, w: width - 2 * margin, h: titleFont * 1.25 } : null;
  if (title) y += title.h + 4 * u;
  const subtitle = input.showSubtitle ? { x: margin, y, w: width - 2 * margin, h: subtitleFont * 1.3 } : null;
  if (subtitle) y += subtitle.h;
  if (title || subtitle) y += margin * 0.6;
  const footerFont = BASE.footerFont * u;
  const footerLine = BASE.footerLine * u;
  const footerH = input.footerLines > 0 ? input.footerLines * footerLine + 1.4 * margin * 0.7 : 0;
  const footer = { x: margin, y: height - footerH + margin * 0.35, w: width - 2 * margin, h: Math.max(0, footerH - margin * 0.7) };
  // The area between the header and the footer: the map, and the key (legend and QR code) beside or below it.
  const area = { x: 0, y, w: width, h: height - footerH - y };
  const legendRow = BASE.legendRow * u;
  const legendPad = BASE.legendPad * u;
  const legendColumnWidth = BASE.legendColumn * u;
  const q = input.qr ? qrSize(input.qr, u) : null;
  const place = width >= height * LANDSCAPE ? keyBeside : keyBelow;
  const sized = (s: number): KeySizes => ({ margin, legendRow: legendRow * s, legendPad: legendPad * s, legendColumnWidth: legendColumnWidth * s, scale: s });
  // A long legend is set smaller (down to 60 %) before the QR code gives up its room; with neither, it runs on.
  const tries = [q, null].flatMap((code) => LEGEND_SCALES.map((s) => () => place(area, input.legendRows, code, sized(s), true)));
  const key =
    input.legendRows > 0 || q ? (tries.reduce<KeyPlacement | null>((found, next) => found ?? next(), null) ?? place(area, input.legendRows, null, sized(LEGEND_SCALES.at(-1)!), false)!) : null;
  const map = key?.map ?? area;
  const legend = key?.legend ?? null;
  const legendColumns = key?.columns ?? 0;
  const legendRowsPerColumn = key?.rowsPerColumn ?? 0;
  const qrBox = key?.qr ?? null;
  const legendScale = key?.scale ?? 1;
  const inset = input.inset ? { x: map.x + map.w - margin - INSET.w * u, y: map.y + map.h - margin - INSET.h * u, w: INSET.w * u, h: INSET.h * u } : null;
  const qr = q && qrBox ? qrLayout(q, qrBox, u) : null;
  // Bottom right of the map: the inset in the corner, the scale bar beside it.
  const right = inset ? inset.x - margin * 0.5 : map.x + map.w - margin;
  const scaleBar = { x: right - 220 * u, y: map.y + map.h - margin - 40 * u, w: 220 * u, h: 40 * u };
  const northArrow = { x: map.x + map.w - margin - 44 * u, y: map.y + margin, w: 44 * u, h: 64 * u };
  return {
    width,
    height,
    unit: u,
    margin,
    map,
    title,
    titleFont,
    subtitle,
    subtitleFont,
    legend,
    legendColumns,
    legendColumnWidth: legendColumnWidth * legendScale,
    legendRowsPerColumn,
    legendRow: legendRow * legendScale,
    legendFont: BASE.legendFont * u * legendScale,
    legendPad: legendPad * legendScale,
    scaleBar,
    northArrow,
    qr,
    inset,
    footer,
    footerFont,
    footerLine,
  };
}

interface KeySizes {
  margin: number;
  legendRow: number;
  legendPad: number;
  legendColumnWidth: number;
  /** The legend's sizes relative to the layout unit's (its text, rows and columns alike, so its lines wrap the same). */
  scale: number;
}

/** Where the key puts the map, the legend (in columns) and the QR code; null when the code does not fit beside a whole legend. */
interface KeyPlacement {
  map: Box;
  legend: Box | null;
  columns: number;
  rowsPerColumn: number;
  qr: Box | null;
  scale: number;
}

/** A landscape output's key: a column at the right of the map, the legend from the top, the QR code at the bottom. */
function keyBeside(area: Box, rows: number, q: QrSize | null, k: KeySizes, strict: boolean): KeyPlacement | null {
  if (q && (q.w > area.w * KEY_SHARE || q.h > area.h * QR_MAX_SHARE)) return null;
  const qrH = q ? q.h + k.margin * 0.5 : 0;
  const maxRows = Math.max(1, Math.floor((area.h - k.margin - 2 * k.legendPad - qrH) / k.legendRow));
  const columns = rows > 0 ? Math.min(Math.ceil(rows / maxRows), Math.max(1, Math.floor((area.w * KEY_SHARE) / k.legendColumnWidth))) : 0;
  const rowsPerColumn = columns ? Math.ceil(rows / columns) : 0;
  if (strict && rowsPerColumn > maxRows) return null;
  const legendW = columns ? columns * k.legendColumnWidth + 2 * k.legendPad : 0;
  const colW = Math.max(legendW, q?.w ?? 0);
  const colX = area.x + area.w - k.margin - colW;
  return {
    map: { x: area.x, y: area.y, w: colX - k.margin * 0.5 - area.x, h: area.h },
    legend: columns ? { x: colX, y: area.y + k.margin * 0.5, w: legendW, h: rowsPerColumn * k.legendRow + 2 * k.legendPad } : null,
    columns,
    rowsPerColumn,
    qr: q ? { x: colX + colW - q.w, y: area.y + area.h - k.margin * 0.5 - q.h, w: q.w, h: q.h } : null,
    scale: k.scale,
  };
}

/** A portrait or square output's key: a band below the map, the legend in as many columns as fit, the QR code at its right end. */
function keyBelow(area: Box, rows: number, q: QrSize | null, k: KeySizes, strict: boolean): KeyPlacement | null {
  if (q && (q.w > area.w * 0.6 || q.h > area.h * QR_MAX_SHARE)) return null;
  const qrW = q ? q.w + k.margin : 0;
  const room = Math.max(1, Math.floor((area.w - 2 * k.margin - qrW - 2 * k.legendPad) / k.legendColumnWidth));
  // Two rows a column at least: a short legend stays a compact block.
  const columns = rows > 0 ? Math.min(room, Math.ceil(rows / 2)) : 0;
  const rowsPerColumn = columns ? Math.ceil(rows / columns) : 0;
  const legendH = columns ? rowsPerColumn * k.legendRow + 2 * k.legendPad : 0;
  if (strict && Math.max(legendH, q?.h ?? 0) > area.h * KEY_SHARE) return null;
  const bandH = Math.max(legendH, q?.h ?? 0);
  // The map keeps at least half the area, the legend running on below if it must.
  const map = { x: area.x, y: area.y, w: area.w, h: Math.max(area.h * 0.5, area.h - bandH - k.margin * 0.5) };
  const bandY = map.y + map.h + k.margin * 0.5;
  return {
    map,
    legend: columns ? { x: area.x + k.margin, y: bandY, w: columns * k.legendColumnWidth + 2 * k.legendPad, h: legendH } : null,
    columns,
    rowsPerColumn,
    qr: q ? { x: area.x + area.w - k.margin - q.w, y: bandY, w: q.w, h: q.h } : null,
    scale: k.scale,
  };
}

interface QrSize {
  w: number;
  h: number;
  module: number;
  size: number;
  pad: number;
  textW: number;
}

/** The QR panel's size: the code (whole pixels per module), its quiet zone, and the link printed beside it. */
function qrSize(q: { modules: number; linkLines: number }, u: number): QrSize {
  const module = Math.max(2, Math.round(BASE.qrModule * u));
  const size = q.modules * module;
  // The quiet zone: two modules of white on every side (readers find the code by it).
  const pad = 2 * module;
  const textW = q.linkLines > 0 ? Math.round(BASE.qrText * u) : 0;
  const gap = textW ? Math.round(10 * u) : 0;
  return { w: size + 2 * pad + textW + gap, h: size + 2 * pad, module, size, pad, textW };
}

/** The QR panel at `at` (its top left corner; whole pixels). */
function qrLayout(q: QrSize, at: Box, u: number): QrLayout {
  const x = Math.round(at.x);
  const y = Math.round(at.y);
  return {
    panel: { x, y, w: q.w, h: q.h },
    code: { x: x + q.w - q.pad - q.size, y: y + q.pad, w: q.size, h: q.size },
    module: q.module,
    text: { x: x + q.pad, y: y + q.pad, w: q.textW, h: q.size },
    font: BASE.qrFont * u,
    line: BASE.qrLine * u,
  };
}

/**
 * The source documents cited by the features on the map (visible layers under
 * the filters, and the selected feature), in the manifest's order.
 */
export function citedDocuments(state: AppState, data: Dataset, lang: Lang): { file: string; title: string; date: string }[] {
  const files = new Set<string>();
  for (const id of state.layers) for (const f of visibleFeatures(data, id, state)) for (const s of f.properties.sources) files.add(s.doc);
  const sel = state.selected ? data.byId.get(state.selected) : undefined;
  if (sel) for (const s of sel.properties.sources) files.add(s.doc);
  return data.manifest.documents.filter((d) => files.has(d.file)).map((d) => ({ file: d.file, title: field(lang, d, 'title'), date: d.date }));
}

/** The story chapter the state shows, if any: `story` is the story the app has loaded for `state.story`. */
export function currentChapter(state: Pick<AppState, 'story'>, story: Story | null | undefined): { story: Story; chapter: Chapter; index: number } | undefined {
  if (!state.story || !story || story.chapters.length === 0 || state.story.chapter >= story.chapters.length) return undefined;
  const index = clampChapter(story, state.story.chapter);
  return { story, chapter: story.chapters[index]!, index };
}

/** Features ringed on the map: a story chapter's highlights, as the live map draws them. */
export function highlightIds(state: Pick<AppState, 'story'>, story: Story | null | undefined): readonly string[] {
  return currentChapter(state, story)?.chapter.highlight ?? [];
}

/**
 * Default title and subtitle: in a story, the chapter and the story; else the
 * selected feature and its layer; else the map's name and the visible layers.
 */
export function defaultTitles(state: AppState, data: Dataset | null, lang: Lang, story?: Story | null): { title: string; subtitle: string } {
  const ch = currentChapter(state, story);
  if (ch) return { title: pick(lang, ch.chapter.title), subtitle: `${pick(lang, ch.story.title)} · ${ch.index + 1}/${ch.story.chapters.length}` };
  const sel = state.selected && data ? data.byId.get(state.selected) : undefined;
  if (sel) return { title: field(lang, sel.properties, 'name'), subtitle: `${pick(lang, layerSpec(sel.properties.layer).title)} · ${t(lang, 'app.title')}` };
  const names = LAYERS.filter((l) => state.layers.includes(l.id)).map((l) => pick(lang, l.title));
  return { title: t(lang, 'app.title'), subtitle: names.join(punctuation(lang).titles) || t(lang, 'app.subtitle') };
}

/** Equatorial circumference of the Web Mercator sphere (EPSG:3857), metres. */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

/**
 * Ground metres per output pixel at `lat` for a MapLibre map at `zoom` (512-pixel
 * tiles) drawn at `pixelRatio` device pixels per CSS pixel.
 */
export function metresPerPixel(lat: number, zoom: number, pixelRatio: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom) / pixelRatio;
}

/** Latitude as people write it: `35° N` / `北纬35°`. */
export function formatLatitude(lat: number, lang: Lang): string {
  const v = Math.round(Math.abs(lat));
  if (v === 0) return t(lang, 'image.equator');
  return t(lang, lat > 0 ? 'image.north' : 'image.south', { degrees: v });
}

/**
 * The longest round distance (1, 2 or 5 × 10ⁿ metres) that fits in `maxPx`,
 * and its length in pixels; with `atLat`, the label says where it holds.
 */
export function scaleBar(mPerPx: number, maxPx: number, lang: Lang, atLat?: number): { metres: number; px: number; label: string } {
  const maxM = mPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const metres = [5, 2, 1].map((k) => k * pow).find((m) => m <= maxM) ?? pow;
  const km = metres >= 1000;
  const value = km ? metres / 1000 : metres;
  const scale = `${formatNumber(lang, value)} ${t(lang, km ? 'image.km' : 'image.m')}`;
  const label = atLat === undefined ? scale : format(lang, 'scaleAt', { scale, latitude: formatLatitude(atLat, lang) });
  return { metres, px: metres / mPerPx, label };
}

/** Web Mercator's latitude limit: latitudes beyond are clamped. */
const MAX_LAT = 85.051129;

/**
 * How much the map's scale varies across an image (Web Mercator: ground metres
 * per pixel ∝ cos latitude), from the latitudes its corners show: max / min − 1.
 * 0 for a thin band of latitude; 1 when one part is at twice the scale of another.
 */
export function scaleVariation(latitudes: readonly number[]): number {
  const lats = latitudes.map((l) => Math.max(-MAX_LAT, Math.min(MAX_LAT, l)));
  const lo = Math.min(...lats);
  const hi = Math.max(...lats);
  const rad = (d: number) => (d * Math.PI) / 180;
  const far = Math.max(Math.abs(lo), Math.abs(hi));
  const near = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
  return Math.cos(rad(near)) / Math.cos(rad(far)) - 1;
}

/**
 * When a scale bar means something. Above `label` variation the bar is still
 * true where it is drawn, so it says at which latitude; above `hide` (one part
 * of the image at twice the scale of another: world and continent views) one
 * bar would mislead about most of the image, and with any pitch the scale
 * changes with depth: no bar then.
 */
export const SCALE_BAR_LIMITS = { label: 0.1, hide: 1, pitch: 1 } as const;

export type ScaleBarMode = 'plain' | 'latitude' | 'hidden';

export function scaleBarMode(pitch: number, variation: number): ScaleBarMode {
  if (pitch > SCALE_BAR_LIMITS.pitch || !(variation <= SCALE_BAR_LIMITS.hide)) return 'hidden';
  return variation > SCALE_BAR_LIMITS.label ? 'latitude' : 'plain';
}

/** The boundary disclaimer of a worldview and the data source, as one line (an export's footer, the handout's). */
export function attributionText(lang: Lang, worldview: Worldview): string {
  return `${basemapAttribution(lang, worldview)}${punctuation(lang).sentenceEnd}${t(lang, 'image.credit')}`;
}

/** Footer text: the boundary disclaimer of the data's worldview and the data source, the cited documents, the date. */
export function footerTexts(state: AppState, data: Dataset, lang: Lang, date: Date): { attribution: string; sources: string; date: string } {
  const docs = citedDocuments(state, data, lang);
  const sources = docs.length ? t(lang, 'image.sources', { list: docs.map((d) => `${d.title} (${d.date})`).join(punctuation(lang).semicolon) }) : '';
  return { attribution: attributionText(lang, data.worldview), sources, date: t(lang, 'image.made', { date: date.toISOString().slice(0, 10) }) };
}

// ---------------------------------------------------------------------------
// Boundaries

/**
 * The base map's boundary symbols in an export's legend, named as the worldview names them.
 * (Straight apostrophes: the export font draws ’ as a full-width CJK mark.)
 */
export function boundaryLegend(worldview: Worldview): { title: Bilingual; items: LegendItem[] } {
  const p = BASEMAP_PALETTES.light;
  const line = (key: string, label: Bilingual, dash?: readonly [number, number]): LegendItem => ({
    key,
    label,
    color: p.border,
    swatch: { kind: 'line', width: 2, ...(dash ? { dashed: true, dash } : {}) },
  });
  const items: LegendItem[] =
    worldview === 'cn'
      ? [
          line('country', { en: 'International boundary', zh: '国界' }),
          line('control', { en: 'Undetermined boundary, line of control', zh: '未定国界、实际控制线' }, [3, 2]),
          line('claim', { en: 'Claim line', zh: '主张线' }, [1, 1.6]),
          line('maritime', { en: "China's dashed line in the South China Sea", zh: '南海断续线' }),
        ]
      : [
          line('country', { en: 'International boundary', zh: '国界' }),
          line('control', { en: 'Line of control, approximate boundary', zh: '控制线、大致边界' }, [3, 2]),
          line('claim', { en: 'Claim line', zh: '主张线' }, [1, 1.6]),
        ];
  items.push({
    key: 'disputed',
    label: { en: "Disputed area (in no country's colour)", zh: '争议地区（不计入任何国家）' },
    color: p.land,
    swatch: { kind: 'fill', hatch: true, outline: p.border, width: 1 },
  });
  return { title: { en: 'Boundaries', zh: '边界' }, items };
}

/** Web Mercator x and y of a longitude and latitude, in world widths (0–1). */
function mercator(lon: number, lat: number): [number, number] {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/**
 * Whether a map of `cssW × cssH` CSS pixels at this camera shows all of `box`
 * ([west, south, east, north]): its corners fall inside, once the map's rotation
 * is undone. Tilt is ignored (a tilted map shows more, never less, towards its
 * top), so the answer errs towards "no".
 */
export function showsBox(camera: { center: [number, number]; zoom: number; bearing: number }, cssW: number, cssH: number, box: readonly [number, number, number, number]): boolean {
  const world = 512 * 2 ** camera.zoom;
  const [cx, cy] = mercator(camera.center[0], camera.center[1]);
  const a = (-camera.bearing * Math.PI) / 180;
  const corners: [number, number][] = [
    [box[0], box[1]],
    [box[0], box[3]],
    [box[2], box[1]],
    [box[2], box[3]],
  ];
  return corners.every(([lon, lat]) => {
    const [x, y] = mercator(lon, lat);
    let dx = (x - cx) * world;
    const wrap = world;
    while (dx > wrap / 2) dx -= wrap;
    while (dx < -wrap / 2) dx += wrap;
    const dy = (y - cy) * world;
    const rx = dx * Math.cos(a) - dy * Math.sin(a);
    const ry = dx * Math.sin(a) + dy * Math.cos(a);
    return Math.abs(rx) <= cssW / 2 && Math.abs(ry) <= cssH / 2;
  });
}
