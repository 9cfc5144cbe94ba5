/// <reference lib="webworker" />
/**
 * The service worker that makes the built site work offline (`dist/sw.js`).
 *
 * It is not bundled with the app: the `precache` plugin in `vite.config.ts`
 * compiles this file after the build, replacing `__PRECACHE__` with every file
 * of `dist/` (relative to the worker, so the site works from any sub-path) and
 * `__CONTENT_HASH__` with a hash over their contents. A new build therefore
 * means a new cache name; old caches are deleted on activation.
 *
 * Strategy: cache-first for precached files (navigations get the cached
 * `index.html`), network-only for anything else. The page asks whether every
 * file is stored (`{ type: 'hsr-offline-status' }`) and hears back
 * `{ type: 'hsr-offline', ready, hash }`; the worker also announces readiness
 * to every page when it activates.
 */
declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: string[];
declare const __CONTENT_HASH__: string;

const FILES: string[] = __PRECACHE__;
const CACHE = `hsr-${__CONTENT_HASH__}`;
const scope = new URL('./', self.location.href);
const urls = FILES.map((f) => new URL(f, scope).href);
const precached = new Set(urls);
const shell = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache: the worker must store what this build served.
      await cache.addAll(urls.map((u) => new Request(u, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('hsr-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
      const ready = await complete();
      for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage({ type: 'hsr-offline', ready, hash: __CONTENT_HASH__ });
    })(),
  );
});

/** Whether every file of the build is in the cache. */
async function complete(): Promise<boolean> {
  const cache = await caches.open(CACHE);
  const keys = new Set((await cache.keys()).map((r) => r.url));
  return urls.every((u) => keys.has(u));
}

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type !== 'hsr-offline-status') return;
  event.waitUntil(
    complete().then((ready) => (event.source as Client | null)?.postMessage({ type: 'hsr-offline', ready, hash: __CONTENT_HASH__ })),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  let key: string | null = null;
  if (req.mode === 'navigate' && url.href.startsWith(scope.href)) {
    // Any page of the site (`./`, `./?test`, `./index.html#…`) is the app shell.
    key = shell;
  } else {
    url.search = '';
    if (precached.has(url.href)) key = url.href;
  }
  if (!key) return; // network only: the browser handles it as if there were no worker
  const hit = key;
  event.respondWith(
    (async () => {
      const cached = await caches.match(hit, { cacheName: CACHE });
      return cached ?? fetch(req);
    })(),
  );
});

// A module for the type checker (its own `self`); the plugin drops this line from sw.js, a classic worker.
export {};
