/**
 * Offline support: registers the service worker (`sw.js`, built by the
 * `precache` plugin in `vite.config.ts`) in production builds, reports when
 * every file of the site is stored, so the header can say "Ready offline",
 * and when a new build's worker is installed and waiting, so it can offer
 * "Update ready — reload" (the worker never takes over a tab by itself: the
 * old build's lazy chunks must stay available to it; see `src/sw.ts`).
 *
 * Service workers exist only in secure contexts (https, or http://localhost
 * and 127.0.0.1): a page opened over a LAN address gets no offline mode.
 * The dev server has no `sw.js` and must never be served stale files, so
 * nothing is registered there.
 */
export type OfflineStatus = 'unavailable' | 'caching' | 'ready';

interface OfflineMessage {
  type: 'hsr-offline';
  ready: boolean;
  hash: string;
}

export interface OfflineCallbacks {
  onStatus(status: OfflineStatus): void;
  /** A new version is installed and waiting; calling `apply` switches to it and reloads the page. */
  onUpdate?(apply: () => void): void;
}

/**
 * Registers the worker and reports as caching progresses and updates arrive.
 * @returns a function that stops listening
 */
export function registerOffline({ onStatus, onUpdate }: OfflineCallbacks): () => void {
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
    .then((reg: ServiceWorkerRegistration | undefined) => {
      // Some browsers (and policies that block service workers) resolve without a registration.
      if (!reg) throw new Error('service workers are blocked here');
      if (onUpdate) watchUpdates(reg, onUpdate);
      return sw.ready;
    })
    .then((reg) => reg.active?.postMessage({ type: 'hsr-offline-status' }))
    .catch((e: unknown) => {
      console.warn('offline mode unavailable:', e);
      onStatus('unavailable');
    });
  return () => sw.removeEventListener('message', onMessage);
}

/** Calls `onUpdate` once a worker of a newer build has installed and waits behind the one controlling this page. */
function watchUpdates(reg: ServiceWorkerRegistration, onUpdate: (apply: () => void) => void) {
  const sw = navigator.serviceWorker;
  let offered = false;
  const apply = () => {
    // Reload once the new worker controls the page (only now: the first install's `claim` changes the controller too).
    sw.addEventListener('controllerchange', () => location.reload(), { once: true });
    reg.waiting?.postMessage({ type: 'hsr-update' });
  };
  const check = () => {
    if (offered || !reg.waiting || !sw.controller) return;
    offered = true;
    onUpdate(apply);
  };
  const watch = (w: ServiceWorker | null) => w?.addEventListener('statechange', check);
  check();
  watch(reg.installing);
  reg.addEventListener('updatefound', () => watch(reg.installing));
}
