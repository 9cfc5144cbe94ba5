/**
 * The export pipeline, from a view to file bytes: fonts → layout → the
 * off-screen map at the target resolution (the shared, warm renderer) →
 * composition (title, legend, scale bar, north arrow, footer) → PNG with its
 * dpi, or a PDF, encoded in a worker.
 *
 * `exportView` is the one entry point: the dialog, the `?test`/`?export` page
 * hook (`window.__hsrExport`, used by the CLI and tests) and the benchmark call it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { htmlLang, pick, t } from '../i18n/i18n.ts';
import { boundaryLegend, defaultTitles, footerTexts, highlightIds, scaleBarMode, scaleVariation, showsBox, type Box, type ExportLayout, type ScaleBarMode } from './compose.ts';
import { southChinaSeaInset } from './inset.ts';
import { drawExport, layoutFor, type ExportContent, type LegendRow } from './draw.ts';
import { basemapLabelText, EXPORT_FONT_FAMILY, loadExportFonts, missingChars } from './fonts.ts';
import { ExportSizeError, largestFitting, renderLimits } from './render-map.ts';
import { legendSections } from '../layers/legend-sections.ts';
import { cssSize, exportCamera, liveViewOf, type ExportCamera } from './camera.ts';
import { prepareRenderer, rendererWarm, withRenderer } from './warm-renderer.ts';
import { encodeImage } from './encoder.ts';
import { SCREEN_DPI } from './presets.ts';
import { qrModules } from './qr.ts';
import { printedLink } from '../state/url-state.ts';
import type { Story } from '../story/story.ts';

export { ExportSizeError, renderLimits } from './render-map.ts';

export interface ExportOptions {
  width: number;
  height: number;
  /** Written into the PNG and used for the PDF page size; default 96. */
  dpi?: number;
  format?: 'png' | 'pdf';
  /** Default: the state's language. */
  lang?: Lang;
  /** undefined: the default for the view; '' or null: no title. */
  title?: string | null;
  subtitle?: string | null;
  /** Each part of the composition can be switched off; all default to true. */
  legend?: boolean;
  scaleBar?: boolean;
  northArrow?: boolean;
  /** The boundary disclaimer (Natural Earth, in the worldview's words) and the data source. */
  attribution?: boolean;
  /** China's worldview: the South China Sea inset when the map leaves the sea out (default true). */
  inset?: boolean;
  /** The list of source documents cited by what the map shows. */
  sources?: boolean;
  date?: boolean;
  /** The date printed in the footer (default now). */
  when?: Date;
  /** A QR code of `link` (and the link printed beside it); default true when there is a link. */
  qr?: boolean;
  /** The view's link on the site the export is made from (`viewLink`); without one, no QR code. */
  link?: string | null;
  /**
   * Output pixels per CSS pixel of the map; default the layout unit (1 at a
   * 1080-pixel shorter side). 1 copies the screen as drawn, symbols and labels
   * the same size against the map (the build's posters of the default view).
   */
  pixelRatio?: number;
}

export type ExportPhase = 'fonts' | 'style' | 'layers' | 'idle' | 'compose' | 'encode' | 'pdf' | 'done';

export interface ExportContext {
  state: AppState;
  data: Dataset;
  /** The story the app has loaded for `state.story` (its chapter titles the export and rings its subjects). */
  story?: Story | null;
  /** The live map: only read (its camera, padding and size). */
  liveMap: MapLibreMap;
  onProgress?: (phase: ExportPhase, fraction: number) => void;
}

export interface ExportTimings {
  fontsMs: number;
  mapMs: number;
  composeMs: number;
  encodeMs: number;
  pdfMs: number;
  totalMs: number;
}

export interface ExportResult {
  bytes: Uint8Array;
  mime: 'image/png' | 'application/pdf';
  width: number;
  height: number;
  dpi: number;
  /** The map image: size, pixel ratio (output pixels per CSS pixel), camera and extent [west, south, east, north] (diagnostics). */
  map: {
    width: number;
    height: number;
    pixelRatio: number;
    zoom: number;
    bearing: number;
    pitch: number;
    center: [number, number];
    bounds: [number, number, number, number];
    frames: number;
    /** Where the map's time went: waiting for the renderer's warm-up, loading the view small, drawing it full size. */
    phases: { warmupMs: number; loadMs: number; drawMs: number };
  };
  /** Where the map, the legend and the South China Sea inset (null: none) were drawn, in output pixels. */
  layout: { map: Box; legend: Box | null; inset: Box | null };
  /** The worldview of the map's boundaries. */
  worldview: Dataset['worldview'];
  /** The scale bar: how it was drawn (`scaleBarMode`), the scale and latitude where it was measured. */
  scaleBar: { mode: ScaleBarMode | 'off'; metresPerPixel: number; lat: number; variation: number };
  /** Characters of the title or subtitle the shipped font lacks (drawn with the machine's fonts). */
  missingChars: string[];
  /** The link in the QR code, or null: none asked for, or no room for a scannable one. */
  qr: { link: string; box: Box } | null;
  /** Whether the off-screen renderer was already warm when the export started. */
  warm: boolean;
  timings: ExportTimings;
}

const PHASE_FRACTION: Record<ExportPhase, number> = { fonts: 0.05, style: 0.15, layers: 0.35, idle: 0.5, compose: 0.65, encode: 0.75, pdf: 0.75, done: 1 };

/** The live map's WebGL context (its limits are known without a round trip to the GPU). */
function liveGl(map: MapLibreMap): WebGL2RenderingContext | null {
  return map.getCanvas().getContext('webgl2');
}

/** Everything about an export that comes before drawing: sizes, texts, layout, camera. */
interface ExportPlan {
  width: number;
  height: number;
  dpi: number;
  lang: Lang;
  content: ExportContent;
  layout: ExportLayout;
  footer: string[];
  legend: LegendRow[];
  link: string[];
  highlight: readonly string[];
  mapW: number;
  mapH: number;
  cssW: number;
  cssH: number;
  camera: ExportCamera;
  probe: { x: number; y: number };
  labelFont: string | undefined;
  missing: string[];
  maxSide: number;
  /** Output pixels per CSS pixel of the map. */
  pixelRatio: number;
}

/** Checks the request, loads the fonts its text needs and lays it out (on a small measuring canvas). */
async function planExport(ctx: ExportContext, options: ExportOptions): Promise<ExportPlan> {
  const { state, data, liveMap } = ctx;
  const width = Math.round(options.width);
  const height = Math.round(options.height);
  const dpi = options.dpi ?? SCREEN_DPI;
  const lang = options.lang ?? state.lang;
  if (!(width >= 16 && height >= 16)) throw new Error(`invalid size ${width}×${height}`);
  if (!(dpi > 0)) throw new Error(`invalid dpi ${dpi}`);
  const lim = renderLimits(liveGl(liveMap));
  if (!lim) throw new Error('WebGL 2 is not available');
  if (width > lim.maxSide || height > lim.maxSide) {
    throw new ExportSizeError({ width, height }, largestFitting(width, height, lim.maxSide), `WebGL limit ${lim.maxSide} px per side`);
  }
  const defaults = defaultTitles(state, data, lang, ctx.story);
  const link = options.qr !== false && options.link ? options.link : null;
  const texts = footerTexts(state, data, lang, options.when ?? new Date());
  const content: ExportContent = {
    lang,
    title: options.title === undefined ? defaults.title : options.title || null,
    subtitle: options.subtitle === undefined ? defaults.subtitle : options.subtitle || null,
    legend: options.legend === false ? [] : [...legendSections(state, data), { layer: 'boundaries', ...boundaryLegend(data.worldview) }],
    attribution: options.attribution === false ? '' : texts.attribution,
    sources: options.sources === false ? '' : texts.sources,
    date: options.date === false ? '' : texts.date,
    scaleBar: options.scaleBar !== false,
    northArrow: options.northArrow !== false,
    qr: link ? { modules: qrModules(link), link: printedLink(link) } : null,
  };
  const labels = await basemapLabelText(data);
  const inset = options.inset === false ? null : await southChinaSeaInset(data).catch((e: unknown) => (console.warn('no South China Sea inset:', e), null));
  const legendText = content.legend.flatMap((s) => [pick(lang, s.title), ...s.items.map((i) => pick(lang, i.label))]);
  const allText = [
    content.title,
    content.subtitle,
    content.attribution,
    content.sources,
    content.date,
    content.qr?.link ?? '',
    '0123456789 kmN公里米…()（）°北纬南纬赤道equator',
    labels[lang],
    inset ? t(lang, 'image.inset') : '',
    ...legendText,
  ].join('');
  const fonts = await loadExportFonts(allText);
  const measure = new OffscreenCanvas(1, 1).getContext('2d');
  if (!measure) throw new Error('no 2D canvas');
  let { layout, footer, legend, link: linkLines } = layoutFor(measure, width, height, content);
  const mapW = Math.round(layout.map.w);
  const mapH = Math.round(layout.map.h);
  const u = options.pixelRatio ?? layout.unit;
  const { cssW, cssH } = cssSize(mapW, mapH, u);
  const camera = exportCamera(liveViewOf(liveMap), cssW, cssH);
  // The inset only moves the scale bar: the map's box, and so its camera, stay the same.
  if (inset && !showsBox(camera, cssW, cssH, inset.line)) {
    content.inset = inset;
    ({ layout, footer, legend, link: linkLines } = layoutFor(measure, width, height, content));
  }
  // The scale is measured where the bar is drawn: on its line, in the middle of its box.
  const sb = layout.scaleBar;
  return {
    width,
    height,
    dpi,
    lang,
    content,
    layout,
    footer,
    legend,
    link: linkLines,
    highlight: highlightIds(state, ctx.story),
    mapW,
    mapH,
    cssW,
    cssH,
    camera,
    probe: { x: sb.x + sb.w / 2 - layout.map.x, y: sb.y + sb.h - 13 * layout.unit - layout.map.y },
    labelFont: fonts.failed.length ? undefined : EXPORT_FONT_FAMILY,
    missing: missingChars(`${content.title ?? ''}${content.subtitle ?? ''}`),
    maxSide: lim.maxSide,
    pixelRatio: u,
  };
}

/**
 * Gets the off-screen renderer (if one is held: the open dialog) ready for
 * exactly this export — its view and layers loaded at the small size — so that
 * clicking Export only has to draw it at the full size. Errors are the export's
 * to report: here they are swallowed.
 */
export async function prepareExport(ctx: ExportContext, options: ExportOptions): Promise<void> {
  try {
    const p = await planExport(ctx, options);
    await prepareRenderer({
      state: ctx.state,
      data: ctx.data,
      highlight: p.highlight,
      lang: p.lang,
      labelFont: p.labelFont,
      camera: p.camera,
      width: p.mapW,
      height: p.mapH,
      pixelRatio: p.pixelRatio,
    });
  } catch (e) {
    console.warn('export not prepared:', e);
  }
}

/** Exports the view to PNG or PDF bytes. Rejects with `ExportSizeError` (naming a size that works) when the device cannot render the size. */
export async function exportView(ctx: ExportContext, options: ExportOptions): Promise<ExportResult> {
  const t0 = performance.now();
  const { state, data, liveMap } = ctx;
  const progress = (p: ExportPhase) => ctx.onProgress?.(p, PHASE_FRACTION[p]);
  const warm = rendererWarm();
  progress('fonts');
  const plan = await planExport(ctx, options);
  const { width, height, dpi, lang, content, layout, footer, legend, link, highlight, mapW, mapH, camera, probe, labelFont, missing } = plan;
  const u = plan.pixelRatio;
  const tFonts = performance.now();
  const out = new OffscreenCanvas(width, height);
  const c2d = out.getContext('2d');
  if (!c2d) throw new ExportSizeError({ width, height }, largestFitting(width, height, Math.floor(plan.maxSide / 2)), 'no 2D canvas of that size');
  let tMap = 0;
  const drawn = await withRenderer({ state, data, highlight, lang, labelFont, camera }, liveMap, async (renderer) => {
    const m = await renderer.render({ state, data, highlight, lang, labelFont, camera, width: mapW, height: mapH, pixelRatio: u, probe, onPhase: progress });
    tMap = performance.now();
    progress('compose');
    const variation = scaleVariation(m.cornerLatitudes);
    const mode = scaleBarMode(m.pitch, variation);
    drawExport(c2d, layout, { footer, legend, link }, content, { image: m.canvas, scale: { ...m.scale, mode }, bearing: m.bearing });
    return { m, mode, variation };
  });
  const { m: rendered } = drawn;
  const bitmap = out.transferToImageBitmap();
  const tCompose = performance.now();
  const pdf = options.format === 'pdf';
  progress(pdf ? 'pdf' : 'encode');
  const bytes = await encodeImage(bitmap, pdf ? { kind: 'pdf', dpi, title: content.title ?? t(lang, 'app.title'), lang: htmlLang(lang) } : { kind: 'png', dpi });
  const tEnd = performance.now();
  progress('done');
  return {
    bytes,
    mime: pdf ? 'application/pdf' : 'image/png',
    width,
    height,
    dpi,
    map: {
      width: mapW,
      height: mapH,
      pixelRatio: u,
      zoom: rendered.zoom,
      bearing: rendered.bearing,
      pitch: rendered.pitch,
      center: camera.center,
      bounds: rendered.bounds,
      frames: rendered.frames,
      phases: rendered.phases,
    },
    layout: { map: layout.map, legend: layout.legend, inset: layout.inset },
    worldview: data.worldview,
    scaleBar: { mode: content.scaleBar ? drawn.mode : 'off', metresPerPixel: rendered.scale.metresPerPixel, lat: rendered.scale.lat, variation: drawn.variation },
    missingChars: missing,
    qr: content.qr && layout.qr ? { link: options.link!, box: layout.qr.code } : null,
    warm,
    timings: {
      fontsMs: Math.round(tFonts - t0),
      mapMs: Math.round(tMap - tFonts),
      composeMs: Math.round(tCompose - tMap),
      encodeMs: pdf ? 0 : Math.round(tEnd - tCompose),
      pdfMs: pdf ? Math.round(tEnd - tCompose) : 0,
      totalMs: Math.round(tEnd - t0),
    },
  };
}
