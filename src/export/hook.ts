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
import type { AppState } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { exportView, ExportSizeError, prepareExport, renderLimits, type ExportOptions, type ExportResult } from './export.ts';
import { holdRenderer, type RendererHold } from './warm-renderer.ts';

export interface HookSource {
  state: AppState;
  data: Dataset | null;
  liveMap(): MapLibreMap | undefined;
  mapReady(): boolean;
}

export interface HookOptions extends ExportOptions {
  /** Keep the off-screen renderer warm after this export (until `__hsrExportWarm(false)`). */
  keepWarm?: boolean;
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

async function ready(src: HookSource, timeoutMs: number): Promise<MapLibreMap> {
  const start = performance.now();
  for (;;) {
    const map = src.liveMap();
    // Not mid-flight either (a story chapter's camera move): the export copies the live extent.
    if (src.data && map && src.mapReady() && map.loaded() && !map.isMoving()) return map;
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
    if (typeof on === 'object') await prepareExport({ state: src.state, data: src.data!, liveMap }, on);
    return { ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { error: message(e) };
  }
}

/** Runs one export for the hook; errors come back as `{ error, fits? }` rather than a rejection. */
export async function hookExport(src: HookSource, { keepWarm, ...options }: HookOptions): Promise<HookResult | HookError> {
  try {
    const liveMap = await ready(src, 60_000);
    if (keepWarm) keep(src, liveMap);
    const { bytes, ...rest } = await exportView({ state: src.state, data: src.data!, liveMap }, options);
    return { ...rest, base64: toBase64(bytes), maxSide: renderLimits()?.maxSide ?? 0 };
  } catch (e) {
    if (e instanceof ExportSizeError) return { error: e.message, fits: e.fits };
    return { error: message(e) };
  }
}
