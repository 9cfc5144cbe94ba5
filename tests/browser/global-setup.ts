/**
 * Global setup of the "browser" test project: builds the site once (`vite build`
 * into `dist/`, skipped with SKIP_BUILD=1), serves `dist/` on a free 127.0.0.1
 * port with Vite's preview server (gzip, as `npm run preview`), at `/` and from a
 * sub-path, launches one Chromium for every test file (`sharedBrowser()` in
 * `chromium.ts` connects to it), and provides the URLs to the tests
 * (`inject('baseUrl')`). For the component tests, which mount one element
 * with hand-made data in a blank page (no map, no build), Vite's dev server
 * serves the sources (`inject('sourceUrl')`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveDist } from '../../scripts/serve-dist.ts';
import { launchChromiumServer } from '../../scripts/chromium.ts';
import { createServer } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built site is served, with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
    baseUrl: string;
    /** The same site served from a sub-path (`http://127.0.0.1:<port>/nested/site/`), as some static hosts do. */
    subPathUrl: string;
    /** Vite's dev server over the sources (component tests: `tests/browser/components/index.html`). */
    sourceUrl: string;
    /** The shared Chromium's WebSocket endpoint. */
    browserWsEndpoint: string;
  }
}

const ROOT = process.cwd();
const SUB_PATH = 'nested/site/';
/** `HSR_DIST=<dir>` builds and serves another directory (two test runs side by side). */
const DIST = resolve(ROOT, process.env.HSR_DIST ?? 'dist');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.SKIP_BUILD !== '1') {
    const started = performance.now();
    // Vitest sets NODE_ENV=test, which Vite would keep, building with import.meta.env.DEV = true.
    const env = { ...process.env, NODE_ENV: 'production' };
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
    console.log(`[browser tests] built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/index.html is missing: run without SKIP_BUILD=1 to build the site first');
  if (!existsSync(join(DIST, 'data/basemap/countries.geojson'))) {
    throw new Error('dist/data/basemap/ is missing: generate public/data/basemap/ (npm run data, or npx tsx geo/build-basemap.ts) and build again');
  }
  // Chromium first: without it the suite fails here, before any build is served (tests never skip).
  const chromium = await launchChromiumServer();
  const server = await serveDist(DIST);
  const nested = await serveDist(DIST, `/${SUB_PATH}`);
  // No file watching, no hot reload, no dependency pre-bundling: a page loads the modules it imports as they are
  // (lit and the site's own are ES modules), and is never reloaded under a test by a late discovered dependency.
  const sources = await createServer({
    root: ROOT,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await sources.listen();
  const sourceUrl = sources.resolvedUrls?.local[0];
  if (!sourceUrl) throw new Error('Vite dev server has no local URL');
  console.log(`[browser tests] serving dist/ at ${server.url} (and ${nested.url}); sources at ${sourceUrl}`);
  project.provide('baseUrl', server.url);
  project.provide('subPathUrl', nested.url);
  project.provide('sourceUrl', sourceUrl);
  project.provide('browserWsEndpoint', chromium.wsEndpoint());
  return async () => {
    await Promise.all([server.close(), nested.close(), sources.close(), chromium.close()]);
  };
}
