/**
 * The forum presentation mode in Debian Chromium: the Present button and a URL
 * open a story chapter; keys (and what clickers send) move chapters and the
 * camera, held keys and focused buttons behave; every chapter frames its
 * subjects clear of the caption at three screen sizes; blanking, language, full
 * screen and leaving (back to the view before) work; the kiosk advances, loops
 * and pauses; and once the site has been opened, with its server gone, a
 * reload still draws the map and the story from the service worker's cache —
 * which updates only when asked, keeping the old build for old tabs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Geometry, Position } from 'geojson';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { shippedStory } from '../../scripts/story-files.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { type LayerId, layerSpec } from '../../src/layers/registry.ts';
import { assertCleanPage, openPage, type PageRecording, sharedBrowser } from './chromium.ts';
import { axeViolations } from './axe.ts';
import { golden, GOLDEN_TOLERANCE } from '../helpers/golden.ts';
import { serveDist } from '../../scripts/serve-dist.ts';

const story = shippedStory('.', DEFAULT_STORY_ID)!;
/** The build the global setup made and serves (`HSR_DIST`, as there). */
const DIST = resolve(process.env.HSR_DIST ?? 'dist');
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});

// Close each test's page: a kiosk left flying would load the two cores for the next test.
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await browser?.close();
});

const PROJECTOR = { width: 1920, height: 1080 };
/** Where the size does not matter: a software-rendered 1080p frame costs three times as much. */
const SMALL = { width: 1024, height: 640 };

async function openApp(hash = '', options: Parameters<typeof openPage>[2] = {}, base = inject('baseUrl')): Promise<PageRecording> {
  const rec = await openPage(browser, `${base}?test${hash}`, { viewport: PROJECTOR, ...options });
  open.push(rec);
  await waitForMap(rec.page);
  // Every layer is in (the app's own signal): a chapter is framed from the data's bounds, not from what has arrived so far.
  await rec.page.locator('hsr-app[data-complete]').waitFor({ state: 'attached', timeout: 60_000 });
  return rec;
}

function waitForMap(page: Page) {
  return page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
}

/** Waits until the caption shows chapter `id`. */
async function waitForChapter(page: Page, id: string, timeout = 20_000): Promise<void> {
  await page.locator(`hsr-presenter .caption[data-chapter="${id}"]`).waitFor({ timeout });
}

/** The chapter the presenter's caption shows. */
function captionChapter(page: Page): Promise<string | null> {
  return page.locator('hsr-presenter .caption').getAttribute('data-chapter');
}

interface Cam {
  lon: number;
  lat: number;
  zoom: number;
  moving: boolean;
}

/** The camera now (and whether it is moving). */
function camera(page: Page): Promise<Cam> {
  return page.evaluate(() => {
    const m = window.__map!;
    const c = m.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: m.getZoom(), moving: m.isMoving() };
  });
}

/** Waits until the camera stops moving, and returns it. */
async function cameraAtRest(page: Page): Promise<Cam> {
  await page.waitForFunction(() => !window.__map!.isMoving(), undefined, { timeout: 20_000 });
  return camera(page);
}

const moved = (a: Cam, b: Cam) => Math.abs(a.lon - b.lon) + Math.abs(a.lat - b.lat) + Math.abs(a.zoom - b.zoom) > 1e-3;
const same = (a: Cam, b: Cam) => Math.abs(a.lon - b.lon) < 1e-3 && Math.abs(a.lat - b.lat) < 1e-3 && Math.abs(a.zoom - b.zoom) < 1e-3;

function chapter(id: string) {
  const ch = story.chapters.find((c) => c.id === id);
  if (!ch) throw new Error(`no chapter ${id}`);
  return ch;
}

function hashParams(page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

/** Every feature's geometry in the build under test. */
const geometries = (() => {
  let cache: Map<string, Geometry> | undefined;
  return () => {
    if (!cache) {
      cache = new Map();
      const manifest = JSON.parse(readFileSync(join(DIST, 'data/manifest.json'), 'utf8')) as { layers: { file: string }[] };
      for (const l of manifest.layers) {
        const fc = JSON.parse(readFileSync(join(DIST, 'data', l.file), 'utf8')) as { features: { id: string; geometry: Geometry }[] };
        for (const f of fc.features) cache.set(f.id, f.geometry);
      }
    }
    return cache;
  };
})();

function positions(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint' || g.type === 'LineString') return g.coordinates;
  if (g.type === 'MultiLineString' || g.type === 'Polygon') return g.coordinates.flat();
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
  return g.geometries.flatMap(positions);
}

/**
 * What is wrong with the framing of a chapter's subjects, empty when nothing:
 * each highlighted feature's bounding box (longitudes taken in the world copy
 * nearest the map's centre, as drawn), projected by the live map, must miss the
 * caption panel and lie inside the window.
 */
async function framingProblems(page: Page, chapterId: string): Promise<string[]> {
  const { lon: centre } = await camera(page);
  const boxes = chapter(chapterId).highlight.map((id) => {
    let w = Infinity,
      e = -Infinity,
      s = Infinity,
      n = -Infinity;
    for (const [x, y] of positions(geometries().get(id)!)) {
      let lon = x!;
      while (lon - centre > 180) lon -= 360;
      while (lon - centre < -180) lon += 360;
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
    return {
      id,
      corners: [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
      ] as [number, number][],
    };
  });
  return page.evaluate((boxes) => {
    const cap = document.querySelector('hsr-presenter')!.shadowRoot!.querySelector('.caption')!.getBoundingClientRect();
    const W = window.__map!.getCanvas().clientWidth;
    const H = window.__map!.getCanvas().clientHeight;
    const out: string[] = [];
    for (const b of boxes) {
      const pts = b.corners.map((c) => window.__map!.project(c));
      const left = Math.min(...pts.map((p) => p.x)),
        right = Math.max(...pts.map((p) => p.x));
      const top = Math.min(...pts.map((p) => p.y)),
        bottom = Math.max(...pts.map((p) => p.y));
      const r = `${Math.round(left)},${Math.round(top)}–${Math.round(right)},${Math.round(bottom)}`;
      if (left < cap.right && right > cap.left && top < cap.bottom && bottom > cap.top) out.push(`${W}×${H}: ${b.id} (${r}) is under the caption (…–${Math.round(cap.right)})`);
      if (left < -2 || top < -2 || right > W + 2 || bottom > H + 2) out.push(`${W}×${H}: ${b.id} (${r}) is not all on screen`);
    }
    // Enough to tell a framing error from a map that lags its container.
    const m = window.__map!;
    const at = m.getCanvas().getBoundingClientRect();
    if (out.length)
      out.push(
        `map ${Math.round(at.width)}×${Math.round(at.height)} at ${Math.round(at.left)},${Math.round(at.top)}; centre ${m.getCenter().lng.toFixed(2)},${m.getCenter().lat.toFixed(2)} zoom ${m.getZoom().toFixed(2)}; padding ${JSON.stringify(m.getPadding())}`,
      );
    return out;
  }, boxes);
}

describe('presentation mode', () => {
  it('presents from the Present button: the map is the slide, B and . blank it, the next chapter is a real flight with its layers, and Esc brings back the view and layers from before', async () => {
    const rec = await openApp('#layers=projects,events', { viewport: SMALL });
    const { page } = rec;
    const start = await cameraAtRest(page);
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForChapter(page, 'overview');
    // Header and side panel step aside; the map is the slide.
    expect(await page.locator('hsr-app > header').isVisible()).toBe(false);
    expect(hashParams(page).get('story')).toBe(DEFAULT_STORY_ID);
    expect(hashParams(page).get('chapter')).toBe('1');

    const blank = page.locator('hsr-presenter .blank');
    for (const key of ['b', '.']) {
      await page.keyboard.press(key);
      await blank.waitFor({ state: 'visible' });
      expect(await blank.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
      // Any key brings the picture back, without moving on.
      await page.keyboard.press('PageDown');
      await blank.waitFor({ state: 'detached' });
      await waitForChapter(page, 'overview');
    }

    const before = await cameraAtRest(page);
    await page.keyboard.press('PageDown');
    await waitForChapter(page, 'economic-belt');
    // A real flight: the camera is on its way before it arrives, and frames the chapter clear of the caption.
    expect((await camera(page)).moving).toBe(true);
    const belt = await cameraAtRest(page);
    expect(Math.hypot(belt.lon - before.lon, belt.lat - before.lat)).toBeGreaterThan(5);
    await expect.poll(() => framingProblems(page, 'economic-belt'), { timeout: 10_000 }).toEqual([]);
    expect(hashParams(page).get('chapter')).toBe('2');
    // The chapter's layers and filters are applied, and its features ringed.
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['mechanisms', 'priority-countries', 'directions', 'highlight-direction-belt-edge']));
    expect(ids).not.toContain('projects');
    // The key on the map names what the chapter shows, from the registry, and folds to its title when asked.
    const key = page.locator('hsr-map-key details');
    await expect.poll(() => key.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const headings = await key.locator('.heading').allInnerTexts();
    expect(headings).toEqual(['mechanisms', 'priority-countries', 'directions'].map((id) => layerSpec(id as LayerId).title.en));
    expect(await axeViolations(page, 'hsr-map-key')).toEqual([]);
    await key.locator('summary').click();
    expect(await key.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    // Esc ends the talk.
    await page.keyboard.press('Escape');
    await page.locator('hsr-presenter').waitFor({ state: 'detached' });
    expect(await page.locator('hsr-app > header').isVisible()).toBe(true);
    expect(hashParams(page).has('story')).toBe(false);
    // The side panel's legend is back; the map's key goes.
    expect(await page.locator('hsr-map-key').count()).toBe(0);
    // The layers and the camera from before the talk are back.
    await expect.poll(() => page.evaluate(() => window.__hsrMap!.deckLayerIds().filter((id) => !id.endsWith('-halo'))), { timeout: 30_000 }).toEqual(expect.arrayContaining(['projects', 'events']));
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).not.toContain('priority-countries');
    const end = await cameraAtRest(page);
    expect(end.lon).toBeCloseTo(start.lon, 3);
    expect(end.lat).toBeCloseTo(start.lat, 3);
    expect(end.zoom).toBeCloseTo(start.zoom, 3);
    await assertCleanPage(rec);
  });

  it('steps through the chapters by every clicker key, as jumps under reduced motion; a held key steps once; Enter and Space on a focused chapter dot press that dot', async () => {
    const rec = await openApp('#layers=projects,events', { viewport: SMALL });
    const { page } = rec;
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForChapter(page, 'overview');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.keyboard.press('PageDown');
    await waitForChapter(page, 'economic-belt');
    const belt = await cameraAtRest(page);

    // Under prefers-reduced-motion every chapter change is a jump: at its view at once, not moving.
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
    const views = new Map<string, Cam>();
    let last = belt;
    for (const [key, id] of steps) {
      await page.keyboard.press(key);
      await waitForChapter(page, id);
      const now = await camera(page);
      expect(now.moving, `${key} → ${id}: jumped`).toBe(false);
      expect(moved(now, last), `${key} → ${id}: the camera moved`).toBe(true);
      // The same chapter, the same view.
      if (views.has(id)) expect(same(now, views.get(id)!), `${id} again`).toBe(true);
      views.set(id, now);
      last = now;
    }

    // A held key steps once, however long it repeats.
    await page.keyboard.press('Home');
    await waitForChapter(page, 'overview');
    for (let i = 0; i < 4; i++) await page.keyboard.down('PageDown');
    await page.keyboard.up('PageDown');
    await waitForChapter(page, 'economic-belt');
    // Keys are handled in order: once a later key (blank, then any key back) has been handled, so have the repeats.
    await page.keyboard.press('b');
    await page.locator('hsr-presenter .blank').waitFor({ state: 'visible' });
    await page.keyboard.press('x');
    await page.locator('hsr-presenter .blank').waitFor({ state: 'detached' });
    expect(hashParams(page).get('chapter')).toBe('2');

    // Enter and Space on a focused chapter dot press that dot (chapters 5 and 8), they do not mean "next".
    const dots = page.locator('hsr-presenter .dots button');
    await dots.nth(4).focus();
    await page.keyboard.press('Enter');
    await waitForChapter(page, 'mekong');
    await dots.nth(7).focus();
    await page.keyboard.press('Space');
    await waitForChapter(page, 'training-and-aid');

    await assertCleanPage(rec);
  });

  it('flies back to the chapter after exploring, goes back a chapter with history, switches language with L in place, takes F and F5 for full screen, and Esc leaves full screen before the talk', async () => {
    const rec = await openApp('#layers=projects,events', { viewport: SMALL });
    const { page } = rec;
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForChapter(page, 'overview');
    await page.keyboard.press('8');
    await waitForChapter(page, 'training-and-aid');

    // Exploring the map, then "next" on the last chapter, flies back to its view.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.keyboard.press('End');
    await waitForChapter(page, 'joint-statement-2020');
    const home = await cameraAtRest(page);
    await page.mouse.move(850, 380);
    await page.mouse.down();
    await page.mouse.move(700, 450, { steps: 6 });
    await page.mouse.up();
    const explored = await cameraAtRest(page);
    expect(moved(explored, home)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await camera(page)).moving, { timeout: 5_000 }).toBe(true);
    const back = await cameraAtRest(page);
    expect(back.lon).toBeCloseTo(home.lon, 2);
    expect(back.lat).toBeCloseTo(home.lat, 2);
    expect(back.zoom).toBeCloseTo(home.zoom, 2);

    // Back in history goes back a chapter.
    await page.goBack();
    await waitForChapter(page, 'training-and-aid');

    // L switches the language mid-talk, without a step in the history.
    const entries = await page.evaluate(() => history.length);
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await expect.poll(() => page.locator('hsr-presenter h2').textContent()).toBe(chapter('training-and-aid').title.zh);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // The map is rebuilt for the new language's labels.
    await waitForMap(page);

    // F and F5 (what clickers send) toggle full screen; F5 is taken from the browser, so it cannot reload.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
      // Registered after the presenter's own listener on the same target and phase: it sees what the presenter did.
      window.addEventListener('keydown', (e) => ((window as unknown as { __keys: [string, boolean][] }).__keys ??= []).push([e.key, e.defaultPrevented]), { capture: true });
    });
    const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
    await page.keyboard.press('f');
    await expect.poll(fullscreen).toBe(true);
    await page.keyboard.press('F5');
    await expect.poll(fullscreen).toBe(false);
    await page.keyboard.press('F5');
    await expect.poll(fullscreen).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __keys: [string, boolean][] }).__keys)).toContainEqual(['F5', true]);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // Esc leaves full screen first, the presentation only then.
    await page.keyboard.press('Escape');
    await expect.poll(fullscreen).toBe(false);
    expect(await page.locator('hsr-presenter .caption').isVisible()).toBe(true);

    await assertCleanPage(rec);
  });

  it('opens a chapter from a link, and frames every chapter clear of the caption at 1920×1080, 1280×720 and 1024×768', async () => {
    const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=4`);
    const { page } = rec;
    await waitForChapter(page, 'corridors');
    await cameraAtRest(page);
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
    // The projector's picture as a whole: dark map, large labels and symbols, caption and key.
    await page.evaluate(() => new Promise<void>((r) => (window.__map!.once('idle', () => r()), window.__map!.triggerRepaint())));
    const picture = golden('projector-corridors-1920x1080', await page.screenshot());
    expect(picture.share, picture.message).toBeLessThanOrEqual(GOLDEN_TOLERANCE);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    // The chapter on screen: the link's at first, then the last one each round of chapters ended on.
    let shown = 'corridors';
    for (const viewport of [PROJECTOR, { width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport);
      // The map follows the window once the (busy, software-rendering) page gets to it.
      await page.waitForFunction((w) => window.__map!.getCanvas().clientWidth === w, viewport.width);
      // A resized window (entering full screen on a projector) frames the chapter shown again.
      expect(await captionChapter(page)).toBe(shown);
      await expect.poll(() => framingProblems(page, shown), { timeout: 10_000 }).toEqual([]);
      for (const [i, ch] of story.chapters.entries()) {
        await page.keyboard.press(String((i + 1) % 10));
        await waitForChapter(page, ch.id);
        shown = ch.id;
        await cameraAtRest(page);
        // The map's own size can lag the window's on a busy software-rendered page: give it a moment to agree.
        await expect.poll(() => framingProblems(page, ch.id), { timeout: 10_000 }).toEqual([]);
      }
    }
    await assertCleanPage(rec);
  });

  it('runs as a kiosk: advances, loops, waits for someone exploring the map, and says when it is paused', async () => {
    // The page notes (its own clock) every touch of the map and chapter step, so a slow software-rendered
    // page that delivers input late does not make the test guess. The countdown itself: tests/unit/kiosk-clock.test.ts.
    const record = `
      window.__kiosk = [];
      const note = (what) => window.__kiosk.push([what, performance.now()]);
      for (const type of ['pointerdown', 'pointerup', 'wheel']) addEventListener(type, () => note('touch'), { capture: true });
      addEventListener('hsr-story', (e) => {
        if (!e.detail.patch.story) return;
        note('chapter ' + e.detail.patch.story.chapter);
        // The first step (the loop): turns of the wheel 1 and 3.5 s into it, each before the step a kiosk
        // that ignored them would take, 5 s after the one before.
        if (e.detail.patch.story.chapter !== 0 || window.__turned) return;
        window.__turned = true;
        const turn = () => document.querySelector('hsr-map canvas').dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -40, clientX: 700, clientY: 320 }));
        setTimeout(turn, 1000);
        setTimeout(turn, 3500);
      }, { capture: true });
    `;
    // Opened beyond the story, which opens the last chapter: the first step can only be the loop to the first.
    const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=99&kiosk=5`, { viewport: SMALL, initScripts: [record] });
    const { page } = rec;
    const hint = page.locator('hsr-presenter .hint');
    expect(hashParams(page).get('kiosk')).toBe('5');
    const kioskLog = () => page.evaluate(() => (window as unknown as { __kiosk: [string, number][] }).__kiosk);
    // The loop, the turns of the wheel, and the next step after them.
    await expect.poll(async () => (await kioskLog()).filter(([w]) => w.startsWith('chapter')).length, { timeout: 40_000 }).toBeGreaterThanOrEqual(3);
    const log = await kioskLog();
    const chapters = log.filter(([w]) => w.startsWith('chapter'));
    // Chapter 99 was put right to the last (index 9) at once; the first step looped to the first, the next went on.
    expect(chapters.slice(0, 3).map(([w]) => w)).toEqual(['chapter 9', 'chapter 0', 'chapter 1']);
    expect(log.filter(([w]) => w === 'touch').length).toBeGreaterThanOrEqual(2);
    // Never sooner than a full interval after the last chapter step or touch of the map.
    for (const [what, t] of chapters.slice(1)) {
      const since = Math.max(...log.filter(([w, u]) => u < t && (w === 'touch' || w.startsWith('chapter'))).map(([, u]) => u));
      expect(t - since, `${what} came ${Math.round(t - since)} ms after the last step or touch: ${JSON.stringify(log)}`).toBeGreaterThanOrEqual(4_950);
    }

    // The caption says what the kiosk is doing.
    await expect.poll(() => hint.textContent()).toContain('Advancing every 5 s');
    await page.keyboard.press('b');
    await expect.poll(() => hint.textContent()).toContain('Kiosk paused while the screen is blank');
    await page.keyboard.press('x');
    await expect.poll(() => hint.textContent()).toContain('Advancing every 5 s');
    await page.mouse.move(800, 320);
    await page.mouse.down();
    await page.mouse.move(700, 380, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => hint.textContent(), { timeout: 3_000 }).toContain('Kiosk paused while you explore the map');
    await assertCleanPage(rec);
  });

  it('opens the presenter view from the controls: it moves the audience window and the audience window moves it — chapters, blank screen, language', { timeout: 300_000 }, async () => {
    const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=2`, { viewport: SMALL });
    const { page, context } = rec;
    await waitForChapter(page, 'economic-belt');
    const [pv] = await Promise.all([context.waitForEvent('page'), page.locator('hsr-presenter button.presenter-view').click()]);
    await pv.setViewportSize({ width: 1440, height: 900 });
    const view = pv.locator('hsr-presenter-view');
    const viewAt = (id: string) => view.locator(`.now[data-chapter="${id}"]`).waitFor({ timeout: 30_000 });
    await viewAt('economic-belt');
    expect(new URLSearchParams(new URL(pv.url()).hash.slice(1)).has('presenter')).toBe(true);
    // The speaker's notes, the next chapter, the audience window connected.
    expect(await view.locator('.notes').textContent()).toBe(chapter('economic-belt').notes!.en);
    expect(await view.locator('.next h3').textContent()).toBe(chapter('maritime-silk-road').title.en);
    await view.locator('.status.audience.on').waitFor();
    await page.locator('hsr-presenter .linked').waitFor();

    // The presenter view drives the audience window…
    await pv.keyboard.press('PageDown');
    await waitForChapter(page, 'maritime-silk-road');
    expect(hashParams(page).get('chapter')).toBe('3');
    // …and the audience window drives it.
    await page.keyboard.press('PageUp');
    await viewAt('economic-belt');
    await view.locator('ol.chapters button').nth(4).click();
    await waitForChapter(page, 'mekong');

    // B in the presenter view blanks the projector; any key there brings the picture back.
    await pv.keyboard.press('b');
    await page.locator('hsr-presenter .blank').waitFor({ state: 'visible' });
    await view.locator('.status.blank').waitFor();
    await pv.keyboard.press('x');
    await page.locator('hsr-presenter .blank').waitFor({ state: 'detached' });
    // L switches both windows' language.
    await pv.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await expect.poll(() => page.locator('hsr-presenter h2').textContent()).toBe(chapter('mekong').title.zh);
    await expect.poll(() => view.locator('h2').textContent()).toBe(chapter('mekong').title.zh);
    await pv.keyboard.press('l');
    await expect.poll(() => page.locator('hsr-presenter h2').textContent()).toBe(chapter('mekong').title.en);
    await pv.screenshot({ path: 'tests/.artifacts/presenter-view-1440x900.png' });
    await cameraAtRest(page);
    await page.screenshot({ path: 'tests/.artifacts/audience-1920x1080.png' });
    await assertCleanPage(rec);
  });

  it(
    'opened by its link, the presenter view joins the talk where it is; closed, the audience window goes on alone; reopened or reloaded, either window rejoins; Esc there ends the talk',
    { timeout: 300_000 },
    async () => {
      const rec = await openApp(`#story=${DEFAULT_STORY_ID}&chapter=3`, { viewport: SMALL });
      const { page, context } = rec;
      await waitForChapter(page, 'maritime-silk-road');
      const openView = async (hashChapter: number) => {
        const pv = await context.newPage();
        await pv.goto(`${inject('baseUrl')}?test#story=${DEFAULT_STORY_ID}&chapter=${hashChapter}&presenter`);
        return pv;
      };
      const viewAt = (pv: Page, id: string) => pv.locator(`hsr-presenter-view .now[data-chapter="${id}"]`).waitFor({ timeout: 30_000 });
      // Its own link says chapter 1; the talk is at chapter 3.
      const pv = await openView(1);
      await viewAt(pv, 'maritime-silk-road');
      await page.keyboard.press('PageDown');
      await viewAt(pv, 'corridors');

      // Closed: the audience window carries on with its keys.
      await pv.close();
      await page.keyboard.press('PageDown');
      await waitForChapter(page, 'mekong');
      // Reopened (by a link to another chapter): it joins at the audience window's.
      const again = await openView(9);
      await viewAt(again, 'mekong');
      await again.keyboard.press('PageDown');
      await waitForChapter(page, 'central-asia');

      // The audience window reloaded with an older address: it rejoins where the talk is.
      await page.evaluate((id) => history.replaceState(null, '', `?test#story=${id}&chapter=2`), DEFAULT_STORY_ID);
      await page.reload();
      await waitForMap(page);
      await waitForChapter(page, 'central-asia', 60_000);
      await again.locator('hsr-presenter-view .status.audience.on').waitFor({ timeout: 30_000 });

      // Esc in the presenter view ends the talk: the audience window returns to the map, the view says so.
      await again.keyboard.press('Escape');
      await page.locator('hsr-presenter').waitFor({ state: 'detached', timeout: 30_000 });
      expect(hashParams(page).has('story')).toBe(false);
      await again.locator('hsr-presenter-view .ended').waitFor();
      await assertCleanPage(rec);
    },
  );

  it('works offline once opened, with its server gone, and updates only when asked — offline too', async () => {
    // A copy of the build on a server of this test's own, which the test stops: nothing can come from the network then.
    const root = mkdtempSync(join(tmpdir(), 'hsr-offline-'));
    cpSync(DIST, root, { recursive: true });
    const server = await serveDist(root);
    let serving = true;
    try {
      const rec = await openApp('', { viewport: SMALL, serviceWorker: true }, server.url);
      const { page, context } = rec;
      // The indicator the speaker checks before the talk.
      await page.locator('.offline-ready').waitFor({ timeout: 60_000 });
      const cacheNames = () => page.evaluate(() => caches.keys());
      const [v1] = await cacheNames();

      // A new deploy: another cache name, and a lazy chunk (the export dialog's) that the new build no longer has.
      const sw = readFileSync(join(root, 'sw.js'), 'utf8');
      const files = JSON.parse(/const __PRECACHE__ = (\[.*\]);/.exec(sw)![1]!) as string[];
      const chunk = files.find((f) => /^assets\/hsr-export-dialog-.*\.js$/.test(f))!;
      const chunkText = readFileSync(join(root, chunk), 'utf8');
      writeFileSync(
        join(root, 'sw.js'),
        sw
          .replace(/const __PRECACHE__ = \[.*\];/, `const __PRECACHE__ = ${JSON.stringify(files.filter((f) => f !== chunk))};`)
          .replace(/const __CONTENT_HASH__ = "(\w+)";/, 'const __CONTENT_HASH__ = "$1next";'),
      );
      unlinkSync(join(root, chunk));
      // Another tab on the old build: a document's raw text (a navigation to a file gets the file, not the app).
      const other = await context.newPage();
      const docUrl = `${server.url}data/documents/communique-2017.en.txt`;
      await other.goto(docUrl);
      expect((await other.evaluate(() => document.body.innerText)).trim()).toBe(readFileSync(join(DIST, 'data/documents/communique-2017.en.txt'), 'utf8').trim());

      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
      const update = page.locator('.offline-update');
      await update.waitFor({ timeout: 60_000 });
      expect(await update.textContent()).toBe('Update ready — reload');
      // Installed, but waiting: this tab still runs the old worker, and both caches are there.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting !== null))).toBe(true);
      expect(await cacheNames()).toHaveLength(2);

      // Now the network goes: the server stops (service worker fetches ignore Playwright's offline switch).
      await server.close();
      serving = false;
      await context.setOffline(true);
      await expect(fetch(server.url)).rejects.toThrow();
      const failed: string[] = [];
      const notFromWorker: string[] = [];
      // Chromium fetches the tab's favicon itself, past the service worker; everything the page asks for must come from the cache.
      context.on('requestfailed', (r) => {
        if (!r.url().endsWith('/favicon.svg')) failed.push(`${r.url()}: ${r.failure()?.errorText}`);
      });
      context.on('response', (r: Response) => {
        const u = r.url();
        if (u.startsWith(server.url) && !u.endsWith('/favicon.svg') && !r.fromServiceWorker()) notFromWorker.push(u);
      });
      // Set the view (same document), then take the update: the page reloads from nowhere but the new cache.
      await page.evaluate((hash) => history.replaceState(null, '', hash), `#story=${DEFAULT_STORY_ID}&chapter=5`);
      await Promise.all([page.waitForEvent('load'), update.click()]);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting === null && r!.active !== null))).toBe(true);
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

      // The old tab's chunk, gone from the server, still loads: the old cache is kept while that tab is open…
      expect(await cacheNames()).toContain(v1);
      expect(await other.evaluate((u) => fetch(u).then((r) => (r.ok ? r.text() : `HTTP ${r.status}`)), `${server.url}${chunk}`)).toBe(chunkText);
      await other.close();
      // …and goes once a page of the new build is the only one (what every page says as it starts).
      await page.evaluate(() => navigator.serviceWorker.controller!.postMessage({ type: 'hsr-offline-status' }));
      await expect.poll(cacheNames).toEqual([`${v1}next`]);

      // The reader opens a document, and its raw-text link opens the text itself (not the app).
      await page.keyboard.press('Escape');
      await page.locator('hsr-presenter').waitFor({ state: 'detached' });
      const quote = chapter('beijing-communique').sources[0]!;
      await page.evaluate((q) => (location.hash = `doc=${encodeURIComponent(q.doc)}&q=${encodeURIComponent(q.quote)}`), quote);
      await page.locator('hsr-reader mark.active').first().waitFor({ timeout: 15_000 });
      const [raw] = await Promise.all([context.waitForEvent('page'), page.locator('hsr-reader').getByRole('link', { name: 'Open the plain-text file' }).click()]);
      await raw.waitForLoadState();
      expect(raw.url()).toBe(docUrl);
      const squash = (s: string) => s.replace(/\s+/g, ' ');
      expect(squash(await raw.evaluate(() => document.body.innerText))).toContain(squash(quote.quote));
      expect(await raw.evaluate(() => document.querySelector('hsr-app'))).toBeNull();
      await raw.close();
      expect(failed).toEqual([]);
      expect(notFromWorker).toEqual([]);
      await assertCleanPage(rec);
    } finally {
      if (serving) await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});
