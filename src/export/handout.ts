/**
 * The handout of a talk: one PDF, one A4 page per chapter — the chapter's map
 * (drawn off-screen by the export renderer, as an export is, with the
 * chapter's layers, filters and ringed subjects), its title and text, its
 * sources with their quotes, and a QR code with the link that opens the
 * chapter on the site. In the chosen language.
 *
 * Pages are drawn on a canvas with the export font (the site's own Noto Sans
 * SC subset, so Chinese prints the same everywhere) and placed in the PDF as
 * images: the encoding worker deflates each page as it is made, so only one
 * page's pixels are held at a time, and builds the PDF at the end.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type AppState, type Lang, defaultState } from '../state/app-state.ts';
import { documentTitle, type Dataset } from '../data/dataset.ts';
import { featureBounds, unionBounds, type Bounds } from '../data/bounds.ts';
import { htmlLang, pick, t } from '../i18n/i18n.ts';
import { chapterPatch, frameChapter } from '../story/chapter-view.ts';
import type { Chapter, Story } from '../story/story.ts';
import { atChapter, type StoryRef } from '../story/story-src.ts';
import { printedLink, viewLink } from '../state/url-state.ts';
import { basemapLabelText, EXPORT_FONT_FAMILY, exportFont, loadExportFonts } from './fonts.ts';
import { INK, qrLinkLines, drawQr, wrapText } from './draw.ts';
import { attributionText, layoutExport, layoutUnit } from './compose.ts';
import { qrModules } from './qr.ts';
import { withRenderer } from './warm-renderer.ts';
import { encodeImage, encodePages } from './encoder.ts';
import { cssSize } from './camera.ts';

/** A4 portrait at 150 dpi: sharp in print, a few hundred kB a page. */
export const HANDOUT_PAGE = { width: 1240, height: 1754, dpi: 150 } as const;

export interface HandoutContext {
  state: AppState;
  /** With the detailed outlines of every layer the chapters show. */
  data: Dataset;
  story: Story;
  /** Which story (for the chapters' links). */
  ref: StoryRef;
  liveMap: MapLibreMap;
}

export interface HandoutOptions {
  lang: Lang;
  /** The site the QR codes lead to (default this page's address). */
  linkBase?: string;
  /** The chapters to print, 0-based, in this order (default: every chapter). */
  chapters?: readonly number[];
  /** Called after each page. */
  onProgress?: (done: number, total: number) => void;
  when?: Date;
}

export interface HandoutResult {
  bytes: Uint8Array;
  pages: number;
  /** Each page's link (its QR code). */
  links: string[];
  ms: number;
}

const MUTED = '#4a4f5c';
const RULE = 'rgba(29,35,48,0.3)';

/** The link that opens chapter `index` on the site, in `lang` (the presenter applies the chapter's layers). */
export function chapterLink(base: string, ref: StoryRef, index: number, lang: Lang): string {
  return viewLink(base, { ...defaultState(lang), story: atChapter(ref, index) });
}

function subjectBounds(ch: Chapter, data: Dataset): Bounds | null {
  return unionBounds(
    ch.highlight.map((id) => {
      const f = data.byId.get(id);
      return f ? featureBounds(f) : null;
    }),
  );
}

/** Makes the handout PDF. */
export async function exportHandout(ctx: HandoutContext, options: HandoutOptions): Promise<HandoutResult> {
  const t0 = performance.now();
  const { story, data, liveMap } = ctx;
  const lang = options.lang;
  const base = options.linkBase ?? location.href;
  const { width: W, height: H, dpi } = HANDOUT_PAGE;
  const u = layoutUnit(W, H);
  const margin = Math.round(70 * u);
  const docTitle = (file: string) => documentTitle(data, lang, file);
  const when = (options.when ?? new Date()).toISOString().slice(0, 10);
  const attribution = attributionText(lang, data.worldview);
  const chosen = options.chapters ?? story.chapters.map((_, i) => i);
  const bad = chosen.find((i) => !Number.isInteger(i) || !story.chapters[i]);
  if (!chosen.length) throw new Error('no chapter to print');
  if (bad !== undefined) throw new Error(`"${pick(lang, story.title)}" has no chapter ${bad + 1} (it has ${story.chapters.length})`);
  const pageTexts = [t(lang, 'handout.sources'), t(lang, 'handout.page', { n: chosen.length, total: chosen.length }), t(lang, 'image.made', { date: when }), attribution];
  const links = chosen.map((i) => chapterLink(base, ctx.ref, i, lang));
  const labels = await basemapLabelText(data);
  const text = [
    pick(lang, story.title),
    ...chosen.map((i) => story.chapters[i]!).flatMap((ch) => [pick(lang, ch.title), pick(lang, ch.text), ...ch.sources.flatMap((x) => [x.quote, docTitle(x.doc)])]),
    ...links,
    ...pageTexts,
    labels[lang],
    '0123456789',
  ].join('');
  const fonts = await loadExportFonts(text);
  const labelFont = fonts.failed.length ? undefined : EXPORT_FONT_FAMILY;

  // The map: the page's width inside the margins, a little under half its height.
  // Room above for the running head and a title of up to two lines.
  const mapBox = { x: margin, y: Math.round(margin + 130 * u), w: W - 2 * margin, h: Math.round(H * 0.45) };
  const { cssW, cssH } = cssSize(mapBox.w, mapBox.h, u);
  const pad = Math.round(Math.min(cssW, cssH) * 0.06);
  const padding = { top: pad, right: pad, bottom: pad, left: pad };

  const page = new OffscreenCanvas(W, H);
  const c = page.getContext('2d');
  if (!c) throw new Error('no 2D canvas');
  const pages: { width: number; height: number; dpi: number; deflatedRgb: Uint8Array }[] = [];
  const first = story.chapters[chosen[0]!]!;
  const sceneOf = (ch: Chapter, i: number) => ({
    state: { ...ctx.state, ...chapterPatch(ch), filters: { ...ctx.state.filters, ...chapterPatch(ch).filters }, story: atChapter(ctx.ref, i), lang } as AppState,
    data,
    highlight: ch.highlight,
    lang,
    labelFont,
  });
  const cameraOf = (ch: Chapter) => {
    const cam = frameChapter(ch, subjectBounds(ch, data), { width: cssW, height: cssH }, padding);
    return { center: [cam.lon, cam.lat] as [number, number], zoom: cam.zoom, bearing: cam.bearing, pitch: cam.pitch };
  };

  await withRenderer({ ...sceneOf(first, chosen[0]!), camera: cameraOf(first) }, liveMap, async (renderer) => {
    for (const [k, i] of chosen.entries()) {
      const ch = story.chapters[i]!;
      const m = await renderer.render({ ...sceneOf(ch, i), camera: cameraOf(ch), width: mapBox.w, height: mapBox.h, pixelRatio: u });
      drawPage(c, { W, H, u, margin, mapBox, lang, story, ch, page: k + 1, pages: chosen.length, map: m.canvas, docTitle, link: links[k]!, when, attribution });
      const deflated = await encodeImage(page.transferToImageBitmap(), { kind: 'rgb', dpi });
      pages.push({ width: W, height: H, dpi, deflatedRgb: deflated });
      options.onProgress?.(k + 1, chosen.length);
    }
  });
  const bytes = await encodePages({ title: pick(lang, story.title), lang: htmlLang(lang), pages });
  return { bytes, pages: pages.length, links, ms: Math.round(performance.now() - t0) };
}

interface PageInput {
  W: number;
  H: number;
  u: number;
  margin: number;
  mapBox: { x: number; y: number; w: number; h: number };
  lang: Lang;
  story: Story;
  ch: Chapter;
  /** This page's number (1-based) and the handout's page count. */
  page: number;
  pages: number;
  map: CanvasImageSource;
  docTitle: (file: string) => string;
  link: string;
  when: string;
  /** The boundary disclaimer of the worldview the pages are drawn in, and the data source. */
  attribution: string;
}

type Ctx = OffscreenCanvasRenderingContext2D;

/** One page: story and page number, chapter title, map, text, sources, QR code and link, footer. */
function drawPage(c: Ctx, p: PageInput) {
  const { W, H, u, margin, mapBox, lang } = p;
  const inner = W - 2 * margin;
  c.fillStyle = '#fff';
  c.fillRect(0, 0, W, H);
  c.textAlign = 'left';
  c.textBaseline = 'top';
  // Running head: the story, and where this page is in it.
  c.font = exportFont(15 * u, 400, lang);
  c.fillStyle = MUTED;
  c.fillText(pick(lang, p.story.title), margin, margin);
  c.textAlign = 'right';
  c.fillText(t(lang, 'handout.page', { n: p.page, total: p.pages }), W - margin, margin);
  c.textAlign = 'left';
  c.font = exportFont(34 * u, 700, lang);
  c.fillStyle = INK;
  const titleLines = wrapText(c, pick(lang, p.ch.title), inner).slice(0, 2);
  titleLines.forEach((l, k) => c.fillText(l, margin, margin + 36 * u + k * 42 * u));

  // The map, framed by a hairline.
  c.imageSmoothingEnabled = true;
  c.imageSmoothingQuality = 'high';
  c.drawImage(p.map, mapBox.x, mapBox.y, mapBox.w, mapBox.h);
  c.strokeStyle = RULE;
  c.lineWidth = u;
  c.strokeRect(mapBox.x, mapBox.y, mapBox.w, mapBox.h);

  // The footer holds the boundary disclaimer and the data source, every line of them (its height follows).
  c.font = exportFont(12 * u, 400, lang);
  const foot = wrapText(c, p.attribution, inner - 200 * u);
  const footerY = H - margin - (8 + 16 * foot.length) * u;
  // The QR code and link, bottom right above the footer; text and sources fill the space left of and above it.
  const qrArea = { x: 0, y: 0, w: W, h: footerY - 10 * u };
  const link = printedLink(p.link);
  // Laid out as on a square export of the page's width (the same unit), then moved into place.
  const linkLines = qrLinkLines(c, W, W, link);
  const modules = qrModules(p.link);
  const qrLayout = layoutExport({ width: W, height: W, showTitle: false, showSubtitle: false, legendRows: 0, footerLines: 0, qr: { modules: modules.length, linkLines: linkLines.length } });
  const q = qrLayout.qr;
  let bottom = footerY - 16 * u;
  if (q) {
    // Move the panel from the square layout's corner to this page's (above the footer, at the right margin).
    const dx = W - margin - (q.panel.x + q.panel.w);
    const dy = qrArea.h - (q.panel.y + q.panel.h);
    const shift = (b: { x: number; y: number; w: number; h: number }) => ({ ...b, x: Math.round(b.x + dx), y: Math.round(b.y + dy) });
    const placed = { ...qrLayout, qr: { ...q, panel: shift(q.panel), code: shift(q.code), text: shift(q.text) } };
    drawQr(c, placed, modules, linkLines, lang);
    bottom = placed.qr.panel.y - 16 * u;
  }

  let y = mapBox.y + mapBox.h + 28 * u;
  c.textAlign = 'left';
  c.textBaseline = 'top';
  c.fillStyle = INK;
  c.font = exportFont(19 * u, 400, lang);
  for (const line of wrapText(c, pick(lang, p.ch.text), inner)) {
    if (y + 28 * u > bottom) break;
    c.fillText(line, margin, y);
    y += 28 * u;
  }
  y += 14 * u;
  if (y + 60 * u < bottom) {
    c.strokeStyle = RULE;
    c.beginPath();
    c.moveTo(margin, y);
    c.lineTo(W - margin, y);
    c.stroke();
    y += 12 * u;
    c.font = exportFont(15 * u, 700, lang);
    c.fillStyle = MUTED;
    c.fillText(t(lang, 'handout.sources'), margin, y);
    y += 24 * u;
  }
  for (const src of p.ch.sources) {
    c.font = exportFont(14 * u, 700, lang);
    c.fillStyle = MUTED;
    if (y + 20 * u > bottom) break;
    c.fillText(p.docTitle(src.doc), margin, y);
    y += 20 * u;
    c.font = exportFont(14 * u, 400, lang);
    c.fillStyle = INK;
    for (const line of wrapText(c, `“${src.quote}”`, inner)) {
      if (y + 20 * u > bottom) break;
      c.fillText(line, margin, y);
      y += 20 * u;
    }
    y += 10 * u;
  }

  // Footer: boundaries and data source; the date.
  c.font = exportFont(12 * u, 400, lang);
  c.fillStyle = MUTED;
  c.strokeStyle = RULE;
  c.beginPath();
  c.moveTo(margin, footerY);
  c.lineTo(W - margin, footerY);
  c.stroke();
  foot.forEach((l, k) => c.fillText(l, margin, footerY + 8 * u + k * 16 * u));
  c.textAlign = 'right';
  c.fillText(t(lang, 'image.made', { date: p.when }), W - margin, footerY + 8 * u);
}
