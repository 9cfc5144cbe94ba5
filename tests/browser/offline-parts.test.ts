/**
 * A truly offline product, on the built site in Chromium:
 * - a part of the app loaded on first use (the presentation mode, the export
 *   dialog, the document reader) whose code cannot be fetched says so in the
 *   page's language (so do the map's deck.gl layers), keeps the view in the
 *   address, and offers a reload that brings it once the network is back;
 * - the offline cache repairs itself: files deleted from it come back on the
 *   next start with a network, "Ready offline" shows only when every file is
 *   really there, and the repaired cache opens the site with no server at all.
 */
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDist } from '../../scripts/serve-dist.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { assertCleanPage, openPage, type PageRecording, sharedBrowser } from './chromium.ts';

const SLOW = 240_000;
const DIST = resolve(process.env.HSR_DIST ?? 'dist');
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});

afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await browser?.close();
});

/** Opens the site with the lazy chunk `chunk` (e.g. `hsr-presenter`) unreachable, as offline before it was ever stored. */
async function openWithout(chunk: string, hash: string, base = inject('baseUrl')): Promise<PageRecording & { restore: () => Promise<void> }> {
  const pattern = new RegExp(`/assets/${chunk}-[\\w-]+\\.js$`);
  // No service worker: it would store the chunk (from the network, past the route) before the visitor asks for it.
  const rec = await openPage(browser, `${base}?test${hash}`, { beforeGoto: (page) => page.route(pattern, (r) => r.abort('internetdisconnected')) });
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready', undefined, { timeout: 90_000 });
  return { ...rec, restore: () => rec.page.unroute(pattern) };
}

function partBanner(page: Page) {
  return page.locator('hsr-app .banner-part');
}

describe('lazy parts without their code (Chromium, built site)', () => {
  it('keeps a story link and says, in Chinese, that the presentation mode needs the network once; the reload brings it', { timeout: SLOW }, async () => {
    const rec = await openWithout('hsr-presenter', `#lang=zh&story=${DEFAULT_STORY_ID}&chapter=2`);
    const { page } = rec;
    const banner = partBanner(page);
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/^演示模式未能加载：首次使用需要联网一次/);
    expect(await banner.getAttribute('role')).toBe('alert');
    // The story stays in the address: nothing the visitor asked for is lost.
    expect(new URL(page.url()).hash).toMatch(new RegExp(`story=${DEFAULT_STORY_ID}&chapter=2`));
    expect(rec.pageErrors).toEqual([]);
    // Back online: the button reloads the same address, and the talk opens at its chapter.
    await rec.restore();
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载并重试' }).click()]);
    await page.locator('hsr-presenter .caption[data-chapter]').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).hash).toMatch(/chapter=2/);
    await expect.poll(() => partBanner(page).count()).toBe(0);
  });

  it('says so when the Export button’s dialog cannot load, without an uncaught error', { timeout: SLOW }, async () => {
    const rec = await openWithout('hsr-export-dialog', '');
    const { page } = rec;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const banner = partBanner(page);
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/^The export could not load: it needs the network once/);
    expect(await page.getByRole('dialog', { name: 'Export a map image' }).count()).toBe(0);
    expect(rec.pageErrors).toEqual([]);
  });

  it('says so when the document reader cannot load, keeping the document in the address', { timeout: SLOW }, async () => {
    const rec = await openWithout('hsr-reader', '#sel=project-23');
    const { page } = rec;
    await page
      .locator('hsr-detail')
      .getByRole('button', { name: /Read in the source document/ })
      .first()
      .click();
    const banner = partBanner(page);
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/^The document reader could not load/);
    expect(new URL(page.url()).hash).toMatch(/doc=/);
    expect(rec.pageErrors).toEqual([]);
  });

  it('says so, in Chinese, when the map’s layers cannot load: the base map stays, and the reload brings them', { timeout: SLOW }, async () => {
    const rec = await openWithout('deck-overlay', '#lang=zh');
    const { page } = rec;
    const banner = partBanner(page);
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/^地图图层未能加载/);
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual([]);
    await rec.restore();
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载并重试' }).click()]);
    await page.waitForFunction(() => (window.__hsrMap?.deckLayerIds().length ?? 0) > 0, undefined, { timeout: 90_000 });
    await expect.poll(() => partBanner(page).count()).toBe(0);
    expect(rec.pageErrors).toEqual([]);
  });
});

describe('the offline cache repairs itself (Chromium, built site)', () => {
  it('puts back deleted files on the next start with a network, says "Ready offline" only when all are there, and then opens with no server', { timeout: SLOW }, async () => {
    // A copy of the build on a server of this test's own, which the test can break and stop.
    const root = mkdtempSync(join(tmpdir(), 'hsr-repair-'));
    cpSync(DIST, root, { recursive: true });
    const server = await serveDist(root);
    let serving = true;
    try {
      const rec = await openPage(browser, `${server.url}?test`, { serviceWorker: true });
      open.push(rec);
      const { page, context } = rec;
      const ready = page.locator('.offline-ready');
      await ready.waitFor({ timeout: 90_000 });
      const shell = `${server.url}index.html`;
      const chunk = await page.evaluate(async () => {
        const [name] = await caches.keys();
        const keys = await (await caches.open(name!)).keys();
        return keys.map((r) => r.url).find((u) => /\/assets\/hsr-reader-[\w-]+\.js$/.test(u))!;
      });
      const stored = (urls: string[]) =>
        page.evaluate(async (urls) => {
          const [name] = await caches.keys();
          const cache = await caches.open(name!);
          return Promise.all(urls.map(async (u) => (await cache.match(u)) !== undefined));
        }, urls);
      const evict = (urls: string[]) =>
        page.evaluate(async (urls) => {
          const [name] = await caches.keys();
          const cache = await caches.open(name!);
          for (const u of urls) await cache.delete(u);
        }, urls);

      // Two files gone from the cache, and the server cannot give the shell back: not ready, and not said to be.
      await evict([shell, chunk]);
      renameSync(join(root, 'index.html'), join(root, 'index.html.away'));
      await page.evaluate(() => navigator.serviceWorker.controller!.postMessage({ type: 'hsr-offline-status' }));
      await ready.waitFor({ state: 'detached', timeout: 30_000 });
      expect(await stored([shell, chunk])).toEqual([false, true]);

      // The server is whole again: the next start puts the shell back, and the page says "Ready offline".
      renameSync(join(root, 'index.html.away'), join(root, 'index.html'));
      await page.reload();
      await ready.waitFor({ timeout: 90_000 });
      expect(await stored([shell, chunk])).toEqual([true, true]);

      // With no server at all, the repaired cache opens the site.
      await server.close();
      serving = false;
      await context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => window.__hsrMap?.status === 'ready', undefined, { timeout: 90_000 });
      await ready.waitFor({ timeout: 60_000 });
      await assertCleanPage(rec);
    } finally {
      if (serving) await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
