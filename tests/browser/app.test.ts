/**
 * The public map as a visitor meets it, in Debian Chromium with software WebGL:
 * the thematic layers draw (pixels, not just DOM), a layer toggle changes the
 * picture, the language switches, the detail panel quotes its source verbatim,
 * a URL reopens the same view, back/forward works, hostile URLs fall back,
 * nothing leaves the origin, nothing is logged as an error, and axe finds no
 * serious or critical accessibility problem.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { BASEMAP_PALETTES, FIRST_LABEL_LAYER_ID } from '../../src/map/basemap-style.ts';
import { WIDE_BOUNDS } from '../../src/map/create-map.ts';
import { layerSpec } from '../../src/layers/registry.ts';
import { axeViolations } from './axe.ts';
import { assertCleanPage, openPage, type PageRecording, sharedBrowser } from './chromium.ts';

const ARTIFACTS = 'tests/.artifacts';
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});

// Each test's pages are closed after it: software WebGL on two cores has no room for idle maps.
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the app and waits until the map is ready and its deck.gl layers are set. */
async function openApp(hash = '', options: Parameters<typeof openPage>[2] = {}): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, options);
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
  // The layers off the map load after its first frame: the list and search have everything once this is set.
  await rec.page.locator('hsr-app[data-complete]').waitFor({ state: 'attached', timeout: 60_000 });
  await settle(rec.page);
  return rec;
}

/** Waits for MapLibre to be idle (style, data and deck.gl layers drawn). */
function settle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** RGB of the map canvas at each [lon, lat], read inside a render (the drawing buffer is only valid then). */
function pixels(page: Page, points: Record<string, [number, number]>): Promise<Record<string, [number, number, number]>> {
  return page.evaluate(
    (points) =>
      new Promise<Record<string, [number, number, number]>>((resolve) => {
        const map = window.__map!;
        map.once('render', () => {
          const src = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = src.width;
          copy.height = src.height;
          const ctx = copy.getContext('2d')!;
          ctx.drawImage(src, 0, 0);
          const ratio = src.width / map.getContainer().clientWidth;
          const out: Record<string, [number, number, number]> = {};
          for (const [name, lngLat] of Object.entries(points)) {
            const p = map.project(lngLat);
            const d = ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data;
            out[name] = [d[0]!, d[1]!, d[2]!];
          }
          resolve(out);
        });
        map.triggerRepaint();
      }),
    points,
  );
}

const dist = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
const hexRgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const LAND = hexRgb(BASEMAP_PALETTES.light.land);
/** Interior points of priority countries of each direction, clear of labels, routes and markers. */
const KAZAKHSTAN: [number, number] = [75, 50];
const AUSTRALIA: [number, number] = [122, -22];

interface ShippedFeature {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: { sources: { quote: string }[]; name_en: string; name_zh: string; area?: number; status?: string; direction?: string; identification_note?: { en: string; zh: string } };
}

function features(layer: string): ShippedFeature[] {
  return (JSON.parse(readFileSync(`public/data/${layer}.geojson`, 'utf8')) as { features: ShippedFeature[] }).features;
}

function feature(layer: string, id: string): ShippedFeature {
  const f = features(layer).find((x) => x.id === id);
  if (!f) throw new Error(`${id} not in ${layer}`);
  return f;
}

/** Every [lon, lat] of a geometry. */
function positionsOf(g: ShippedFeature['geometry']): [number, number][] {
  const flat = (c: unknown): [number, number][] => (Array.isArray(c) && typeof c[0] === 'number' ? [c as [number, number]] : Array.isArray(c) ? c.flatMap(flat) : []);
  return flat(g.coordinates);
}

type Clear = { lngLat: [number, number]; rgb: [number, number, number]; gap: number } | null;

/**
 * For each group, of its `candidates` the place on screen farthest from every
 * `obstacle` (other symbols) and clear of base-map labels, with the colour
 * drawn there; null when none is clear. One render for all groups, read
 * inside it like `pixels`.
 */
function clearestPixels(page: Page, groups: { candidates: [number, number][]; minGap: number }[], obstacles: [number, number][]): Promise<Clear[]> {
  return page.evaluate(
    ({ groups, obstacles, labels }) =>
      new Promise<Clear[]>((resolve) => {
        const map = window.__map!;
        const { clientWidth: w, clientHeight: h } = map.getContainer();
        const obs = obstacles.map((o) => map.project(o));
        const picks = groups.map(({ candidates, minGap }) => {
          let best: { lngLat: [number, number]; x: number; y: number; gap: number } | null = null;
          for (const c of candidates) {
            const p = map.project(c);
            // Clear of the controls (corners) and the attribution (bottom).
            if (p.x < 60 || p.y < 60 || p.x > w - 60 || p.y > h - 50) continue;
            const gap = Math.min(Infinity, ...obs.map((o) => Math.hypot(o.x - p.x, o.y - p.y)).filter((d) => d > 0.5));
            if (gap < minGap || (best && gap <= best.gap)) continue;
            if (
              map.queryRenderedFeatures(
                [
                  [p.x - 40, p.y - 14],
                  [p.x + 40, p.y + 14],
                ],
                { layers: [labels] },
              ).length
            )
              continue;
            best = { lngLat: c, x: p.x, y: p.y, gap };
          }
          return best;
        });
        map.once('render', () => {
          const src = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = src.width;
          copy.height = src.height;
          const ctx = copy.getContext('2d')!;
          ctx.drawImage(src, 0, 0);
          const ratio = src.width / w;
          resolve(
            picks.map((b) => {
              if (!b) return null;
              const d = ctx.getImageData(Math.round(b.x * ratio), Math.round(b.y * ratio), 1, 1).data;
              return { lngLat: b.lngLat, rgb: [d[0]!, d[1]!, d[2]!] as [number, number, number], gap: b.gap };
            }),
          );
        });
        map.triggerRepaint();
      }),
    { groups, obstacles, labels: FIRST_LABEL_LAYER_ID },
  );
}

/** The app's state (test pages only: the element is on the page anyway). */
function appState(page: Page) {
  return page.evaluate(() => {
    const s = (document.querySelector('hsr-app') as unknown as { state: { filters: unknown; mechanisms: string[]; reader: unknown; selected: unknown; lang: string } }).state;
    return JSON.parse(JSON.stringify(s)) as typeof s;
  });
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the public map (built site, Chromium)', () => {
  it('draws the default thematic layers over the base map, from its own origin only, cleanly', async () => {
    const rec = await openApp();
    await rec.page.screenshot({ path: `${ARTIFACTS}/app-en.png` });
    const ids = await rec.page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['directions', 'corridors', 'priority-countries', 'disease-zones', 'projects', 'tcm-centres', 'events']));
    // Priority countries are shaded: Kazakhstan (belt) and Australia (maritime) are not plain land, and differ from each other.
    const px = await pixels(rec.page, { kz: KAZAKHSTAN, au: AUSTRALIA });
    expect(dist(px.kz!, LAND), `Kazakhstan ${px.kz}`).toBeGreaterThan(25);
    expect(dist(px.au!, LAND), `Australia ${px.au}`).toBeGreaterThan(25);
    expect(dist(px.kz!, px.au!)).toBeGreaterThan(40);

    // A route and a point layer draw too, in their legend colours: the land belt at a vertex clear of
    // labels and symbols, and a planned key project (a filled circle) clear of the others.
    const points = ['projects', 'tcm-centres', 'events'].flatMap((l) => features(l).flatMap((f) => positionsOf(f.geometry)));
    const belt = feature('directions', 'direction-belt');
    // Positions no other symbol shares (two projects at one city draw one on the other).
    const alone = (pos: number[]) => points.filter((q) => q.join() === pos.join()).length === 1;
    const planned = features('projects').filter((f) => f.properties.status === 'planned');
    const dots = planned.flatMap((f) => positionsOf(f.geometry)).filter(alone);
    const [route, dot] = await clearestPixels(
      rec.page,
      [
        { candidates: positionsOf(belt.geometry).slice(3, -3), minGap: 24 },
        { candidates: dots, minGap: 16 },
      ],
      points,
    );
    expect(route, 'a clear vertex of the belt').not.toBeNull();
    const beltColour = hexRgb(layerSpec('directions').legend.find((i) => i.key === 'belt')!.color);
    expect(dist(route!.rgb, beltColour), `belt at ${route!.lngLat}: ${route!.rgb}`).toBeLessThan(40);
    expect(dot, 'a key project clear of the other symbols').not.toBeNull();
    const project = planned.find((f) => positionsOf(f.geometry).some((p) => p.join() === dot!.lngLat.join()))!;
    const areaColour = hexRgb(layerSpec('projects').legend.find((i) => i.key === `area-${project.properties.area}`)!.color);
    expect(dist(dot!.rgb, areaColour), `${project.id} at ${dot!.lngLat}: ${dot!.rgb}`).toBeLessThan(40);
    // The loading note is gone once the map and the data are there.
    expect(await rec.page.locator('.hsr-map__loading').count()).toBe(0);
    await assertCleanPage(rec);
  });

  it('changes the picture when a layer is switched off in the layer panel, and updates the URL', async () => {
    const rec = await openApp('#layers=priority-countries');
    const before = await pixels(rec.page, { kz: KAZAKHSTAN });
    expect(dist(before.kz!, LAND), `shaded ${before.kz}`).toBeGreaterThan(25);
    await rec.page.getByRole('checkbox', { name: /Priority countries/ }).uncheck();
    await rec.page.waitForFunction(() => window.__hsrMap!.deckLayerIds().length === 0);
    await settle(rec.page);
    const after = await pixels(rec.page, { kz: KAZAKHSTAN });
    expect(dist(before.kz!, after.kz!), `${before.kz} → ${after.kz}`).toBeGreaterThan(25);
    expect(dist(after.kz!, LAND), `land now ${after.kz}`).toBeLessThan(12);
    expect(new URL(rec.page.url()).hash).toMatch(/layers=(&|$)/);
    await assertCleanPage(rec);
  });

  it('switches between English and Chinese, everywhere, and remembers the choice', async () => {
    const rec = await openApp();
    const { page } = rec;
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready');
    await settle(page);
    expect(await page.locator('h1').innerText()).toBe('健康丝绸之路地图');
    expect(await page.evaluate((id) => JSON.stringify(window.__map!.getLayoutProperty(id, 'text-field')), FIRST_LABEL_LAYER_ID)).toContain('name_zh');
    expect(await page.getByRole('tab', { name: '图层' }).count()).toBe(1);
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('边界');
    expect(new URL(page.url()).hash).toContain('lang=zh');
    await page.screenshot({ path: `${ARTIFACTS}/app-zh.png` });
    // Remembered: a bare URL in the same browser opens in Chinese.
    await page.goto(`${inject('baseUrl')}?test`);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await assertCleanPage(rec);
  });

  it('opens a feature from a link with its verbatim source quote, and the reader with the quote highlighted', async () => {
    const id = 'tcm-china-czech-centre-hradec-kralove';
    const f = feature('tcm-centres', id);
    const rec = await openApp(`#sel=${id}`);
    const { page } = rec;
    const detail = page.locator('hsr-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').innerText()).toBe(f.properties.name_en);
    const quotes = await detail.locator('blockquote').allInnerTexts();
    expect(quotes.map(squash)).toContain(squash(f.properties.sources[0]!.quote));
    await detail
      .getByRole('button', { name: /Read in the source document/ })
      .first()
      .click();
    // The quoted passage is marked (in several segments where other quotes overlap it) and scrolled to.
    const marks = page.locator('hsr-reader mark.active');
    await marks.first().waitFor({ timeout: 15_000 });
    expect(squash((await marks.allInnerTexts()).join(''))).toBe(squash(f.properties.sources[0]!.quote));
    expect(await marks.first().isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toMatch(/doc=/);
    await assertCleanPage(rec);
  });

  it('shows how a record is identified, in the reader’s language, and why a key project is drawn in China', async () => {
    const f = feature('organisations', 'org-who-wpro');
    const note = f.properties.identification_note!;
    const rec = await openApp('#sel=org-who-wpro');
    const { page } = rec;
    const detail = page.locator('hsr-detail');
    await detail.locator('.identification').waitFor();
    expect(squash(await detail.locator('.identification').innerText())).toBe(squash(note.en));
    await page.screenshot({ path: `${ARTIFACTS}/detail-identification.png` });
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await detail.locator('h3', { hasText: '认定说明' }).waitFor();
    expect(squash(await detail.locator('.identification').innerText())).toBe(squash(note.zh));
    // A key project naming countries abroad but drawn in China says why.
    await page.goto(`${inject('baseUrl')}?test#sel=project-02&lang=en`);
    await page.locator('hsr-detail h2').waitFor();
    expect(await page.locator('hsr-detail dl').innerText()).toMatch(/Drawn in China\s+where it is held/);
    await assertCleanPage(rec);
  });

  it('reopens the same view from a URL: camera, layers, filters, selection and language', async () => {
    const rec = await openApp('#map=4/35/100&layers=projects,tcm-centres&area=5&sel=project-23&lang=zh&mech=mech-sco');
    const { page } = rec;
    const cam = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), lat: window.__map!.getCenter().lat, lng: window.__map!.getCenter().lng }));
    expect(cam.zoom).toBeCloseTo(4, 1);
    expect(cam.lat).toBeCloseTo(35, 0);
    expect(cam.lng).toBeCloseTo(100, 0);
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['projects', 'tcm-centres', 'selection-ring']));
    expect(ids).not.toContain('directions');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    expect(await page.locator('hsr-detail h2').innerText()).toBe(feature('projects', 'project-23').properties.name_zh);
    // Chinese text never depends on the machine's fonts: the heading's stack ends in the site's own
    // CJK subset (src/page-fonts.ts), and a face of it, served by the site, covers each of its characters.
    expect(await page.locator('hsr-detail h2').evaluate((h) => getComputedStyle(h).fontFamily)).toContain('HSR Noto Sans SC');
    const uncovered = await page.evaluate(async (text) => {
      const out: string[] = [];
      for (const ch of new Set(text.replace(/[\s\p{P}\p{N}A-Za-z]/gu, ''))) if ((await document.fonts.load('16px "HSR Noto Sans SC"', ch)).length === 0) out.push(ch);
      return out;
    }, feature('projects', 'project-23').properties.name_zh);
    expect(uncovered).toEqual([]);
    // The list follows the filters: only area 5 (traditional medicine) among projects.
    await page.getByRole('tab', { name: '列表' }).click();
    const listed = await page.locator('hsr-list button[data-id^="project-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id')));
    expect(listed.length).toBe(10);
    expect(listed).toContain('project-23');
    // …and the mechanism choice, like the map and the counts: only the chosen mechanism is listed.
    expect(await page.locator('hsr-list button[data-id^="mech-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id')))).toEqual(['mech-sco']);
    await assertCleanPage(rec);
  });

  it('keeps back and forward working and returns focus to the list item when the detail closes', async () => {
    const rec = await openApp();
    const { page } = rec;
    await page.getByRole('tab', { name: 'List' }).click();
    const item = page.locator('hsr-list button[data-id="project-23"]');
    await item.click();
    await page.locator('hsr-detail h2').waitFor();
    expect(new URL(page.url()).hash).toContain('sel=project-23');
    // Closing the panel hands focus back to the list item that opened it.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('hsr-detail'));
    expect(await item.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
    await page.goBack();
    await page.locator('hsr-detail h2').waitFor();
    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('sel='));
    expect(await page.locator('hsr-detail').count()).toBe(0);
    await page.goForward();
    await page.locator('hsr-detail h2').waitFor();
    await assertCleanPage(rec);
  });

  it('flies to a search result chosen by keyboard, and filters to and frames a chosen country', async () => {
    const rec = await openApp();
    const { page } = rec;
    // Search, by keyboard: the chosen feature is flown to (jumped to, under reduced motion, to keep the test short)…
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const atRest = () => page.waitForFunction(() => !window.__map!.isMoving());
    const search = page.locator('hsr-search input');
    const centre = feature('tcm-centres', 'tcm-china-czech-centre-hradec-kralove');
    await search.fill('Hradec');
    await page.locator('hsr-search [role="option"]').first().waitFor();
    const centreIndex = await page.locator('hsr-search [role="option"] .name').evaluateAll((ns, name) => ns.findIndex((n) => n.textContent === name), centre.properties.name_en);
    expect(centreIndex).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= centreIndex; i++) await search.press('ArrowDown');
    await search.press('Enter');
    await page.waitForFunction(() => location.hash.includes('sel=tcm-china-czech-centre-hradec-kralove'));
    await expect.poll(() => page.evaluate(() => window.__map!.getZoom()), { timeout: 15_000 }).toBeGreaterThanOrEqual(4.4);
    await atRest();
    const hradec = positionsOf(centre.geometry)[0]!;
    const cam = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), bounds: window.__map!.getBounds().toArray() }));
    expect(new URL(page.url()).hash).toContain('sel=tcm-china-czech-centre-hradec-kralove');
    expect(cam.zoom).toBeGreaterThanOrEqual(4.4);
    expect(hradec[0]).toBeGreaterThan(cam.bounds[0][0]);
    expect(hradec[0]).toBeLessThan(cam.bounds[1][0]);
    expect(hradec[1]).toBeGreaterThan(cam.bounds[0][1]);
    expect(hradec[1]).toBeLessThan(cam.bounds[1][1]);
    // …and a chosen country is filtered to and framed.
    await search.fill('Kazakhstan');
    await page.locator('hsr-search [role="option"]').first().waitFor();
    const countryIndex = await page.locator('hsr-search [role="option"]').evaluateAll((os) => os.findIndex((o) => /Country|国家/.test(o.textContent ?? '')));
    expect(countryIndex).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => window.__map!.jumpTo({ center: [0, 0], zoom: 1 }));
    for (let i = 0; i <= countryIndex; i++) await search.press('ArrowDown');
    await search.press('Enter');
    await page.waitForFunction(() => location.hash.includes('country=KZ'));
    await expect.poll(() => page.evaluate(() => window.__map!.getCenter().lng), { timeout: 15_000 }).toBeGreaterThan(60);
    await atRest();
    const kz = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), center: window.__map!.getCenter().toArray() }));
    expect(kz.zoom).toBeGreaterThan(2.5);
    expect(kz.center[0]).toBeGreaterThan(60);
    expect(kz.center[0]).toBeLessThan(80);
    expect(kz.center[1]).toBeGreaterThan(42);
    expect(kz.center[1]).toBeLessThan(52);
    await assertCleanPage(rec);
  });

  it('plays the years step by step as one history entry, and a dragged year slider is one entry too', async () => {
    const rec = await openApp();
    const { page } = rec;
    // Play advances the year, step by step, as one history entry.
    await page.getByRole('tab', { name: 'Filters' }).click();
    const before = await page.evaluate(() => history.length);
    const years = () => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('years');
    await page.getByRole('button', { name: 'Play year by year' }).click();
    await page.waitForFunction(() => /years=\d{4}-\d{4}/.test(location.hash));
    const first = years();
    await page.waitForFunction((y) => !location.hash.includes(`years=${y}`), first);
    const second = years();
    // The year shown large on the map, as the slider moves (the records outside it are dimmed: build-layers.test.ts).
    const year = page.locator('hsr-map .hsr-map__year');
    await expect.poll(async () => Number(await year.innerText()) >= Number(second!.slice(5))).toBe(true);
    expect(await year.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(44);
    await page.getByRole('button', { name: 'Pause' }).click();
    await year.waitFor({ state: 'detached' });
    expect(Number(second!.slice(5))).toBeGreaterThan(Number(first!.slice(5)));
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    // Dragging a year slider across many years is one entry too.
    const from = page.locator('hsr-filters input[type="range"]').first();
    const box = (await from.boundingBox())!;
    const afterPlay = await page.evaluate(() => history.length);
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + (box.width * i) / 8, box.y + box.height / 2);
    await page.mouse.up();
    expect(years()).not.toBe(second);
    expect(await page.evaluate(() => history.length)).toBe(afterPlay + 1);
    await assertCleanPage(rec);
  });

  it('falls back to the default view on malformed, hostile or unknown URL values, without an error', async () => {
    const rec = await openApp('#map=999/abc&layers=%3Cscript%3E&sel=%3Cimg%20src=x%3E&area=99&years=3000-1&lang=xx&doc=nope.en.txt&mech=unknown,mech-sco&country=ZZ&status=held');
    const { page } = rec;
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['directions', 'projects']));
    expect(await page.locator('hsr-detail').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The camera is the default frame (China near the middle), not a broken one.
    const cam = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), center: window.__map!.getCenter().toArray() }));
    expect(cam.zoom).toBeLessThan(3);
    expect(cam.center[0]).toBeCloseTo((WIDE_BOUNDS[0][0] + WIDE_BOUNDS[1][0]) / 2, 0);
    // No filter survives: out-of-range values are refused, unknown ones dropped once the data is in.
    await page.waitForFunction(() => !location.hash.includes('country='));
    const state = await appState(page);
    expect(state.filters).toEqual({ areas: [], direction: 'all', statuses: [], country: null, years: null });
    expect(state.mechanisms).toEqual(['mech-sco']);
    expect(state.reader).toBeNull();
    expect(await page.locator('hsr-reader dialog[open]').count()).toBe(0);
    const hash = new URL(page.url()).hash;
    for (const k of ['area=', 'years=', 'status=', 'doc=', 'sel=', 'map=']) expect(hash, k).not.toContain(k);
    expect(hash).toContain('mech=mech-sco');
    expect(hash).not.toContain('unknown');
    // The filters say so too.
    await page.getByRole('tab', { name: 'Filters' }).click();
    expect(await page.locator('hsr-filters input[type="checkbox"]:checked').count()).toBe(0);
    expect(await page.locator('hsr-filters').getByRole('checkbox', { name: 'Held' }).count()).toBe(0);
    await assertCleanPage(rec);
  });

  it('has no serious or critical accessibility violations (axe-core) in English and Chinese, list, filters and reader; keyboard ways in work', async () => {
    const rec = await openApp('#sel=project-23&view=list');
    const { page } = rec;
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(source);
    // The whole page, or (to keep the run short) only the part that changed: `scope` is a selector.
    const audit = (where: string, scope?: string) =>
      page.evaluate(
        async ({ where, scope }) => {
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
          const r = await axe.run(scope ? { include: [scope] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
          // Serious and critical problems, and the heading outline (moderate in axe, flagged by Lighthouse).
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
            .map((v) => `${where}: ${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
        },
        { where, scope },
      );
    const violations: string[] = [];
    await page.locator('hsr-detail h2').waitFor();
    violations.push(...(await audit('list + detail (en)')));

    // The skip link moves focus into the list.
    await page.getByRole('tab', { name: 'Layers' }).click();
    await page.locator('a.skip').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'HSR-LIST');
    expect(await page.locator('#panel-list').isVisible()).toBe(true);

    // The side panel folds away and back, saying so.
    const toggle = page.locator('button.side-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const width = () => page.evaluate(() => document.querySelector('hsr-map')!.getBoundingClientRect().width);
    const open = await width();
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('aside.side').isVisible()).toBe(false);
    await expect.poll(width, { timeout: 5_000 }).toBeGreaterThan(open + 200);
    await toggle.click();
    expect(await page.locator('aside.side').isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Filters' }).click();
    violations.push(...(await audit('filters (en)', '#panel-filters')));
    await page
      .locator('hsr-detail')
      .getByRole('button', { name: /Read in the source document/ })
      .first()
      .click();
    await page.locator('hsr-reader mark.active').first().waitFor({ timeout: 15_000 });
    violations.push(...(await audit('reader (en)', 'hsr-reader')));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('hsr-reader dialog[open]'));
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await page.getByRole('tab', { name: '图层' }).click();
    violations.push(...(await audit('layers + detail (zh)')));
    expect(violations).toEqual([]);
  });

  it('keeps the list, search and reader working on a phone when WebGL is unavailable, and says so in the current language', async () => {
    const rec = await openPage(browser, `${inject('baseUrl')}?test`, {
      viewport: { width: 390, height: 844 },
      initScripts: ['HTMLCanvasElement.prototype.getContext = function () { return null; };'],
    });
    open.push(rec);
    const { page } = rec;
    const message = page.locator('.map-error[role="alert"]');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.innerText()).toContain('The map cannot be displayed');
    // The list takes over: on a phone the sheet opens to show it, and its tab says it is open.
    await page.locator('hsr-list button[data-id]').first().waitFor();
    expect(await page.locator('hsr-list button[data-id]').first().isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'List' }).getAttribute('aria-expanded')).toBe('true');
    // The layers not on the map arrive a moment later.
    await expect.poll(() => page.locator('hsr-list button[data-id]').count(), { timeout: 20_000 }).toBeGreaterThan(150);
    await page.locator('hsr-list button[data-id="project-23"]').click();
    await page.locator('hsr-detail h2').waitFor();
    // The reader opens a document with the quote marked.
    await page
      .locator('hsr-detail')
      .getByRole('button', { name: /Read in the source document/ })
      .first()
      .click();
    await page.locator('hsr-reader mark.active').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('hsr-reader dialog[open]'));
    await page.locator('hsr-search input').fill('布拉格');
    await page.locator('hsr-search [role="option"]').first().waitFor();
    expect(await page.locator('hsr-search [role="option"]').count()).toBeGreaterThan(0);
    // The message follows a language switch; back and forward restore the language with the view (every entry names it).
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await expect.poll(() => message.innerText(), { timeout: 5_000 }).toContain('无法显示地图');
    expect(new URL(page.url()).hash).toContain('lang=zh');
    await page.goBack();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').innerText()).toBe('Health Silk Road Map');
    expect(await message.innerText()).toContain('The map cannot be displayed');
    expect(new URL(page.url()).hash).toContain('lang=en');
    await page.goForward();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    expect(await page.locator('h1').innerText()).toBe('健康丝绸之路地图');
    expect(rec.console.some((m) => m.type === 'warning' && m.text.includes('map unavailable'))).toBe(true);
    await assertCleanPage(rec);
  });

  it('brings the map and its layers back after the WebGL context is lost and restored, telling the app', async () => {
    const rec = await openApp('#layers=priority-countries');
    const { page } = rec;
    await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[]; __exportDisabled: boolean[] };
      w.__statuses = [];
      w.__exportDisabled = [];
      document.addEventListener('hsr-map-status', (e) => {
        w.__statuses.push((e as CustomEvent<{ status: string }>).detail.status);
        // What the header's Export button shows once the app has taken the status in.
        void (document.querySelector('hsr-app') as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() =>
          w.__exportDisabled.push((document.querySelector('.tool-export') as HTMLButtonElement).disabled),
        );
      });
    });
    await page.evaluate(() => {
      (window as unknown as { __lostMap: unknown }).__lostMap = window.__map;
      const gl = window.__map!.getCanvas().getContext('webgl2')!;
      const ext = gl.getExtension('WEBGL_lose_context')!;
      ext.loseContext();
      setTimeout(() => ext.restoreContext(), 300);
    });
    await page.waitForFunction(
      () => window.__map !== (window as unknown as { __lostMap: unknown }).__lostMap && window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().includes('priority-countries'),
      undefined,
      { timeout: 60_000 },
    );
    await settle(page);
    const px = await pixels(page, { kz: KAZAKHSTAN });
    expect(dist(px.kz!, LAND), `shaded again ${px.kz}`).toBeGreaterThan(25);
    // The app heard of the loss (Export disabled while the map is away) and of the recovery.
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[]; __exportDisabled: boolean[] };
      return { __statuses: w.__statuses, __exportDisabled: w.__exportDisabled };
    });
    expect(seen.__statuses[0]).toBe('restoring');
    expect(seen.__statuses[seen.__statuses.length - 1]).toBe('ready');
    expect(seen.__exportDisabled[0]).toBe(true);
    expect(await page.locator('.tool-export').isDisabled()).toBe(false);
    await assertCleanPage(rec);
  });

  it('offers an embed mode with minimal chrome', async () => {
    const rec = await openPage(browser, `${inject('baseUrl')}?test&embed`);
    open.push(rec);
    await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready');
    expect(await rec.page.locator('hsr-app[embed]').count()).toBe(1);
    expect(await rec.page.locator('hsr-app .side').isVisible()).toBe(false);
    expect(await rec.page.getByRole('link', { name: 'Open the full map' }).count()).toBe(1);
    // No side panel, so a key on the map: folded (all the default layers would cover the map), opened by a click.
    const key = rec.page.locator('hsr-map-key details');
    await key.locator('summary', { hasText: 'Legend' }).waitFor();
    expect(await key.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await key.locator('summary').click();
    await key.locator('.heading', { hasText: layerSpec('projects').title.en }).waitFor();
    expect(await axeViolations(rec.page, 'hsr-map-key')).toEqual([]);
    await assertCleanPage(rec);
  });
});
