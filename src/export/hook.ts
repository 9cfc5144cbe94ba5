/**
 * The page's export entry points for the command line, tests and benchmarks,
 * installed by `<hsr-app>` with `?test` or `?export` in the URL (this module is
 * loaded on first call):
 *
 * - `window.__hsrExport(options)` waits until the data and the live map are
 *   ready, exports, and returns the bytes as base64 (serialisable across the
 *   DevTools protocol) with sizes and timings. `keepWarm: true` keeps the
 *   off-screen renderer for the next call (as the open dialog does).
 * - `window.__hsrExportWarm(on = true)` makes the renderer and resolves when it
 *   is warm (what opening the Export dialog does), or with `false` lets it go.
 *   Given export options instead of `true`, it also loads that export's view
 *   (what the dialog does once the choices rest), so the export only draws.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { exportView, ExportSizeError, prepareExport, renderLimits, type ExportOptions, type ExportResult } from './export.ts';
import { holdRenderer, type RendererHold } from './warm-renderer.ts';
import { viewLink } from '../state/url-state.ts';
import type { Story } from '../story/story.ts';
import { storyRef } from '../story/story-src.ts';

export interface HookSource {
  state: AppState;
  /** The data for an export: null until the detailed outlines it prints are in. */
  data: Dataset | null;
  /** The data the map draws now, whatever its detail (the renderer can start on it). */
  current?(): Dataset | null;
  /** Whether the live map has drawn its first full frame (a second WebGL context made sooner would compete with it). */
  mapDrawn?(): boolean;
  /** Every layer, detailed where the story's chapters need it (for a handout). */
  handoutData?(): Promise<Dataset | null>;
  /** The story the app has loaded for `state.story`. */
  story: Story | null;
  liveMap(): MapLibreMap | undefined;
  mapReady(): boolean;
}

export interface HookOptions extends ExportOptions {
  /** Keep the off-screen renderer warm after this export (until `__hsrExportWarm(false)`). */
  keepWarm?: boolean;
  /**
   * The site the QR code's link points to (the CLI's `--link-base`); default
   * this page's address. Ignored when `link` is given or `qr` is false.
   */
  linkBase?: string;
}

/** The export's options with the view's link filled in (the QR code's), unless one is given or none is wanted. */
export function withLink(src: Pick<HookSource, 'state'>, { linkBase, ...options }: Omit<HookOptions, 'keepWarm'>): ExportOptions {
  if (options.qr === false || options.link !== undefined) return options;
  // The link opens the view in the image's language: a Chinese briefing's code opens the Chinese map.
  return { ...options, link: viewLink(linkBase ?? location.href, options.lang ? { ...src.state, lang: options.lang } : src.state) };
}

export interface HookResult extends Omit<ExportResult, 'bytes'> {
  base64: string;
  /** The largest side this browser can render. */
  maxSide: number;
}

export interface HookError {
  error: string;
  /** Set when the size was too large: the largest size of the same shape that works. */
  fits?: { width: number; height: number };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The live map once the export's data is in and the map is still (not mid-flight,
 * as in a story chapter's camera move: the export copies its camera; its own
 * sources need not have loaded, the export draws its own). Until then, `early`
 * is offered the map on each poll once it has drawn its first full frame, until
 * it returns true (it has started what it wanted to).
 */
async function ready(src: HookSource, timeoutMs: number, early?: (map: MapLibreMap) => boolean): Promise<MapLibreMap> {
  const start = performance.now();
  for (;;) {
    const map = src.liveMap();
    if (early && map && src.mapReady() && (src.mapDrawn?.() ?? true) && early(map)) early = undefined;
    if (src.data && map && src.mapReady() && !map.isMoving()) return map;
    if (performance.now() - start > timeoutMs) throw new Error('the map did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let hold: RendererHold | undefined;

function keep(src: HookSource, liveMap: MapLibreMap): RendererHold {
  return (hold ??= holdRenderer({ state: src.state, data: src.data!, lang: src.state.lang, liveMap }));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Makes the renderer and waits until it is warm (`on`; options: and ready for that export), or releases it; `{ ms }` is how long it took. */
export async function hookWarm(src: HookSource, on: boolean | ExportOptions = true): Promise<{ ms: number } | HookError> {
  const t0 = performance.now();
  try {
    if (!on) {
      hold?.release();
      hold = undefined;
      return { ms: 0 };
    }
    const liveMap = await ready(src, 60_000);
    await keep(src, liveMap).ready;
    if (typeof on === 'object') await prepareExport({ state: src.state, data: src.data!, story: src.story, liveMap }, withLink(src, on));
    return { ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { error: message(e) };
  }
}

/** Runs one export for the hook; errors come back as `{ error, fits? }` rather than a rejection. */
export async function hookExport(src: HookSource, { keepWarm, ...options }: HookOptions): Promise<HookResult | HookError> {
  // The renderer starts on the data the map has, once the map has drawn its first full frame: its
  // first frames (a second WebGL context, seconds in software WebGL) then overlap the wait for the
  // detailed outlines. On the view's own layers, unless it is to stay warm for other exports.
  let early: RendererHold | undefined;
  const start = (liveMap: MapLibreMap): boolean => {
    const data = src.current?.();
    if (!data) return false;
    early = holdRenderer({ state: src.state, data, lang: options.lang ?? src.state.lang, liveMap }, { everyKind: !!keepWarm });
    return true;
  };
  try {
    const liveMap = await ready(src, 60_000, start);
    if (keepWarm) keep(src, liveMap);
    const { bytes, ...rest } = await exportView({ state: src.state, data: src.data!, story: src.story, liveMap }, withLink(src, options));
    return { ...rest, base64: toBase64(bytes), maxSide: renderLimits()?.maxSide ?? 0 };
  } catch (e) {
    if (e instanceof ExportSizeError) return { error: e.message, fits: e.fits };
    return { error: message(e) };
  } finally {
    early?.release();
  }
}

export interface HandoutHookOptions {
  /** Default: the page's language. */
  lang?: Lang;
  /** The site the QR codes lead to; default this page's address. */
  linkBase?: string;
  /** The chapters to print, 0-based (default: every chapter). */
  chapters?: number[];
}

export interface HandoutHookResult {
  base64: string;
  pages: number;
  links: string[];
  ms: number;
}

/** Makes the handout of the presented story once the map and the story are ready. */
export async function hookHandout(src: HookSource, options: HandoutHookOptions = {}): Promise<HandoutHookResult | HookError> {
  try {
    const liveMap = await ready(src, 60_000);
    const start = performance.now();
    while (!src.story || !src.state.story) {
      if (performance.now() - start > 60_000) throw new Error('no story is being presented (open the page with #story=ID)');
      await new Promise((r) => setTimeout(r, 100));
    }
    const data = (await src.handoutData?.()) ?? src.data;
    if (!data) throw new Error('the data is not loaded');
    const { exportHandout } = await import('./handout.ts');
    const r = await exportHandout(
      { state: src.state, data, story: src.story, ref: storyRef(src.state.story), liveMap },
      { lang: options.lang ?? src.state.lang, ...(options.linkBase ? { linkBase: options.linkBase } : {}), ...(options.chapters ? { chapters: options.chapters } : {}) },
    );
    return { base64: toBase64(r.bytes), pages: r.pages, links: r.links, ms: r.ms };
  } catch (e) {
    return { error: message(e) };
  }
}
