/**
 * Draws an export onto a 2D canvas: the map image, then title, subtitle,
 * legend (the registry's items and symbols), scale bar, north arrow and footer,
 * at the boxes `layoutExport` computed. Text uses the self-hosted export font,
 * which must be loaded first (`loadExportFonts`).
 */
import type { Lang } from '../state/app-state.ts';
import { pick } from '../i18n/i18n.ts';
import type { LegendItem } from '../layers/registry.ts';
import { SYMBOL_PATHS } from '../layers/symbols.ts';
import { footerWidth, layoutExport, legendRowCount, scaleBar, type ExportLayout, type LegendSection } from './compose.ts';
import { exportFont } from './fonts.ts';

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
  const u = Math.min(width, height) / 1080;
  ctx.font = exportFont(14 * u);
  const w = footerWidth(width, height);
  return [...wrapText(ctx, content.attribution, w), ...wrapText(ctx, content.sources, w)];
}

/** The layout for this content at this size (wraps the footer to count its lines). */
export function layoutFor(ctx: Ctx, width: number, height: number, content: ExportContent): { layout: ExportLayout; footer: string[] } {
  const footer = footerLines(ctx, width, height, content);
  const layout = layoutExport({
    width,
    height,
    showTitle: !!content.title,
    showSubtitle: !!content.subtitle,
    legendRows: legendRowCount(content.legend),
    footerLines: footer.length || (content.date ? 1 : 0),
  });
  return { layout, footer };
}

function fitText(ctx: Ctx, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > maxWidth) s = s.slice(0, -1);
  return `${s}…`;
}

function swatch(ctx: Ctx, item: LegendItem, x: number, y: number, size: number, u: number) {
  ctx.save();
  const s = item.swatch;
  if (s.kind === 'symbol') {
    ctx.translate(x, y);
    ctx.scale(size / 64, size / 64);
    const path = new Path2D(SYMBOL_PATHS[s.symbol]);
    // The same white halo the map draws under each symbol.
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255,255,255,0.92)';
    ctx.lineWidth = 10;
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
    ctx.strokeStyle = item.color;
    ctx.lineWidth = (s.width ?? 2) * u;
    ctx.lineCap = 'round';
    if (s.dashed) ctx.setLineDash([3 * (s.width ?? 2) * u, 1.6 * (s.width ?? 2) * u]);
    ctx.beginPath();
    ctx.moveTo(x, y + size / 2);
    ctx.lineTo(x + size, y + size / 2);
    ctx.stroke();
  } else {
    ctx.fillStyle = item.color;
    ctx.globalAlpha = 0.55;
    ctx.fillRect(x, y + size * 0.15, size, size * 0.7);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = s.outline ?? item.color;
    ctx.lineWidth = 1.5 * u;
    if (s.dashed) ctx.setLineDash([4 * u, 3 * u]);
    ctx.strokeRect(x, y + size * 0.15, size, size * 0.7);
  }
  ctx.restore();
}

function drawLegend(ctx: Ctx, l: ExportLayout, sections: LegendSection[], lang: Lang) {
  const box = l.legend;
  if (!box) return;
  const u = l.unit;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = 'rgba(29,35,48,0.25)';
  ctx.lineWidth = u;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 6 * u);
  ctx.fill();
  ctx.stroke();
  ctx.textBaseline = 'middle';
  const rows: { heading?: string; item?: LegendItem }[] = sections.flatMap((s) => [{ heading: pick(lang, s.title) }, ...s.items.map((item) => ({ item }))]);
  const colW = l.legendColumnWidth;
  rows.forEach((r, i) => {
    const col = Math.floor(i / l.legendRowsPerColumn);
    const row = i % l.legendRowsPerColumn;
    const x = box.x + l.legendPad + col * colW;
    const y = box.y + l.legendPad + row * l.legendRow;
    const mid = y + l.legendRow / 2;
    if (r.heading) {
      ctx.font = exportFont(l.legendFont, 700);
      ctx.fillStyle = INK;
      ctx.fillText(fitText(ctx, r.heading, colW - 8 * u), x, mid);
    } else if (r.item) {
      const size = l.legendRow * 0.68;
      swatch(ctx, r.item, x + 4 * u, mid - size / 2, size, u);
      ctx.font = exportFont(l.legendFont);
      ctx.fillStyle = MUTED;
      ctx.fillText(fitText(ctx, pick(lang, r.item.label), colW - size - 22 * u), x + size + 12 * u, mid);
    }
  });
  ctx.restore();
}

function drawScaleBar(ctx: Ctx, l: ExportLayout, mPerPx: number, lang: Lang) {
  const u = l.unit;
  const b = l.scaleBar;
  const bar = scaleBar(mPerPx, b.w - 16 * u, lang);
  const x0 = b.x + b.w - 8 * u - bar.px;
  const y = b.y + b.h - 10 * u;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.roundRect(x0 - 8 * u, b.y, bar.px + 16 * u, b.h, 4 * u);
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.fillRect(x0, y - 6 * u, bar.px / 2, 6 * u);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.5 * u;
  ctx.strokeRect(x0, y - 6 * u, bar.px, 6 * u);
  ctx.font = exportFont(13 * u);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, x0 + bar.px, y - 10 * u);
  ctx.textAlign = 'left';
  ctx.fillText('0', x0, y - 10 * u);
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
  ctx.font = exportFont(13 * u, 700);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('N', 0, -r - 3 * u);
  ctx.restore();
}

export interface MapFrame {
  image: CanvasImageSource;
  /** Ground metres per output pixel at the map's centre. */
  metresPerPixel: number;
  bearing: number;
}

/** Draws the whole export. */
export function drawExport(ctx: Ctx, layout: ExportLayout, footer: string[], content: ExportContent, map: MapFrame): void {
  const l = layout;
  const u = l.unit;
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, l.width, l.height);
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
  ctx.stroke();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (l.title && content.title) {
    ctx.font = exportFont(l.titleFont, 700);
    ctx.fillStyle = INK;
    ctx.fillText(fitText(ctx, content.title, l.title.w), l.title.x, l.title.y + l.title.h / 2);
  }
  if (l.subtitle && content.subtitle) {
    ctx.font = exportFont(l.subtitleFont);
    ctx.fillStyle = MUTED;
    ctx.fillText(fitText(ctx, content.subtitle, l.subtitle.w), l.subtitle.x, l.subtitle.y + l.subtitle.h / 2);
  }
  drawLegend(ctx, l, content.legend, content.lang);
  if (content.scaleBar) drawScaleBar(ctx, l, map.metresPerPixel, content.lang);
  if (content.northArrow) drawNorthArrow(ctx, l, map.bearing);
  ctx.font = exportFont(l.footerFont);
  ctx.fillStyle = MUTED;
  ctx.textBaseline = 'top';
  footer.forEach((line, i) => ctx.fillText(line, l.footer.x, l.footer.y + i * l.footerLine));
  if (content.date) {
    ctx.textAlign = 'right';
    ctx.fillText(content.date, l.footer.x + l.footer.w, l.footer.y);
    ctx.textAlign = 'left';
  }
}
