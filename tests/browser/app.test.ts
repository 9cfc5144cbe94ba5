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
import { assertCleanPage, launchChromium, openPage, type PageRecording } from './chromium.ts';

const ARTIFACTS = 'tests/.artifacts';
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await launchChromium();
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

function feature(layer: string, id: string): { properties: { sources: { quote: string }[]; name_en: string; name_zh: string } } {
  const fc = JSON.parse(readFileSync(`public/data/${layer}.geojson`, 'utf8')) as { features: { id: string; properties: never }[] };
  const f = fc.features.find((x) => x.id === id);
  if (!f) throw new Error(`${id} not in ${layer}`);
  return f as never;
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
    await assertCleanPage(rec);
  });

  it('changes the picture when a layer is switched off in the layer panel, and updates the URL', async () => {
    const rec = await openApp('#layers=priority-countries');
    const before = await pixels(rec.page, { kz: KAZAKHSTAN });
    expect(dist(before.kz!, LAND), `shaded ${before.kz}`).toBeGreaterThan(25);
    await rec.page.getByRole('checkbox', { name: /Priority \(fulcrum\) countries/ }).uncheck();
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
    await detail.getByRole('button', { name: /Read in the source document/ }).first().click();
    // The quoted passage is marked (in several segments where other quotes overlap it) and scrolled to.
    const marks = page.locator('hsr-reader mark.active');
    await marks.first().waitFor({ timeout: 15_000 });
    expect(squash((await marks.allInnerTexts()).join(''))).toBe(squash(f.properties.sources[0]!.quote));
    expect(await marks.first().isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toMatch(/doc=/);
    await assertCleanPage(rec);
  });

  it('reopens the same view from a URL: camera, layers, filters, selection and language', async () => {
    const rec = await openApp('#map=4/35/100&layers=projects,tcm-centres&area=5&sel=project-23&lang=zh');
    const { page } = rec;
    const cam = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), lat: window.__map!.getCenter().lat, lng: window.__map!.getCenter().lng }));
    expect(cam.zoom).toBeCloseTo(4, 1);
    expect(cam.lat).toBeCloseTo(35, 0);
    expect(cam.lng).toBeCloseTo(100, 0);
    const ids = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['projects', 'tcm-centres', 'selection']));
    expect(ids).not.toContain('directions');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    expect(await page.locator('hsr-detail h2').innerText()).toBe(feature('projects', 'project-23').properties.name_zh);
    // The list follows the filters: only area 5 (traditional medicine) among projects.
    await page.getByRole('tab', { name: '列表' }).click();
    const listed = await page.locator('hsr-list button[data-id^="project-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id')));
    expect(listed.length).toBe(10);
    expect(listed).toContain('project-23');
    await assertCleanPage(rec);
  });

  it('keeps back and forward working through selections', async () => {
    const rec = await openApp();
    const { page } = rec;
    await page.getByRole('tab', { name: 'List' }).click();
    await page.locator('hsr-list button[data-id="project-23"]').click();
    await page.locator('hsr-detail h2').waitFor();
    expect(new URL(page.url()).hash).toContain('sel=project-23');
    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('sel='));
    expect(await page.locator('hsr-detail').count()).toBe(0);
    await page.goForward();
    await page.locator('hsr-detail h2').waitFor();
    await assertCleanPage(rec);
  });

  it('falls back to the default view on malformed or hostile URL values, without an error', async () => {
    const rec = await openApp('#map=999/abc&layers=%3Cscript%3Ealert(1)%3C/script%3E&sel=%3Cimg%20src=x%3E&area=99&years=3000-1&lang=xx&doc=../../etc/passwd');
    const ids = await rec.page.evaluate(() => window.__hsrMap!.deckLayerIds());
    expect(ids).toEqual(expect.arrayContaining(['directions', 'projects']));
    expect(await rec.page.locator('hsr-detail').count()).toBe(0);
    expect(await rec.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await assertCleanPage(rec);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const rec = await openApp('#sel=project-23');
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await rec.page.evaluate(source);
    const violations = await rec.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
  });

  it('keeps the list and search working when WebGL is unavailable', async () => {
    const rec = await openPage(browser, `${inject('baseUrl')}?test`, { initScripts: ['HTMLCanvasElement.prototype.getContext = function () { return null; };'] });
    open.push(rec);
    const { page } = rec;
    await page.locator('.map-error[role="alert"]').waitFor({ timeout: 30_000 });
    // The list takes over, with every feature reachable.
    await page.waitForFunction(() => document.querySelector('hsr-app')?.querySelector('#panel-list:not([hidden])') !== null);
    await page.locator('hsr-list button[data-id]').first().waitFor();
    expect(await page.locator('hsr-list button[data-id]').count()).toBeGreaterThan(150);
    await page.locator('hsr-list button[data-id="project-23"]').click();
    await page.locator('hsr-detail h2').waitFor();
    await page.locator('hsr-search input').fill('布拉格');
    await page.locator('hsr-search [role="option"]').first().waitFor();
    expect(await page.locator('hsr-search [role="option"]').count()).toBeGreaterThan(0);
  });

  it('brings the map and its layers back after the WebGL context is lost and restored', async () => {
    const rec = await openApp('#layers=priority-countries');
    const { page } = rec;
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
    expect(rec.pageErrors).toEqual([]);
  });

  it('offers an embed mode with minimal chrome', async () => {
    const rec = await openPage(browser, `${inject('baseUrl')}?test&embed`);
    open.push(rec);
    await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready');
    expect(await rec.page.locator('hsr-app[embed]').count()).toBe(1);
    expect(await rec.page.locator('hsr-app .side').isVisible()).toBe(false);
    expect(await rec.page.getByRole('link', { name: 'Open the full map' }).count()).toBe(1);
    await assertCleanPage(rec);
  });
});
