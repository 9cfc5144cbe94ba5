/**
 * Warms the export's off-screen renderer (`export/warm-renderer.ts`) once the
 * live map has drawn its first full frame, every layer's data is in and the
 * browser is idle, instead of only when the Export dialog opens: the
 * renderer's first frame costs seconds
 * in software WebGL (a new context compiles every shader again), and a visitor
 * who exports soon after the page opens would wait for all of it. The page
 * then holds the renderer (small, between exports) until the tab is hidden.
 *
 * Not on phones and tablets, nor on devices that say they are short of memory
 * or data (a second map and its detailed outlines): there the dialog warms it
 * when opened, as before.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';

export interface WarmupSource {
  state: AppState;
  /** The data with the detailed outlines an export draws, or null while they are on their way. */
  data: Dataset | null;
  /** The live map, once ready. */
  liveMap: MapLibreMap | undefined;
}

/** Below this much memory (GB, where the browser says: `navigator.deviceMemory`) the page does not warm up on its own. */
const MIN_MEMORY_GB = 4;
/** How long to wait for the detailed outlines before giving up (the dialog still warms up when opened). */
const GIVE_UP_MS = 120_000;

const idle = () => new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 200)));

/**
 * Whether this device should warm the renderer without being asked: not a
 * phone or tablet (a finger is its main pointer: exports are made at a desk,
 * and a second map costs a phone memory and battery), nor a device short of
 * memory or saving data.
 */
export function warmsUnasked(
  nav: { deviceMemory?: number; connection?: { saveData?: boolean } } = navigator as never,
  touchFirst: boolean = window.matchMedia?.('(pointer: coarse)').matches ?? false,
): boolean {
  if (touchFirst || nav.connection?.saveData) return false;
  return nav.deviceMemory === undefined || nav.deviceMemory >= MIN_MEMORY_GB;
}

let started = false;

/** Once per page: when idle, waits for the export's data and holds a warm renderer. Never rejects. */
export async function warmExportWhenIdle(source: () => WarmupSource): Promise<void> {
  if (started || !warmsUnasked()) return;
  started = true;
  const t0 = performance.now();
  try {
    await idle();
    let s = source();
    while (!s.data || !s.liveMap) {
      if (performance.now() - t0 > GIVE_UP_MS) return;
      await new Promise((r) => setTimeout(r, 250));
      s = source();
    }
    // The detailed outlines have just been fetched and parsed: idle again before the second map.
    await idle();
    const { holdRenderer } = await import('../export/warm-renderer.ts');
    const hold = holdRenderer({ state: s.state, data: s.data, lang: s.state.lang, liveMap: s.liveMap });
    // A tab in the background gives the second map's memory back (the dialog warms it again when opened).
    const hidden = () => {
      if (document.visibilityState !== 'hidden') return;
      hold.release();
      document.removeEventListener('visibilitychange', hidden);
    };
    document.addEventListener('visibilitychange', hidden);
  } catch (e) {
    console.warn('export renderer not warmed up:', e);
  }
}
