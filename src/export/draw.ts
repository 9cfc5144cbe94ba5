/**
 * Draws an export onto a 2D canvas: the map image, then title, subtitle,
 * legend (the registry's items and symbols, labels wrapped rather than cut),
 * scale bar (where it means something), north arrow (turned with the map) and
 * footer, at the boxes `layoutExport` computed. Text uses the self-hosted export font,
 * which must be loaded first (`loadExportFonts`).
 */
import type { Lang } from '../state/app-state.ts';
import { pick, punctuation } from '../i18n/i18n.ts';
import type { LegendItem } from '../layers/registry.ts';
import { SYMBOL_PATHS } from '../layers/symbols.ts';
import { BASE, footerWidth, layoutExport, layoutUnit, QR_LINK_LINES, scaleBar, type ExportLayout, type ScaleBarMode } from './compose.ts';
import type { LegendSection } from '../layers/legend-sections.ts';
import { exportFont } from './fonts.ts';
import { drawInset, type InsetData } from './inset.ts';

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface ExportContent {
  lang: Lang;
  title: string | null;
  subtitle: string | null;
  legend: LegendSection[];
  /** Footer texts; '' leaves each out. */
  attribution: string;
  sources: string;
  date: string;
  scaleBar: boolean;
  northArrow: boolean;
  /** The QR code of the view's link (modules, true = dark) and the link as printed beside it; null for none. */
  qr: { modules: boolean[][]; link: string } | null;
  /** The South China Sea inset, when the worldview draws one and the map leaves the sea out. */
  inset?: InsetData | null;
}

export const INK = '#1d2330';
const MUTED = '#4a4f5c';
const PAPER = '#ffffff';

/** Splits `text` into lines no wider than `maxWidth` (words in English, characters in Chinese). */
export function wrapText(ctx: Ctx, text: string, maxWidth: number): string[] {
  if (!text) return [];
  // Closing punctuation stays with what precedes it, so no line starts with it.
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF][，。；：、）》」』”！？]*|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+[，。；：、）》」』”！？]*\s*|\s+/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (line && ctx.measureText(next.trimEnd()).width > maxWidth) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Footer lines after wrapping (attribution, then sources), at the output's footer font. */
export function footerLines(ctx: Ctx, width: number, height: number, content: ExportContent): string[] {
  const u = layoutUnit(width, height);
  ctx.font = exportFont(BASE.footerFont * u, 400, content.lang);
  const w = footerWidth(width, height);
  return [...wrapText(ctx, content.attribution, w), ...wrapText(ctx, content.sources, w)];
}

/** One row of the legend: a layer's heading, an item (with its swatch), or the next line of either. */
export interface LegendRow {
  text: string;
  heading: boolean;
  /** The item whose swatch this row draws; absent on headings and continuation lines. */
  item?: LegendItem;
}

/** Lines an item label or heading may take; a longer one ends in an ellipsis. */
const LEGEND_LINES = 2;

/** The legend's rows, labels wrapped to the column (not cut short) at the output's legend font. */
export function legendRows(ctx: Ctx, width: number, height: number, sections: readonly LegendSection[], lang: Lang): LegendRow[] {
  const u = layoutUnit(width, height);
  const colW = BASE.legendColumn * u;
  const swatch = BASE.legendRow * u * 0.68;
  const rows: LegendRow[] = [];
  const add = (text: string, maxW: number, heading: boolean, item?: LegendItem) => {
    ctx.font = exportFont(BASE.legendFont * u, heading ? 700 : 400, lang);
    let lines = wrapText(ctx, text, maxW);
    if (lines.length > LEGEND_LINES) lines = [...lines.slice(0, LEGEND_LINES - 1), fitText(ctx, lines.slice(LEGEND_LINES - 1).join(punctuation(lang).space), maxW)];
    lines.forEach((line, i) => rows.push({ text: fitText(ctx, line, maxW), heading, ...(i === 0 && item ? { item } : {}) }));
  };
  for (const s of sections) {
    add(pick(lang, s.title), colW - 8 * u, true);
    for (const item of s.items) add(pick(lang, item.label), colW - swatch - 22 * u, false, item);
  }
  return rows;
}

/**
 * A link in lines no wider than `maxWidth`, broken after `/`, `&`, `#` or `?`
 * where it can be (anywhere else where it must), at most `maxLines` (the last
 * ending in an ellipsis when it had to be cut: the QR code carries it whole).
 */
export function wrapLink(ctx: Ctx, link: string, maxWidth: number, maxLines: number): string[] {
  const parts = link.match(/[^/&#?]*[/&#?]?/g)?.filter(Boolean) ?? [link];
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line && ctx.measureText(line + piece).width > maxWidth) {
      lines.push(line);
      line = '';
    }
    // A piece wider than a line on its own is cut by character.
    for (const ch of piece) {
      if (line && ctx.measureText(line + ch).width > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  };
  for (const p of parts) push(p);
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), fitText(ctx, lines.slice(maxLines - 1).join(''), maxWidth)];
}

/** The printed link's lines at this output size (the QR layout makes room for them). */
export function qrLinkLines(ctx: Ctx, width: number, height: number, link: string): string[] {
  const u = layoutUnit(width, height);
  ctx.font = exportFont(BASE.qrFont * u, 400, 'en');
  return wrapLink(ctx, link, BASE.qrText * u, QR_LINK_LINES);
}

/** The layout for this content at this size (wraps the footer, the legend and the link to count their lines). */
export function layoutFor(ctx: Ctx, width: number, height: number, content: ExportContent): { layout: ExportLayout; footer: string[]; legend: LegendRow[]; link: string[] } {
  const footer = footerLines(ctx, width, height, content);
  const rows = legendRows(ctx, width, height, content.legend, content.lang);
  const link = content.qr ? qrLinkLines(ctx, width, height, content.qr.link) : [];
  const lay = (legendRows: number) =>
    layoutExport({
      width,
      height,
      showTitle: !!content.title,
      showSubtitle: !!content.subtitle,
      inset: !!content.inset,
      legendRows,
      footerLines: footer.length || (content.date ? 1 : 0),
      qr: content.qr ? { modules: content.qr.modules.length, linkLines: link.length } : null,
    });
  // A heading never ends a column away from its items: a blank row moves it on. When that overflows the
  // columns, they are laid out again for one row more each (which may move the heading back beside its items).
  let layout = lay(rows.length);
  let legend = headingsWithItems(rows, layout.legendRowsPerColumn);
  for (let i = 0; i < 3 && legend.length > layout.legendColumns * layout.legendRowsPerColumn; i++) {
    layout = lay(legend.length);
    legend = headingsWithItems(rows, layout.legendRowsPerColumn);
  }
  return { layout, footer, legend, link };
}

/** The rows with a blank inserted before each heading that would be the last row of a column of `perColumn`. */
export function headingsWithItems(rows: readonly LegendRow[], perColumn: number): LegendRow[] {
  const out: LegendRow[] = [];
  for (const r of rows) {
    if (r.heading && perColumn > 1 && out.length % perColumn === perColumn - 1) out.push({ text: '', heading: false });
    out.push(r);
  }
  return out;
}

/** The QR code (sharp: whole pixels per module) on its white panel, the link beside it. */
export function drawQr(ctx: Ctx, l: ExportLayout, modules: readonly (readonly boolean[])[], link: readonly string[], lang: Lang) {
  const q = l.qr;
  if (!q) return;
  ctx.save();
  ctx.fillStyle = PAPER;
  ctx.strokeStyle = 'rgba(29,35,48,0.25)';
  ctx.lineWidth = l.unit;
  ctx.beginPath();
  ctx.roundRect(q.panel.x, q.panel.y, q.panel.w, q.panel.h, 4 * l.unit);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#000';
  modules.forEach((row, y) => row.forEach((dark, x) => dark && ctx.fillRect(q.code.x + x * q.module, q.code.y + y * q.module, q.module, q.module)));
  if (link.length) {
    ctx.font = exportFont(q.font, 400, lang);
    ctx.fillStyle = INK;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'top';
    // Lines set against the code's left edge, from its top.
    link.forEach((line, i) => ctx.fillText(line, q.text.x + q.text.w, q.text.y + i * q.line));
  }
  ctx.restore();
}

function fitText(ctx: Ctx, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > maxWidth) s = s.slice(0, -1);
  return `${s}…`;
}

/** deck.gl dashes are in line widths; canvas dashes in pixels. */
const dashPx = (dash: readonly [number, number] | undefined, fallback: readonly [number, number], width: number): number[] => {
  const d = dash && dash[0] > 0 && dash[1] > 0 ? dash : fallback;
  return [d[0] * width, d[1] * width];
};

/** A legend swatch as the map draws the item (the registry derives colour, outline, dash, opacity from the layer's style). */
function swatch(ctx: Ctx, item: LegendItem, x: number, y: number, size: number, u: number) {
  ctx.save();
  const s = item.swatch;
  if (s.kind === 'symbol') {
    ctx.translate(x, y);
    ctx.scale(size / 64, size / 64);
    const path = new Path2D(SYMBOL_PATHS[s.symbol]);
    // The halo the map draws under each symbol: white, or a dark edge for colours too light for the land.
    ctx.lineJoin = 'round';
    ctx.strokeStyle = s.outline ?? 'rgba(255,255,255,0.92)';
    ctx.lineWidth = s.hollow && s.outline ? 15 : 10;
    ctx.stroke(path);
    if (s.hollow) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 9;
      ctx.stroke(path);
    } else {
      ctx.fillStyle = item.color;
      ctx.fill(path);
    }
  } else if (s.kind === 'line') {
    const w = Math.min(4.5, Math.max(2, s.width ?? 2)) * u;
    ctx.strokeStyle = item.color;
    ctx.lineWidth = w;
    ctx.lineCap = s.dashed ? 'butt' : 'round';
    if (s.dashed) ctx.setLineDash(dashPx(s.dash, [3, 1.6], w));
    ctx.beginPath();
    ctx.moveTo(x, y + size / 2);
    ctx.lineTo(x + size, y + size / 2);
    ctx.stroke();
  } else if (s.kind === 'cluster') {
    // The map's badge: a dark disc in a white ring, with a number.
    const r = size / 2;
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(x + r, y + r, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = item.color;
    ctx.beginPath();
    ctx.arc(x + r, y + r, r * 0.8, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = exportFont(size * 0.55, 700, 'en');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('3', x + r, y + r + size * 0.04);
  } else if (s.kind === 'ring') {
    const r = size / 2;
    ctx.lineWidth = 3.5 * u;
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    ctx.arc(x + r, y + r, r * 0.75, 0, Math.PI * 2);
    ctx.stroke();
    ctx.lineWidth = 2 * u;
    ctx.strokeStyle = item.color;
    ctx.stroke();
  } else if (s.hatch) {
    // A hatch: diagonals in the outline's colour over the fill (the base map's disputed areas; a `hatch` layer with no fill).
    const top = y + size * 0.15;
    const h = size * 0.7;
    ctx.fillStyle = item.color;
    ctx.globalAlpha = s.opacity ?? 1;
    ctx.fillRect(x, top, size, h);
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.rect(x, top, size, h);
    ctx.save();
    ctx.clip();
    ctx.strokeStyle = s.outline ?? INK;
    ctx.lineWidth = 1.2 * u;
    ctx.beginPath();
    for (let d = -h; d < size; d += 5 * u) {
      ctx.moveTo(x + d, top + h);
      ctx.lineTo(x + d + h, top);
    }
    ctx.stroke();
    ctx.restore();
    const w = Math.min(3.5, Math.max(1, s.width ?? 1)) * u;
    ctx.strokeStyle = s.outline ?? INK;
    ctx.lineWidth = w;
    if (s.dashed) ctx.setLineDash(dashPx(s.dash, [4 / 1.5, 3 / 1.5], w));
    ctx.strokeRect(x, top, size, h);
  } else {
    // Pale fills still need to show in a small swatch: at least 35 %; an edge alone (opacity 0) stays unfilled.
    if (s.opacity !== 0) {
      ctx.fillStyle = item.color;
      ctx.globalAlpha = Math.max(0.35, s.opacity ?? 0.55);
      ctx.fillRect(x, y + size * 0.15, size, size * 0.7);
      ctx.globalAlpha = 1;
    }
    const w = Math.min(3.5, Math.max(1.2, s.width ?? 1.5)) * u;
    ctx.strokeStyle = s.outline ?? item.color;
    ctx.lineWidth = w;
    if (s.dashed) ctx.setLineDash(dashPx(s.dash, [4 / 1.5, 3 / 1.5], w));
    ctx.strokeRect(x, y + size * 0.15, size, size * 0.7);
  }
  ctx.restore();
}

function drawLegend(ctx: Ctx, l: ExportLayout, rows: readonly LegendRow[], lang: Lang) {
  const box = l.legend;
  if (!box) return;
  const u = l.unit;
  // On the paper beside or below the map (`layoutExport`): no panel of its own.
  ctx.save();
  ctx.textBaseline = 'middle';
  const colW = l.legendColumnWidth;
  const size = l.legendRow * 0.68;
  rows.forEach((r, i) => {
    const col = Math.floor(i / l.legendRowsPerColumn);
    const row = i % l.legendRowsPerColumn;
    const x = box.x + l.legendPad + col * colW;
    const y = box.y + l.legendPad + row * l.legendRow;
    const mid = y + l.legendRow / 2;
    if (r.heading) {
      ctx.font = exportFont(l.legendFont, 700, lang);
      ctx.fillStyle = INK;
      ctx.fillText(r.text, x, mid);
    } else {
      if (r.item) swatch(ctx, r.item, x + 4 * u, mid - size / 2, size, u);
      ctx.font = exportFont(l.legendFont, 400, lang);
      ctx.fillStyle = MUTED;
      ctx.fillText(r.text, x + size + 12 * u, mid);
    }
  });
  ctx.restore();
}

function drawScaleBar(ctx: Ctx, l: ExportLayout, scale: MapScale, lang: Lang) {
  if (scale.mode === 'hidden' || !(scale.metresPerPixel > 0)) return;
  const u = l.unit;
  const b = l.scaleBar;
  const bar = scaleBar(scale.metresPerPixel, b.w - 16 * u, lang, scale.mode === 'latitude' ? scale.lat : undefined);
  const right = b.x + b.w - 8 * u;
  const x0 = right - bar.px;
  const y = b.y + b.h - 10 * u;
  ctx.save();
  ctx.font = exportFont(13 * u, 400, lang);
  const textW = ctx.measureText(bar.label).width;
  // A label longer than the bar (one that names its latitude) widens the panel to the left; "0" only where it fits.
  const panelW = Math.max(bar.px, textW) + 16 * u;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.roundRect(right + 8 * u - panelW, b.y, panelW, b.h, 4 * u);
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.fillRect(x0, y - 6 * u, bar.px / 2, 6 * u);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.5 * u;
  ctx.strokeRect(x0, y - 6 * u, bar.px, 6 * u);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, right, y - 10 * u);
  if (textW + 16 * u < bar.px) {
    ctx.textAlign = 'left';
    ctx.fillText('0', x0, y - 10 * u);
  }
  ctx.restore();
}

function drawNorthArrow(ctx: Ctx, l: ExportLayout, bearing: number) {
  const b = l.northArrow;
  const u = l.unit;
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h * 0.6;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.arc(cx, cy, b.w / 2, 0, Math.PI * 2);
  ctx.fill();
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  const r = b.w * 0.38;
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(0, -r);
  ctx.lineTo(r * 0.55, r * 0.8);
  ctx.lineTo(0, r * 0.4);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#8a8f9c';
  ctx.beginPath();
  ctx.moveTo(0, -r);
  ctx.lineTo(-r * 0.55, r * 0.8);
  ctx.lineTo(0, r * 0.4);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.font = exportFont(13 * u, 700, 'en');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('N', 0, -r - 3 * u);
  ctx.restore();
}

/** The scale where the bar is drawn, and whether to draw it (`scaleBarMode`). */
export interface MapScale {
  /** Ground metres per output pixel at the scale bar's position. */
  metresPerPixel: number;
  /** Latitude at the scale bar's position. */
  lat: number;
  mode: ScaleBarMode;
}

export interface MapFrame {
  image: CanvasImageSource;
  scale: MapScale;
  /** The map's rotation: the north arrow points to where north is. */
  bearing: number;
}

/** Draws the whole export. */
export function drawExport(ctx: Ctx, layout: ExportLayout, text: { footer: string[]; legend: readonly LegendRow[]; link?: readonly string[] }, content: ExportContent, map: MapFrame): void {
  const l = layout;
  const u = l.unit;
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, l.width, l.height);
  // A supersampled map image is scaled down here: the best filter the canvas has.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(map.image, l.map.x, l.map.y, l.map.w, l.map.h);
  // Hairlines between the map and the title band / footer, where there are any.
  ctx.strokeStyle = 'rgba(29,35,48,0.35)';
  ctx.lineWidth = u;
  ctx.beginPath();
  if (l.map.y > 0) {
    ctx.moveTo(0, l.map.y + 0.5 * u);
    ctx.lineTo(l.width, l.map.y + 0.5 * u);
  }
  if (l.map.y + l.map.h < l.height) {
    ctx.moveTo(0, l.map.y + l.map.h - 0.5 * u);
    ctx.lineTo(l.width, l.map.y + l.map.h - 0.5 * u);
  }
  // And beside a map the key stands at the right of.
  if (l.map.x + l.map.w < l.width) {
    ctx.moveTo(l.map.x + l.map.w - 0.5 * u, l.map.y);
    ctx.lineTo(l.map.x + l.map.w - 0.5 * u, l.map.y + l.map.h);
  }
  ctx.stroke();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (l.title && content.title) {
    ctx.font = exportFont(l.titleFont, 700, content.lang);
    ctx.fillStyle = INK;
    ctx.fillText(fitText(ctx, content.title, l.title.w), l.title.x, l.title.y + l.title.h / 2);
  }
  if (l.subtitle && content.subtitle) {
    ctx.font = exportFont(l.subtitleFont, 400, content.lang);
    ctx.fillStyle = MUTED;
    ctx.fillText(fitText(ctx, content.subtitle, l.subtitle.w), l.subtitle.x, l.subtitle.y + l.subtitle.h / 2);
  }
  if (l.inset && content.inset) drawInset(ctx, l.inset, content.inset, content.lang, u);
  drawLegend(ctx, l, text.legend, content.lang);
  if (content.scaleBar) drawScaleBar(ctx, l, map.scale, content.lang);
  if (content.northArrow) drawNorthArrow(ctx, l, map.bearing);
  if (content.qr) drawQr(ctx, l, content.qr.modules, text.link ?? [], content.lang);
  ctx.font = exportFont(l.footerFont, 400, content.lang);
  ctx.fillStyle = MUTED;
  ctx.textBaseline = 'top';
  text.footer.forEach((line, i) => ctx.fillText(line, l.footer.x, l.footer.y + i * l.footerLine));
  if (content.date) {
    ctx.textAlign = 'right';
    ctx.fillText(content.date, l.footer.x + l.footer.w, l.footer.y);
    ctx.textAlign = 'left';
  }
}
