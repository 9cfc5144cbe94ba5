/**
 * The export pipeline, from a view to file bytes: fonts → layout → off-screen
 * map at the target resolution → composition (title, legend, scale bar, north
 * arrow, footer) → PNG encoded in a worker, with its dpi → PDF if asked.
 *
 * `exportView` is the one entry point: the dialog, the `?test`/`?export` page
 * hook (`window.__hsrExport`, used by the CLI and tests) and the benchmark call it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { t } from '../i18n/i18n.ts';
import { pick } from '../i18n/i18n.ts';
import { basemapDataUrl } from '../map/create-map.ts';
import { defaultTitles, footerTexts, legendSections, type Box } from './compose.ts';
import { drawExport, layoutFor, type ExportContent } from './draw.ts';
import { EXPORT_FONT_FAMILY, loadExportFonts } from './fonts.ts';
import { ExportSizeError, largestFitting, renderLimits, renderMap } from './render-map.ts';
import { setPngDpi } from './png-dpi.ts';
import { SCREEN_DPI } from './presets.ts';

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
  /** The boundary disclaimer (Natural Earth) and the data source. */
  attribution?: boolean;
  /** The list of source documents cited by what the map shows. */
  sources?: boolean;
  date?: boolean;
  /** The date printed in the footer (default now). */
  when?: Date;
}

export type ExportPhase = 'fonts' | 'style' | 'layers' | 'idle' | 'compose' | 'encode' | 'pdf' | 'done';

export interface ExportContext {
  state: AppState;
  data: Dataset;
  /** The live map: only read (its bounds and rotation). */
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
  /** The map image's own size, pixel ratio, zoom and extent [west, south, east, north] (diagnostics). */
  map: { width: number; height: number; pixelRatio: number; zoom: number; bounds: [number, number, number, number]; frames: number };
  /** Where the map and the legend were drawn, in output pixels. */
  layout: { map: Box; legend: Box | null };
  timings: ExportTimings;
}

const PHASE_FRACTION: Record<ExportPhase, number> = { fonts: 0.05, style: 0.15, layers: 0.35, idle: 0.5, compose: 0.65, encode: 0.75, pdf: 0.92, done: 1 };

let labelText: Promise<Record<Lang, string>> | undefined;
/** Every character of the base map's labels in each language (to load their font files). */
function basemapLabelText(): Promise<Record<Lang, string>> {
  labelText ??= fetch(new URL(basemapDataUrl('labels'), document.baseURI))
    .then((r) => r.json() as Promise<{ features: { properties: Record<string, unknown> }[] }>)
    .then((fc) => ({
      en: fc.features.map((f) => String(f.properties.name_en ?? '')).join(''),
      zh: fc.features.map((f) => String(f.properties.name_zh ?? '')).join(''),
    }))
    .catch(() => ({ en: '', zh: '' }));
  return labelText;
}

let worker: Worker | undefined;
let nextId = 0;
/** PNG-encodes a bitmap in a worker (transferred, so the main thread keeps no copy). */
export function encodePng(bitmap: ImageBitmap): Promise<Uint8Array> {
  worker ??= new Worker(new URL('./encode-worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<{ id: number; buffer?: ArrayBuffer; error?: string }>) => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      if (e.data.buffer) resolve(new Uint8Array(e.data.buffer));
      else reject(new Error(`PNG encoding failed: ${e.data.error}`));
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ id, bitmap }, [bitmap]);
  });
}

/** Exports the view to PNG or PDF bytes. Rejects with `ExportSizeError` (naming a size that works) when the device cannot render the size. */
export async function exportView(ctx: ExportContext, options: ExportOptions): Promise<ExportResult> {
  const t0 = performance.now();
  const { state, data, liveMap } = ctx;
  const width = Math.round(options.width);
  const height = Math.round(options.height);
  const dpi = options.dpi ?? SCREEN_DPI;
  const lang = options.lang ?? state.lang;
  const progress = (p: ExportPhase) => ctx.onProgress?.(p, PHASE_FRACTION[p]);
  if (!(width >= 16 && height >= 16)) throw new Error(`invalid size ${width}×${height}`);
  const lim = renderLimits();
  if (!lim) throw new Error('WebGL 2 is not available');
  if (width > lim.maxSide || height > lim.maxSide) {
    throw new ExportSizeError({ width, height }, largestFitting(width, height, lim.maxSide), `WebGL limit ${lim.maxSide} px per side`);
  }

  progress('fonts');
  const defaults = defaultTitles(state, data, lang);
  const texts = footerTexts(state, data, lang, options.when ?? new Date());
  const content: ExportContent = {
    lang,
    title: options.title === undefined ? defaults.title : options.title || null,
    subtitle: options.subtitle === undefined ? defaults.subtitle : options.subtitle || null,
    legend: options.legend === false ? [] : legendSections(state),
    attribution: options.attribution === false ? '' : texts.attribution,
    sources: options.sources === false ? '' : texts.sources,
    date: options.date === false ? '' : texts.date,
    scaleBar: options.scaleBar !== false,
    northArrow: options.northArrow !== false,
  };
  const labels = await basemapLabelText();
  const allText = [content.title, content.subtitle, content.attribution, content.sources, content.date, '0123456789 kmN公里米…', labels[lang], ...content.legend.flatMap((s) => [pick(lang, s.title), ...s.items.map((i) => pick(lang, i.label))])].join('');
  const fonts = await loadExportFonts(allText);
  const tFonts = performance.now();

  const out = new OffscreenCanvas(width, height);
  const c2d = out.getContext('2d');
  if (!c2d) throw new ExportSizeError({ width, height }, largestFitting(width, height, Math.floor(lim.maxSide / 2)), 'no 2D canvas of that size');
  const { layout, footer } = layoutFor(c2d, width, height, content);
  const mapW = Math.round(layout.map.w);
  const mapH = Math.round(layout.map.h);
  const rendered = await renderMap({
    state,
    data,
    lang,
    bounds: liveMap.getBounds(),
    bearing: liveMap.getBearing(),
    pitch: liveMap.getPitch(),
    width: mapW,
    height: mapH,
    pixelRatio: layout.unit,
    labelFont: fonts.failed.length ? undefined : EXPORT_FONT_FAMILY,
    onPhase: progress,
  });
  const tMap = performance.now();
  progress('compose');
  try {
    drawExport(c2d, layout, footer, content, { image: rendered.canvas, metresPerPixel: rendered.metresPerPixel, bearing: rendered.bearing });
  } finally {
    rendered.dispose();
  }
  const bitmap = out.transferToImageBitmap();
  const tCompose = performance.now();
  progress('encode');
  const png = setPngDpi(await encodePng(bitmap), dpi);
  const tEncode = performance.now();
  let bytes = png;
  if (options.format === 'pdf') {
    progress('pdf');
    const { pngToPdf } = await import('./pdf.ts');
    bytes = await pngToPdf(png, width, height, dpi, { title: content.title ?? t(lang, 'app.title'), lang });
  }
  const tEnd = performance.now();
  progress('done');
  return {
    bytes,
    mime: options.format === 'pdf' ? 'application/pdf' : 'image/png',
    width,
    height,
    dpi,
    map: { width: mapW, height: mapH, pixelRatio: layout.unit, zoom: rendered.zoom, bounds: rendered.bounds, frames: rendered.frames },
    layout: { map: layout.map, legend: layout.legend },
    timings: {
      fontsMs: Math.round(tFonts - t0),
      mapMs: Math.round(tMap - tFonts),
      composeMs: Math.round(tCompose - tMap),
      encodeMs: Math.round(tEncode - tCompose),
      pdfMs: Math.round(tEnd - tEncode),
      totalMs: Math.round(tEnd - t0),
    },
  };
}
