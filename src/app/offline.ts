/**
 * Offline support: registers the service worker (`sw.js`, built by the
 * `precache` plugin in `vite.config.ts`) in production builds, and reports when
 * every file of the site is stored, so the header can say "Ready offline".
 *
 * The dev server has no `sw.js` and must never be served stale files, so
 * nothing is registered there.
 */
export type OfflineStatus = 'unavailable' | 'caching' | 'ready';

interface OfflineMessage {
  type: 'hsr-offline';
  ready: boolean;
  hash: string;
}

/**
 * Registers the worker and calls `onStatus` as caching progresses.
 * @returns a function that stops listening
 */
export function registerOffline(onStatus: (status: OfflineStatus) => void): () => void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) {
    onStatus('unavailable');
    return () => undefined;
  }
  const sw = navigator.serviceWorker;
  const onMessage = (e: MessageEvent<OfflineMessage>) => {
    if (e.data?.type === 'hsr-offline') onStatus(e.data.ready ? 'ready' : 'caching');
  };
  sw.addEventListener('message', onMessage);
  onStatus('caching');
  // Relative to the page, like everything else: the site may live in a sub-path.
  sw.register(new URL('sw.js', document.baseURI).href, { scope: './' })
    .then(() => sw.ready)
    .then((reg) => reg.active?.postMessage({ type: 'hsr-offline-status' }))
    .catch((e: unknown) => {
      console.warn('offline mode unavailable:', e);
      onStatus('unavailable');
    });
  return () => sw.removeEventListener('message', onMessage);
}
