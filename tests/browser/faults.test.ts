/**
 * A URL that never lies and faults that lose nothing, in Debian Chromium: state
 * arriving in the query is moved into the hash once (so it cannot come back
 * after the visitor changes it), the address shows the view the map really
 * shows (out-of-range cameras clamped, hostile hash edits cleaned), a WebGL
 * context that never comes back offers a reload that keeps the view, and a
 * missing or broken manifest still draws the base map and says what is missing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAP_LIMITS } from '../../src/map/limits.ts';
import { URL_VERSION } from '../../src/state/url-state.ts';
import { assertCleanPage, openPage, type OpenPageOptions, type PageRecording, sharedBrowser } from './chromium.ts';

let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await browser?.close();
});

const SMALL = { width: 1024, height: 640 };

async function openAt(path: string, options: OpenPageOptions = {}): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}${path}`, { viewport: SMALL, ...options });
  open.push(rec);
  return rec;
}

/** The map is drawn with its layers, and every layer is in (the app's own signals). */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
  await page.locator('hsr-app[data-complete]').waitFor({ state: 'attached', timeout: 60_000 });
}

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

describe('the query string', () => {
  it('moves state from the query into the hash at once, keeping only what is not state', async () => {
    const { page } = await openAt('?test&sel=project-23&layers=projects,events&lang=en');
    await ready(page);
    const url = new URL(page.url());
    expect(url.search).toBe('?test');
    expect(hashParams(page).get('sel')).toBe('project-23');
    expect(hashParams(page).get('layers')).toBe('events,projects');
    expect(hashParams(page).get('v')).toBe(String(URL_VERSION));
  });

  it('does not bring a query value back after the visitor changes it: selection and layers', async () => {
    const rec = await openAt('?test&sel=project-23&layers=projects,events');
    const { page } = rec;
    await ready(page);
    await page.locator('hsr-detail h2').waitFor();
    // The visitor closes the detail and switches a layer on.
    await page.keyboard.press('Escape');
    await page.locator('hsr-detail').waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: /Training/ }).check();
    await page.waitForFunction(() => location.hash.includes('training'));
    await page.reload();
    await ready(page);
    expect(await page.locator('hsr-detail').count()).toBe(0);
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual(expect.arrayContaining(['projects', 'events', 'training']));
    expect(hashParams(page).has('sel')).toBe(false);
    await assertCleanPage(rec);
  });

  it('works from a path with a doubled slash (`//`, as some hosts serve), writing the view back to that same page', async () => {
    const origin = new URL(inject('baseUrl')).origin;
    const rec = await openPage(browser, `${origin}//?test&sel=project-23`, { viewport: SMALL });
    open.push(rec);
    const { page } = rec;
    await ready(page);
    await page.locator('hsr-detail h2').waitFor();
    await page.getByRole('checkbox', { name: /Training/ }).check();
    await page.waitForFunction(() => location.hash.includes('training'));
    const url = new URL(page.url());
    expect([url.origin, url.pathname, url.search]).toEqual([origin, '//', '?test']);
    expect(hashParams(page).get('sel')).toBe('project-23');
    await assertCleanPage(rec);
  });

  it('does not restart a presentation from the query after Esc, and reads embed=0 as off', async () => {
    const { page } = await openAt('?test&story=health-silk-road&chapter=2');
    await page.locator('hsr-presenter .caption[data-chapter="economic-belt"]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page.locator('hsr-presenter').waitFor({ state: 'detached' });
    await page.reload();
    await ready(page);
    expect(await page.locator('hsr-presenter').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?test');

    await page.goto(`${inject('baseUrl')}?test&embed=0`);
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready');
    expect(await page.locator('hsr-app[embed]').count()).toBe(0);
    expect(hashParams(page).has('embed')).toBe(false);
  });
});

describe('the address shows the view the map shows', () => {
  it("clamps a camera outside the map's limits, and writes back where the map really is", async () => {
    const rec = await openAt('?test#map=22/85.06/180/0/85&layers=projects');
    const { page } = rec;
    await ready(page);
    const map = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), lat: window.__map!.getCenter().lat, pitch: window.__map!.getPitch() }));
    expect(map.zoom).toBe(MAP_LIMITS.maxZoom);
    expect(map.pitch).toBe(MAP_LIMITS.maxPitch);
    // The address agrees with the map as it is now (the panels settling may move it again), to the precision it is written at.
    await expect
      .poll(
        async () => {
          const lat = await page.evaluate(() => window.__map!.getCenter().lat);
          const [zoom, written, , , pitch] = (hashParams(page).get('map') ?? '').split('/').map(Number);
          return [zoom, Math.abs(written! - lat) < 0.01 ? 'same latitude' : `${written} written, ${lat} shown`, pitch];
        },
        { timeout: 10_000 },
      )
      .toEqual([MAP_LIMITS.maxZoom, 'same latitude', MAP_LIMITS.maxPitch]);
    await assertCleanPage(rec);
  });

  it('cleans a hostile hash edited after load', async () => {
    const rec = await openAt('?test');
    const { page } = rec;
    await ready(page);
    await page.evaluate(() => (location.hash = 'sel=<img src=x onerror=alert(1)>&layers=bogus&map=99/0/0&lang=en'));
    await page.waitForFunction(() => location.hash.includes('map=8/0/0'));
    const hash = decodeURIComponent(new URL(page.url()).hash);
    expect(hash).not.toContain('<img');
    expect(hash).not.toContain('bogus');
    expect(hash).not.toContain('sel=');
    // Garbage alone in `layers` means the default layers: they are drawn, and nothing was selected.
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual(expect.arrayContaining(['projects']));
    expect(await page.locator('hsr-detail').count()).toBe(0);
    await assertCleanPage(rec);
  });
});

describe('faults', () => {
  it('offers a reload that keeps the view when a lost WebGL context never comes back', async () => {
    const { page } = await openAt('?test#map=4/30/105&layers=projects&lang=zh');
    await ready(page);
    await page.evaluate(() => {
      const ext = window.__map!.getCanvas().getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
      ext.loseContext();
    });
    await page.locator('hsr-map .hsr-map__message[role="status"]').waitFor();
    // After a few seconds without the context, a way back in the visitor's language.
    const reload = page.getByRole('button', { name: '重新加载地图' });
    await reload.waitFor({ timeout: 30_000 });
    expect(await page.locator('hsr-map .hsr-map__message[role="alert"]').innerText()).toContain('地图未能恢复');
    await reload.click();
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
    const cam = await page.evaluate(() => ({ zoom: window.__map!.getZoom(), center: window.__map!.getCenter().toArray() }));
    expect(cam.zoom).toBeCloseTo(4, 5);
    expect(cam.center[0]).toBeCloseTo(105, 3);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  });

  it.each([
    ['missing', { status: 404, body: 'not found', contentType: 'text/plain' }, 'HTTP 404'],
    ['broken', { status: 200, body: '{"version": 1, "layers": [', contentType: 'application/json' }, 'not valid JSON'],
  ])('draws the base map and says what is missing when manifest.json is %s', async (_what, response, detail) => {
    const rec = await openAt('?test#lang=en', {
      beforeGoto: (page) => page.route('**/data/manifest.json', (route) => route.fulfill(response)),
    });
    const { page } = rec;
    const banner = page.locator('hsr-app .banner[role="alert"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.innerText()).toContain(detail);
    expect(await banner.innerText()).toContain('The base map is shown');
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready', undefined, { timeout: 60_000 });
    await page.locator('hsr-app[data-complete]').waitFor({ state: 'attached' });
    // Not "Loading the map…" forever: the base map is drawn, and nothing says it is still coming.
    expect(await page.locator('hsr-map .hsr-map__loading').count()).toBe(0);
    expect(await page.evaluate(() => window.__map!.loaded() || window.__map!.isStyleLoaded())).toBe(true);
    // The failed request is the console's only error.
    expect(rec.console.filter((m) => m.type === 'error' && !m.text.includes('404'))).toEqual([]);
  });

  it('names a base-map file that did not load, in the page’s language and in the console', async () => {
    const rec = await openAt('?test#lang=zh', {
      beforeGoto: (page) => page.route(/\/data\/basemap\/(overview\/)?borders[^/]*\.geojson$/, (route) => route.fulfill({ status: 404, body: 'not found', contentType: 'text/plain' })),
    });
    const { page } = rec;
    const banner = page.locator('hsr-app .banner[role="alert"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.innerText()).toMatch(/^部分底图文件未能加载（borders[^）]*\.geojson）/);
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready', undefined, { timeout: 60_000 });
    // Not a minified class name: the file, its address and the HTTP status.
    expect(rec.console.some((m) => m.type === 'warning' && /base map file not loaded: http:\/\/.*borders[^ ]*\.geojson \(HTTP 404\)/.test(m.text))).toBe(true);
    expect(rec.console.filter((m) => m.type === 'error' && !m.text.includes('404'))).toEqual([]);
  });
});
