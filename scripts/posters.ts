/**
 * Draws the posters (`src/app/poster.ts`): pictures of the map's default view
 * in each language, worldview and shape of window, shown as the first paint
 * while the live map loads. Run after a change to the data or the map's look:
 *
 *   npm run posters
 *
 * Builds the site into a temporary directory (without posters), serves it
 * (`serve-dist.ts`), opens the default view in headless Chromium for each
 * shape of window and worldview, and has the page export its map through the
 * export pipeline (`window.__hsrExport`, everything but the map switched off,
 * one output pixel per CSS pixel: a copy of the screen) in each language; the
 * page re-encodes it as WebP. The files go to `public/posters/` (committed)
 * with `posters.json`: their sizes and the data's `content_hash` they show.
 *
 * Not part of `vite build`: drawing them takes about two minutes of software
 * WebGL on two cores (the build itself takes seconds), and neither software
 * WebGL's pixels nor Chromium's WebP encoder are byte-for-byte stable across
 * versions. The build puts the `<picture>` in the page from `posters.json`
 * (`poster-plugin.ts`) and warns when the data have changed since.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { serveDist } from './serve-dist.ts';
import { POSTER_MANIFEST, POSTER_SHAPES, posterFile, type PosterManifest } from '../src/app/poster.ts';
import { WORLDVIEWS, type Worldview } from '../src/data/worldviews.ts';
import type { Lang } from '../src/state/app-state.ts';
import { LANGS } from '../src/data/vocabulary.ts';

const ROOT = process.cwd();
const OUT = join(ROOT, 'public');
/** WebP quality: a picture shown for a second or two under a fading map; small matters more than sharp. */
const QUALITY = 0.45;
/** Device pixels of the poster per CSS pixel of the map it copies (upscaled on screen: a blur nobody studies). */
const SCALE = 0.75;
const TIMEOUT_MS = 180_000;

interface Picture {
  lang: Lang;
  worldview: Worldview;
  webp: Buffer;
  width: number;
  height: number;
  /** The export's own time (printed). */
  ms: number;
}

/**
 * The map of the default view in one shape of window, in each worldview and
 * language: one page (one warm export renderer), the worldview switched
 * through the link as a visitor would.
 */
async function drawShape(browser: Browser, url: string, shape: (typeof POSTER_SHAPES)[number]): Promise<Picture[]> {
  const context = await browser.newContext({ viewport: shape.viewport, deviceScaleFactor: 1, locale: 'en-US', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const out: Picture[] = [];
    for (const [i, worldview] of WORLDVIEWS.entries()) {
      if (i === 0) await page.goto(`${url}?export#lang=en&wv=${worldview}`, { waitUntil: 'load', timeout: TIMEOUT_MS });
      else await page.evaluate((wv) => (location.hash = `#lang=en&wv=${wv}`), worldview);
      // The map's data in that worldview (the export waits for its detailed outlines itself).
      await page.waitForFunction((wv) => typeof window.__hsrExport === 'function' && document.querySelector('hsr-map')?.data?.worldview === wv, worldview, { timeout: TIMEOUT_MS, polling: 100 });
      for (const lang of LANGS) {
        const r = await page.evaluate(
          async ({ lang, quality, scale, worldview }) => {
            const box = document.querySelector('hsr-map')!.getBoundingClientRect();
            const width = Math.round(box.width);
            const height = Math.round(box.height);
            const t0 = performance.now();
            const res = await window.__hsrExport!({
              width,
              height,
              pixelRatio: 1,
              lang,
              format: 'png',
              title: null,
              subtitle: null,
              legend: false,
              scaleBar: false,
              northArrow: false,
              attribution: false,
              sources: false,
              date: false,
              inset: false,
              qr: false,
              keepWarm: true,
            });
            if ('error' in res) return { error: res.error };
            if (res.worldview !== worldview) return { error: `drawn in the ${res.worldview} worldview` };
            const ms = performance.now() - t0;
            const png = Uint8Array.from(atob(res.base64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
            const w = Math.round(width * scale);
            const h = Math.round(height * scale);
            const canvas = new OffscreenCanvas(w, h);
            const ctx = canvas.getContext('2d')!;
            ctx.imageSmoothingQuality = 'high';
            ctx.drawImage(bitmap, 0, 0, w, h);
            const webp = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp', quality })).arrayBuffer());
            let s = '';
            for (let i = 0; i < webp.length; i += 0x8000) s += String.fromCharCode(...webp.subarray(i, i + 0x8000));
            return { base64: btoa(s), width: w, height: h, ms };
          },
          { lang, quality: QUALITY, scale: SCALE, worldview },
        );
        if ('error' in r) throw new Error(`${shape.id} ${worldview} ${lang}: ${r.error}`);
        out.push({ lang, worldview, webp: Buffer.from(r.base64, 'base64'), width: r.width, height: r.height, ms: r.ms });
      }
    }
    return out;
  } finally {
    await context.close();
  }
}

async function main() {
  const started = performance.now();
  const dist = mkdtempSync(join(tmpdir(), 'hsr-posters-'));
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  try {
    // Vitest or a shell may set NODE_ENV=test/development; the posters show the production build.
    const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (b.status !== 0) throw new Error(`vite build failed (exit ${b.status ?? b.signal})`);
    server = await serveDist(dist);
    browser = await launchChromium();
    mkdirSync(join(OUT, 'posters'), { recursive: true });
    const manifest: PosterManifest = {
      contentHash: (JSON.parse(readFileSync(join(ROOT, 'public/data/manifest.json'), 'utf8')) as { content_hash: string }).content_hash,
      sizes: {} as PosterManifest['sizes'],
    };
    for (const shape of POSTER_SHAPES) {
      for (const p of await drawShape(browser, server.url, shape)) {
        const file = posterFile(p.lang, p.worldview, shape.id);
        writeFileSync(join(OUT, file), p.webp);
        manifest.sizes[shape.id] = { width: p.width, height: p.height };
        console.log(`${file}: ${p.width}×${p.height}, ${(p.webp.length / 1024).toFixed(1)} KB (${(p.ms / 1000).toFixed(1)} s)`);
      }
    }
    writeFileSync(join(OUT, POSTER_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`posters drawn in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
