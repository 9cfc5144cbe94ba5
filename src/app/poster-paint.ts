/**
 * When the poster has been painted: the entry script (`main.ts`) imports the
 * application only then. A picture that arrives while the application's 300 KB
 * are being evaluated is painted only once that is done, seconds later on a
 * phone; and a browser's first paint of a page is judged by its largest
 * element, which here should be the poster, not the text under it.
 *
 * Chromium says when an element is painted (Element Timing: the `<img>` carries
 * `elementtiming`, `scripts/poster-plugin.ts`); elsewhere the picture's decoding
 * and a frame after it stand in. Never longer than `POSTER_WAIT_MS`: a slow or
 * failed picture does not hold the map back. Only for an address with no view
 * in it (no hash; `?test` aside): a link to a view, a language or a worldview
 * has the application hide or swap the English default picture at once.
 */

/** The poster `<img>`'s `elementtiming` identifier. */
export const POSTER_TIMING_ID = 'map-poster';

/** The longest the application waits for the poster (a slow connection gets the map's code soon after). */
export const POSTER_WAIT_MS = 1500;

/** Resolves after the next frame has been painted. */
export const afterPaint = (): Promise<void> => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Whether the address opens the default view, the one the page's poster shows. */
export function opensDefaultView(loc: { hash: string; search: string } = location): boolean {
  return loc.hash.length <= 1 && [...new URLSearchParams(loc.search).keys()].every((k) => k === 'test');
}

/** Resolves once the poster has been painted (or failed to load), or after `waitMs`; after the next frame when there is no poster to wait for. */
export function posterPainted(doc: Document = document, waitMs: number = POSTER_WAIT_MS): Promise<void> {
  const img = doc.querySelector<HTMLImageElement>(`img[elementtiming="${POSTER_TIMING_ID}"]`);
  // (complete with no width: it has already failed.)
  if (!img || !opensDefaultView(doc.location) || (img.complete && img.naturalWidth === 0)) return afterPaint();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, waitMs));
  const failed = new Promise<void>((resolve) => img.addEventListener('error', () => resolve(), { once: true }));
  if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
    return Promise.race([img.decode().then(afterPaint, () => undefined), failed, timeout]);
  }
  let observer: PerformanceObserver | undefined;
  const painted = new Promise<void>((resolve) => {
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === POSTER_TIMING_ID)) resolve();
    });
    // buffered: the picture may have been painted before this script ran.
    observer.observe({ type: 'element', buffered: true });
  });
  return Promise.race([painted, failed, timeout]).finally(() => observer?.disconnect());
}
