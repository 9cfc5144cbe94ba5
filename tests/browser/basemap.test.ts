/**
 * The built site in Chromium: the base map draws (ocean and land, labels, no
 * antimeridian bands), everything comes from the site's origin, nothing is logged
 * as an error, the CSP holds, and a browser without WebGL gets a message.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BASEMAP_LAYER_IDS, BASEMAP_OVERVIEW_DATA, BASEMAP_PALETTES, basemapAttribution, FIRST_BOUNDARY_LAYER_ID, FIRST_LABEL_LAYER_ID, STYLE_DATA } from '../../src/map/basemap-style.ts';
import { assertCleanPage, consoleErrors, externalRequests, openPage, type PageRecording, sharedBrowser } from './chromium.ts';
import { launchChromium } from '../../scripts/chromium.ts';

const ARTIFACTS = 'tests/.artifacts';
const CSP = "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await sharedBrowser();
});

afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await browser?.close();
});

/** Opens the site with every thematic layer off (`#layers=`), so the base map is measured alone. */
/** The base map's file for `name` that the map itself loads at world scale: the overview outlines where there are some. */
function worldScaleFile(name: string): string {
  return `data/basemap/${(BASEMAP_OVERVIEW_DATA as readonly string[]).includes(name) ? 'overview/' : ''}${name}.geojson`;
}

async function openMap(url: string): Promise<PageRecording> {
  const rec = await openPage(browser, url.includes('#') ? url : `${url}#layers=`);
  open.push(rec);
  await rec.page.waitForFunction(() => window.__map !== undefined, undefined, { timeout: 30_000 });
  // `idle`: style and tiles loaded, labels placed, nothing left to draw.
  await rec.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
  return rec;
}

interface CanvasStats {
  width: number;
  height: number;
  ocean: number;
  land: number;
  distinct: number;
  /** Colours at named [lon, lat] points. */
  at: Record<string, [number, number, number]>;
}

/**
 * Reads the map's pixels. The drawing buffer is only valid during the frame, so
 * the canvas is copied inside a `render` handler.
 */
function canvasStats(page: Page, points: Record<string, [number, number]>): Promise<CanvasStats> {
  const { ocean, land } = BASEMAP_PALETTES.light;
  return page.evaluate(
    ({ ocean, land, points }) =>
      new Promise<CanvasStats>((resolve) => {
        const map = window.__map!;
        const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
        const [o, l] = [hex(ocean), hex(land)];
        map.once('render', () => {
          const src = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = src.width;
          copy.height = src.height;
          const ctx = copy.getContext('2d')!;
          ctx.drawImage(src, 0, 0);
          const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
          const near = (i: number, c: number[]) => Math.abs(data[i]! - c[0]!) <= 3 && Math.abs(data[i + 1]! - c[1]!) <= 3 && Math.abs(data[i + 2]! - c[2]!) <= 3;
          let nOcean = 0;
          let nLand = 0;
          const colours = new Set<number>();
          for (let i = 0; i < data.length; i += 4) {
            if (near(i, o)) nOcean++;
            else if (near(i, l)) nLand++;
            colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
          }
          const total = data.length / 4;
          const ratio = src.width / map.getContainer().clientWidth;
          const at: CanvasStats['at'] = {};
          for (const [name, lngLat] of Object.entries(points)) {
            const p = map.project(lngLat);
            const i = (Math.round(p.y * ratio) * copy.width + Math.round(p.x * ratio)) * 4;
            at[name] = [data[i]!, data[i + 1]!, data[i + 2]!];
          }
          resolve({ width: copy.width, height: copy.height, ocean: nOcean / total, land: nLand / total, distinct: colours.size, at });
        });
        map.triggerRepaint();
      }),
    { ocean, land, points },
  );
}

const renderedLabels = (page: Page) =>
  page.evaluate((id) => window.__map!.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties as { iso2: string; name_en: string; name_zh: string }), FIRST_LABEL_LAYER_ID);

const hexRgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

describe('base map (built site, Chromium)', () => {
  it('draws ocean, land and English labels, without antimeridian bands, from its own origin only', async () => {
    const rec = await openMap(`${inject('baseUrl')}?test`);
    const { page } = rec;
    await page.screenshot({ path: `${ARTIFACTS}/basemap-en.png` });

    // Framing: Europe to Oceania, China in view.
    const view = await page.evaluate(() => {
      const m = window.__map!;
      const b = m.getBounds();
      return { zoom: m.getZoom(), west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth(), webgl2: m.painter.context.gl instanceof WebGL2RenderingContext };
    });
    expect(view.webgl2).toBe(true);
    expect(view.zoom).toBeGreaterThan(1.2);
    expect(view.west).toBeLessThanOrEqual(-20);
    expect(view.east).toBeGreaterThanOrEqual(179);
    expect(view.south).toBeLessThanOrEqual(-40);
    expect(view.north).toBeGreaterThanOrEqual(60);
    // China near the middle of the map, not at its right-hand edge.
    const china = await page.evaluate(() => ({ x: window.__map!.project([104, 35]).x, width: window.__map!.getContainer().clientWidth }));
    expect(Math.abs(china.x / china.width - 0.5), `China at ${china.x} of ${china.width}`).toBeLessThan(0.1);

    const { ocean, land } = BASEMAP_PALETTES.light;
    const close = (rgb: number[], hex: string) => rgb.every((v, i) => Math.abs(v - hexRgb(hex)[i]!) <= 3);
    // Sample points avoid the graticule's multiples of 15°.
    const stats = await canvasStats(page, { indianOcean: [82, -33], sahara: [13, 23], china: [92, 36] });
    expect(stats.width).toBeGreaterThan(0);
    expect(stats.ocean, 'ocean share').toBeGreaterThan(0.15);
    expect(stats.land, 'land share').toBeGreaterThan(0.15);
    expect(stats.distinct, 'distinct colours').toBeGreaterThan(30);
    expect(close(stats.at.indianOcean!, ocean), `indianOcean ${stats.at.indianOcean}`).toBe(true);
    for (const name of ['sahara', 'china']) expect(close(stats.at[name]!, land), `${name} ${stats.at[name]}`).toBe(true);

    // Bands: a ring stepping across ±180° paints its latitudes across the whole
    // world. Fiji's step is at 16.5°S, Chukotka's between 65°N and 69°N: these
    // ocean points, far from both (and off the 15° graticule), would turn land-coloured.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.__map!.once('idle', () => resolve());
          window.__map!.jumpTo({ center: [40, 25], zoom: 1.3 });
        }),
    );
    const bands = await canvasStats(page, { atlantic: [-10, -16.5], indianOcean: [80, -16.5], norwegianSea: [3, 67], southernOcean: [62, -55] });
    for (const [name, rgb] of Object.entries(bands.at)) expect(close(rgb, ocean), `${name} ${rgb}`).toBe(true);
    expect(bands.ocean, 'ocean share, zoomed out').toBeGreaterThan(0.3);
    await page.screenshot({ path: `${ARTIFACTS}/basemap-world.png` });

    const labels = await renderedLabels(page);
    expect(labels.length).toBeGreaterThan(15);
    expect(labels.map((l) => l.iso2)).toEqual(expect.arrayContaining(['CN', 'IN', 'RU', 'AU']));
    expect(await page.evaluate((id) => window.__map!.getLayoutProperty(id, 'text-field'), FIRST_LABEL_LAYER_ID)).toEqual(['get', 'name_en']);

    // Controls and the boundary disclaimer.
    for (const sel of ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-compass', '.maplibregl-ctrl-fullscreen', '.maplibregl-ctrl-scale', '.maplibregl-ctrl-attrib']) {
      expect(await page.locator(sel).count(), sel).toBe(1);
    }
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toContain(basemapAttribution('en', 'intl'));
    // The disclaimer is the control's own text, not only the built-in style's: an online style keeps it.
    const custom = await page.evaluate(() =>
      JSON.stringify((window.__map as unknown as { _controls: { options?: { customAttribution?: unknown } }[] })._controls.map((c) => c.options?.customAttribution ?? null)),
    );
    expect(custom).toContain('Dotted and dashed lines represent approximate border lines');

    // Every base map file came from the origin; nothing else was asked for.
    const paths = rec.requests.map((r) => new URL(r.url).pathname);
    for (const name of STYLE_DATA) expect(paths).toContain(`/${worldScaleFile(name)}`);
    expect(externalRequests(rec)).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))).toBe(CSP);
    await assertCleanPage(rec);
  });

  it('draws Chinese labels with ?lang=zh', async () => {
    const rec = await openMap(`${inject('baseUrl')}?test&lang=zh`);
    const { page } = rec;
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.__map!.once('idle', () => resolve());
          window.__map!.jumpTo({ center: [105, 32], zoom: 3.2 });
        }),
    );
    await page.screenshot({ path: `${ARTIFACTS}/basemap-zh.png` });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    expect(await page.evaluate((id) => window.__map!.getLayoutProperty(id, 'text-field'), FIRST_LABEL_LAYER_ID)).toEqual(['get', 'name_zh']);
    const labels = await renderedLabels(page);
    expect(labels.find((l) => l.iso2 === 'CN')?.name_zh).toBe('中国');
    expect(labels.length).toBeGreaterThan(10);
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('边界：Natural Earth');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
    await assertCleanPage(rec);
  });

  it('works from a sub-path of the host', async () => {
    const base = inject('subPathUrl');
    const rec = await openMap(`${base}?test`);
    const paths = rec.requests.map((r) => new URL(r.url).pathname);
    const sub = new URL(base).pathname;
    for (const name of STYLE_DATA) expect(paths).toContain(`${sub}${worldScaleFile(name)}`);
    expect(await renderedLabels(rec.page)).not.toEqual([]);
    await assertCleanPage(rec);
  });

  it('hides window.__map without ?test', async () => {
    const rec = await openPage(browser, inject('baseUrl'));
    open.push(rec);
    await rec.page.waitForSelector('.maplibregl-canvas');
    expect(await rec.page.evaluate(() => window.__map === undefined)).toBe(true);
    await assertCleanPage(rec);
  });

  it('reports CSP violations when there are some (the recorder works)', async () => {
    const rec = await openMap(`${inject('baseUrl')}?test`);
    await rec.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await expect.poll(async () => (await rec.cspViolations()).map((v) => v.directive)).toContain('style-src-elem');
    await expect(assertCleanPage(rec)).rejects.toThrow(/CSP violation/);
  });

  it('says so instead of drawing when WebGL is unavailable', async () => {
    const noGl = await launchChromium(['--disable-webgl', '--disable-webgl2']);
    try {
      const rec = await openPage(noGl, `${inject('baseUrl')}?test`);
      const alert = rec.page.locator('.map-error[role="alert"]');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toContain('The map cannot be displayed');
      expect(await rec.page.evaluate(() => window.__map === undefined)).toBe(true);
      expect(await rec.page.locator('.maplibregl-canvas').count()).toBe(0);
      expect(rec.console.some((m) => m.type === 'warning' && m.text.includes('map unavailable'))).toBe(true);
      expect(consoleErrors(rec)).toEqual([]);
      await assertCleanPage(rec);
      await rec.page.screenshot({ path: `${ARTIFACTS}/basemap-no-webgl.png` });
      await rec.close();
    } finally {
      await noGl.close();
    }
  });

  it('keeps the labels on top: every deck.gl layer of the default view is drawn before the first label layer', async () => {
    const rec = await openPage(browser, `${inject('baseUrl')}?test`);
    open.push(rec);
    const { page } = rec;
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
    // deck.gl adds its groups once the style has loaded its sources (the base map's files arrive after the manifest).
    await page.waitForFunction(() => (window.__map as unknown as { getLayersOrder(): string[] }).getLayersOrder().some((id) => id.startsWith('deck-')), undefined, { timeout: 60_000 });
    // Interleaved deck.gl layers join MapLibre's order as groups, one per `beforeId` (a layer without one would be grouped last, over the labels).
    const { order, deck } = await page.evaluate(() => {
      const layers = window.__hsrMap!.deckLayers() as unknown as { id: string; props: { beforeId?: string } }[];
      return { order: (window.__map as unknown as { getLayersOrder(): string[] }).getLayersOrder(), deck: layers.map((l) => ({ id: l.id, beforeId: l.props.beforeId })) };
    });
    const label = order.indexOf(FIRST_LABEL_LAYER_ID);
    expect(label).toBeGreaterThan(0);
    expect(deck.length).toBeGreaterThan(5);
    // Country fills (priority countries) go under the borders, which outline them; everything else under the labels.
    for (const l of deck) expect(l.beforeId, l.id).toBe(l.id === 'priority-countries' ? FIRST_BOUNDARY_LAYER_ID : FIRST_LABEL_LAYER_ID);
    const groups = order.map((id, i) => [id, i] as const).filter(([id]) => id.startsWith('deck-'));
    expect(groups.length).toBe(2);
    for (const [id, i] of groups) expect(i, `${id} before the labels`).toBeLessThan(label);
    expect(order.indexOf(`deck-maplibre-layer-group-before:${FIRST_BOUNDARY_LAYER_ID}`)).toBe(order.indexOf(FIRST_BOUNDARY_LAYER_ID) - 1);
    // The base map's own layers keep their order around them.
    expect(order.filter((id) => (Object.values(BASEMAP_LAYER_IDS) as string[]).includes(id))).toEqual(Object.values(BASEMAP_LAYER_IDS));
    await assertCleanPage(rec);
  });

  it('draws a layer switched on while the base map is still loading a file', async () => {
    // The detailed outlines are held back, so the map is still loading a source when the visitor switches priority countries on:
    // their layer needs a group of its own in MapLibre's order (under the borders), which deck.gl adds only when every source is loaded.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const rec = await openPage(browser, `${inject('baseUrl')}?test#layers=projects`, {
      beforeGoto: (page) => page.route('**/data/basemap/countries.geojson', async (route) => held.then(() => route.continue())),
    });
    open.push(rec);
    const { page } = rec;
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().includes('projects'), undefined, { timeout: 60_000 });
    const group = `deck-maplibre-layer-group-before:${FIRST_BOUNDARY_LAYER_ID}`;
    const groups = () => page.evaluate(() => (window.__map as unknown as { getLayersOrder(): string[] }).getLayersOrder().filter((id) => id.startsWith('deck-')));
    expect(await groups()).not.toContain(group);
    const asked = page.waitForRequest('**/data/basemap/countries.geojson');
    await page.evaluate(() => window.__map!.jumpTo({ center: [100, 20], zoom: 4.5 }));
    await asked;
    expect(await page.evaluate(() => window.__map!.isStyleLoaded())).toBe(false);
    await page.getByRole('checkbox', { name: /Priority countries/ }).check();
    await page.waitForFunction(() => window.__hsrMap!.deckLayerIds().includes('priority-countries'));
    release();
    // Idle comes only once every source has loaded.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.__map!.once('idle', () => resolve());
          window.__map!.triggerRepaint();
        }),
    );
    await expect.poll(groups, { timeout: 20_000 }).toContain(group);
    await assertCleanPage(rec);
  });
});
