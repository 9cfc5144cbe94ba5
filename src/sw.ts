/// <reference lib="webworker" />
/**
 * The service worker that makes the built site work offline (`dist/sw.js`).
 *
 * It is not bundled with the app: the `precache` plugin in `vite.config.ts`
 * compiles this file after the build and defines `__PRECACHE__` (every file
 * of `dist/`, relative to the worker, so the site works from any sub-path) and
 * `__CONTENT_HASH__` (a hash over their contents) above it. A new build
 * therefore means a new cache name.
 *
 * Strategy: cache-first for precached files, network-only for anything else.
 * Navigations to the site itself (`./`, `./?test`, `./index.html`, paths
 * without an extension) get the cached `index.html`; a navigation to a file
 * (a document opened raw in a new tab, `data/records.csv`) gets that file.
 *
 * Updates: a new worker installs its cache beside the old one and waits; it
 * does not take over tabs running the old build, whose lazy chunks (presenter,
 * export, fonts) are only in the old cache. The page shows "Update ready —
 * reload" and, when the user asks, sends `{ type: 'hsr-update' }`. Old caches
 * are deleted only when no other tab may still use them: on a plain activation
 * (no old tab was left), or when the only open tab is one that loaded the new
 * build. Until then a file the new build lacks is still served from an old
 * cache.
 *
 * The page asks whether every file is stored (`{ type: 'hsr-offline-status' }`)
 * and hears back `{ type: 'hsr-offline', ready, hash }`; the worker also
 * announces readiness to every page when it activates.
 *
 * The cache repairs itself: the browser may evict entries, a person may clear
 * some. Each time a page starts (its status question), the worker compares the
 * cache with the build's list and fetches what is missing; "ready" means every
 * file is really there. A precached file found missing while the network works
 * is put back as it is served.
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
/** Set when a tab asked this worker to take over while others may still run the old build. */
let tookOver = false;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache: the worker must store what this build served.
      await cache.addAll(urls.map((u) => new Request(u, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Activated on its own, no tab was controlled by the old worker: nothing needs its cache.
      if (tookOver) await pruneIfAlone();
      else await deleteOldCaches();
      await self.clients.claim();
      const ready = await complete();
      for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage({ type: 'hsr-offline', ready, hash: __CONTENT_HASH__ });
    })(),
  );
});

async function deleteOldCaches(): Promise<void> {
  for (const name of await caches.keys()) if (name.startsWith('hsr-') && name !== CACHE) await caches.delete(name);
}

/** Deletes old caches when at most one tab is open (the one that just loaded this build). */
async function pruneIfAlone(): Promise<void> {
  const tabs = await self.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  if (tabs.length <= 1) await deleteOldCaches();
}

/** The build's files that are not in the cache. */
async function missing(): Promise<string[]> {
  const cache = await caches.open(CACHE);
  const keys = new Set((await cache.keys()).map((r) => r.url));
  return urls.filter((u) => !keys.has(u));
}

/** Whether every file of the build is in the cache. */
async function complete(): Promise<boolean> {
  return (await missing()).length === 0;
}

let repairing: Promise<boolean> | null = null;

/** Fetches the build's files missing from the cache (one repair at a time); true when the cache is then complete. */
function repair(): Promise<boolean> {
  repairing ??= (async () => {
    try {
      const lost = await missing();
      if (!lost.length) return true;
      const cache = await caches.open(CACHE);
      for (const u of lost) {
        try {
          const res = await fetch(new Request(u, { cache: 'reload' }));
          if (res.ok) await cache.put(u, res);
        } catch {
          // Offline: it stays missing, and the page does not say "Ready offline".
        }
      }
      return await complete();
    } finally {
      repairing = null;
    }
  })();
  return repairing;
}

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'hsr-update') {
    tookOver = true;
    event.waitUntil(self.skipWaiting());
  } else if (type === 'hsr-offline-status') {
    // Sent by every page as it starts, so a page of this build: old caches may go once it is the only one.
    event.waitUntil(
      (async () => {
        await pruneIfAlone();
        const ready = await repair();
        (event.source as Client | null)?.postMessage({ type: 'hsr-offline', ready, hash: __CONTENT_HASH__ });
      })(),
    );
  }
});

/** Navigations that are the app itself rather than one of its files. */
function isShellPath(relative: string): boolean {
  const last = relative.slice(relative.lastIndexOf('/') + 1);
  return relative === '' || relative === 'index.html' || !last.includes('.');
}

/** The cached URL that answers `req`, or null to leave it to the network. */
function cacheKey(req: Request): string | null {
  const url = new URL(req.url);
  url.hash = '';
  url.search = '';
  if (!url.href.startsWith(scope.href)) return null;
  if (req.mode === 'navigate' && isShellPath(url.href.slice(scope.href.length))) return shell;
  return url.href;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const key = cacheKey(req);
  if (!key) return; // another origin: the browser handles it as if there were no worker
  if (!precached.has(key)) {
    // Not this build's: an old tab's chunk may still be in an old cache; else the network.
    event.respondWith(
      (async () => {
        for (const name of await caches.keys()) {
          if (!name.startsWith('hsr-') || name === CACHE) continue;
          const old = await (await caches.open(name)).match(key);
          if (old) return old;
        }
        return fetch(req);
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(key, { cacheName: CACHE });
      if (cached) return cached;
      // Evicted or cleared: served from the network and put back (the shell only from a request for itself).
      const res = await fetch(req);
      if (res.ok && (key !== shell || req.url.split(/[?#]/)[0] === shell)) {
        const copy = res.clone();
        event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
      }
      return res;
    })(),
  );
});

// A module for the type checker (its own `self`); the plugin drops this line from sw.js, a classic worker.
export {};
