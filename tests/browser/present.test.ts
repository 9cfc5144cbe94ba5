/**
 * The forum presentation mode in Debian Chromium: the Present button and a URL
 * open a story chapter; keys (and what clickers send) move chapters and the
 * camera; blanking, language and leaving work; the kiosk advances and loops;
 * and once the site has been opened, a reload with the network gone still
 * draws the map and the story from the service worker's cache.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { getStory } from '../../src/story/index.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { assertCleanPage, launchChromium, openPage, type PageRecording } from './chromium.ts';

const story = getStory(DEFAULT_STORY_ID)!;
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

// Close each test's page: a kiosk left flying would load the two cores for the next test.
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await browser?.close();
});

const PROJECTOR = { width: 1920, height: 1080 };

async function openApp(hash = '', options: Parameters<typeof openPage>[2] = {}): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, { viewport: PROJECTOR, ...options });
  open.push(rec);
  await waitForMap(rec.page);
  return rec;
}

function waitForMap(page: Page) {
  return page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
}

/** The chapter the caption shows (its id) once it shows `id`. */
async function waitForChapter(page: Page, id: string, timeout = 20_000): Promise<void> {
  await page.locator(`hsr-presenter .caption[data-chapter="${id}"]`).waitFor({ timeout });
}

/** Waits until the camera stops moving, and returns its centre and zoom. */
async function cameraAtRest(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
  await page.waitForFunction(() => !window.__map!.isMoving(), undefined, { timeout: 20_000 });
  return page.evaluate(() => {
    const m = window.__map!;
    const c = m.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: m.getZoom() };
  });
}

function chapter(id: string) {
  const ch = story.chapters.find((c) => c.id === id);
  if (!ch) throw new Error(`no chapter ${id}`);
  return ch;
}

function hashParams(page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

describe('presentation mode', () => {
  it('starts from the Present button, and keys move chapters and fly the camera', async () => {
    const rec = await openApp();
    const { page } = rec;
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForChapter(page, 'overview');
    // Header and side panel step aside; the map is the slide.
    expect(await page.locator('hsr-app > header').isVisible()).toBe(false);
    expect(hashParams(page).get('story')).toBe(DEFAULT_STORY_ID);
    expect(hashParams(page).get('chapter')).toBe('1');

    const before = await cameraAtRest(page);
    await page.keyboard.press('PageDown');
    await waitForChapter(page, 'economic-belt');
    // A real flight: the camera is on its way before it arrives.
    const moving = await page.evaluate(() => window.__map!.isMoving());
    expect(moving).toBe(true);
    const belt = await cameraAtRest(page);
    const target = chapter('economic-belt').camera;
    expect(belt.lon).toBeCloseTo(target.center[0], 0);
    expect(belt.lat).toBeCloseTo(target.center[1], 0);
    expect(belt.zoom).toBeCloseTo(target.zoom, 1);
    expect(Math.hypot(belt.lon - before.lon, belt.lat - before.lat)).toBeGreaterThan(5);
    expect(hashParams(page).get('chapter')).toBe('2');
    // The chapter's layers and filters are applied, and its features ringed.
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['mechanisms', 'priority-countries', 'directions', 'highlight-direction-belt']));
    expect(ids).not.toContain('projects');

    // Every "next" and "previous" key, including what clickers send.
    const steps: [string, string][] = [
      ['ArrowRight', 'maritime-silk-road'],
      ['Space', 'corridors'],
      ['Enter', 'mekong'],
      ['ArrowDown', 'central-asia'],
      ['ArrowLeft', 'mekong'],
      ['PageUp', 'corridors'],
      ['ArrowUp', 'maritime-silk-road'],
      ['End', 'joint-statement-2020'],
      ['Home', 'overview'],
      ['7', 'chinese-medicine'],
      ['0', 'joint-statement-2020'],
    ];
    for (const [key, id] of steps) {
      await page.keyboard.press(key);
      await waitForChapter(page, id);
    }
    const last = await cameraAtRest(page);
    expect(last.lon).toBeCloseTo(chapter('joint-statement-2020').camera.center[0], 0);
    // Back in history goes back a chapter.
    await page.goBack();
    await waitForChapter(page, 'chinese-medicine');
    await assertCleanPage(rec);
  });

  it('opens a given chapter from a link, at its view, with large type', async () => {
    const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=4`);
    const { page } = rec;
    await waitForChapter(page, 'corridors');
    const cam = await cameraAtRest(page);
    const target = chapter('corridors').camera;
    expect(cam.lon).toBeCloseTo(target.center[0], 0);
    expect(cam.lat).toBeCloseTo(target.center[1], 0);
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['corridors', 'directions']));
    expect(ids).not.toContain('priority-countries');
    // Readable from the back of a hall on a 1080p projector.
    const sizes = await page.evaluate(() => {
      const root = document.querySelector('hsr-presenter')!.shadowRoot!;
      const px = (sel: string) => parseFloat(getComputedStyle(root.querySelector(sel)!).fontSize);
      return { title: px('h2'), text: px('.text') };
    });
    expect(sizes.title).toBeGreaterThanOrEqual(40);
    expect(sizes.text).toBeGreaterThanOrEqual(26);
    // The caption does not cover the chapter's subject: the camera centre is in the free part of the map.
    const clear = await page.evaluate(() => {
      const caption = document.querySelector('hsr-presenter')!.shadowRoot!.querySelector('.caption')!.getBoundingClientRect();
      const m = window.__map!;
      const p = m.project(m.getCenter());
      return p.x > caption.right;
    });
    expect(clear).toBe(true);
    // A chapter beyond the story opens the last one.
    await page.goto(`${inject('baseUrl')}?test#story=${DEFAULT_STORY_ID}&chapter=99`);
    await waitForChapter(page, 'joint-statement-2020');
    await assertCleanPage(rec);
  });

  it('blanks the screen, switches language mid-talk, and leaves with Esc restoring the map', async () => {
    const rec = await openApp('#layers=projects,events');
    const { page } = rec;
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForChapter(page, 'overview');
    const blank = page.locator('hsr-presenter .blank');

    for (const key of ['b', '.']) {
      await page.keyboard.press(key);
      await blank.waitFor({ state: 'visible' });
      const shade = await blank.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(shade).toBe('rgb(0, 0, 0)');
      // Any key brings the picture back, without moving on.
      await page.keyboard.press('PageDown');
      await blank.waitFor({ state: 'detached' });
      await waitForChapter(page, 'overview');
    }

    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await expect.poll(() => page.locator('hsr-presenter h2').textContent()).toBe(chapter('overview').title.zh);
    await page.keyboard.press('L');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The map is rebuilt for the new language's labels.
    await waitForMap(page);

    await page.keyboard.press('Escape');
    await page.locator('hsr-presenter').waitFor({ state: 'detached' });
    expect(await page.locator('hsr-app > header').isVisible()).toBe(true);
    expect(hashParams(page).has('story')).toBe(false);
    // The layers shown before the talk are back.
    await expect.poll(() => page.evaluate(() => window.__hsrMap!.deckLayerIds().filter((id) => !id.endsWith('-halo'))), { timeout: 30_000 }).toEqual(
      expect.arrayContaining(['projects', 'events']),
    );
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).not.toContain('priority-countries');
    await assertCleanPage(rec);
  });

  it('runs as a kiosk: advances by itself and loops from the last chapter to the first', async () => {
    // Opened at the last chapter: the first advance can only be the loop back to the first.
    const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=${story.chapters.length}&kiosk=5`, {});
    const { page } = rec;
    await expect(page.locator('hsr-presenter .hint').textContent()).resolves.toContain('Advancing every 5 s');
    await waitForChapter(page, 'overview', 30_000);
    await waitForChapter(page, 'economic-belt', 30_000);
    expect(hashParams(page).get('kiosk')).toBe('5');
    await assertCleanPage(rec);
  });

  it('works offline once opened: a reload without network still draws the map and the story', async () => {
    const rec = await openApp();
    const { page, context } = rec;
    // The indicator the speaker checks before the talk.
    await page.locator('.offline-ready').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');

    await context.setOffline(true);
    try {
      const failed: string[] = [];
      // Chromium fetches the tab's favicon itself, past the service worker; everything the page asks for must come from the cache.
      page.on('requestfailed', (r) => {
        if (!r.url().endsWith('/favicon.svg')) failed.push(r.url());
      });
      // Set the view (same document), then reload the page from nowhere but the cache.
      await page.evaluate((hash) => history.replaceState(null, '', hash), `#story=${DEFAULT_STORY_ID}&chapter=5`);
      await page.reload();
      await waitForMap(page);
      await waitForChapter(page, 'mekong');
      await cameraAtRest(page);
      // Pixels, not just DOM: the base map and the thematic layers are drawn.
      const colours = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const map = window.__map!;
            map.once('render', () => {
              const src = map.getCanvas();
              const c = document.createElement('canvas');
              c.width = 200;
              c.height = 120;
              const ctx = c.getContext('2d')!;
              ctx.drawImage(src, 0, 0, 200, 120);
              const d = ctx.getImageData(0, 0, 200, 120).data;
              const set = new Set<number>();
              for (let i = 0; i < d.length; i += 4) set.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
              resolve(set.size);
            });
            map.triggerRepaint();
          }),
      );
      expect(colours).toBeGreaterThan(200);
      expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual(expect.arrayContaining(['disease-zones', 'projects']));
      expect(failed).toEqual([]);
      // The reader works offline too: documents are precached.
      await page.keyboard.press('Escape');
      await page.locator('hsr-presenter').waitFor({ state: 'detached' });
    } finally {
      await context.setOffline(false);
    }
  }, 240_000);
});
