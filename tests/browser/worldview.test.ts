/**
 * The worldview switch in the built site, in Chromium: switching in the layer
 * panel changes what the map draws (the base map's hatch and China's South China
 * Sea line, the country fills — read from the rendered features and the canvas's
 * pixels), the attribution and the link, is remembered, and changes the export
 * (its pixels: the South China Sea inset, the footer). A bad `wv=` opens the
 * default worldview without an error.
 */
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BASEMAP_LAYER_IDS } from '../../src/map/basemap-style.ts';
import { DEFAULT_WORLDVIEW } from '../../src/data/worldviews.ts';
import type { HookError, HookResult } from '../../src/export/hook.ts';
import { assertCleanPage, openPage, type PageRecording, sharedBrowser } from './chromium.ts';

let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});

afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await browser?.close();
});

const ITANAGAR: [number, number] = [93.62, 27.08];
const LHASA: [number, number] = [91.11, 29.65];
/** Guwahati (Assam): India, shaded as a priority country of the maritime road. */
const GUWAHATI: [number, number] = [91.74, 26.14];

async function openSite(hash: string): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test#${hash}`, { viewport: { width: 1280, height: 800 } });
  open.push(rec);
  await settled(rec.page);
  return rec;
}

/** Waits until every layer is loaded and the map (base map and deck.gl layers) has drawn everything. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('hsr-app')?.hasAttribute('data-complete') && window.__map !== undefined && window.__hsrMap?.status === 'ready', undefined, {
    timeout: 90_000,
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        const done = () => (map.loaded() && !map.isMoving() ? resolve() : map.once('idle', done));
        map.once('idle', done);
        map.triggerRepaint();
      }),
  );
}

/** Colours of the map's canvas at [lon, lat] points (read inside a frame: the drawing buffer is only valid then). */
function colours(page: Page, points: [number, number][]): Promise<[number, number, number][]> {
  return page.evaluate(
    (pts) =>
      new Promise<[number, number, number][]>((resolve) => {
        const map = window.__map!;
        map.once('render', () => {
          const src = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = src.width;
          copy.height = src.height;
          const ctx = copy.getContext('2d')!;
          ctx.drawImage(src, 0, 0);
          const ratio = src.width / src.clientWidth;
          resolve(
            pts.map((p) => {
              const { x, y } = map.project(p);
              // A 3×3 average: a hatch line or a label edge on one pixel should not decide.
              const d = ctx.getImageData(Math.round(x * ratio) - 1, Math.round(y * ratio) - 1, 3, 3).data;
              const c: [number, number, number] = [0, 0, 0];
              for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) c[k]! += d[i + k]! / 9;
              return c.map(Math.round) as [number, number, number];
            }),
          );
        });
        map.triggerRepaint();
      }),
    points,
  );
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** The base map's rendered features at a point, in a layer. */
function renderedAt(page: Page, layer: string, p: [number, number]): Promise<number> {
  return page.evaluate(({ layer, p }) => window.__map!.queryRenderedFeatures(window.__map!.project(p), { layers: [layer] }).length, { layer, p });
}

/** The kinds of the base map's borders the map has loaded. */
function borderKinds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set(window.__map!.querySourceFeatures('basemap-borders').map((f) => String(f.properties.kind)))].sort());
}

async function switchTo(page: Page, worldview: string): Promise<void> {
  await page.locator(`hsr-layer-panel input[type=radio][value=${worldview}]`).check();
  await page.waitForFunction((wv) => (wv === 'intl' ? !location.hash.includes('wv=') : location.hash.includes(`wv=${wv}`)), worldview);
  // The base map and the fills switch once the worldview's files are in.
  await page.waitForFunction(() => document.querySelector('.maplibregl-ctrl-attrib')?.textContent?.length, undefined, { timeout: 60_000 });
  await settled(page);
}

function exportPng(page: Page): Promise<HookResult | HookError> {
  return page.evaluate(() => window.__hsrExport!({ width: 960, height: 540, title: null, subtitle: null, date: false }));
}

function pixels(r: HookResult) {
  const png = PNG.sync.read(Buffer.from(r.base64, 'base64'));
  return (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
}

describe('worldviews', () => {
  it('switches the base map, the country fills, the attribution and the link together, and remembers the choice', async () => {
    const rec = await openSite('map=4/26/93&layers=priority-countries&lang=en');
    const { page } = rec;
    expect(DEFAULT_WORLDVIEW).toBe('intl');
    // International: Itanagar (Arunachal Pradesh) is hatched, in no country's fill: not in India's (Guwahati is shaded).
    expect(await renderedAt(page, BASEMAP_LAYER_IDS.disputed, ITANAGAR)).toBeGreaterThan(0);
    const [itanagarIntl, guwahati] = await colours(page, [ITANAGAR, GUWAHATI]);
    expect(distance(itanagarIntl!, guwahati!)).toBeGreaterThan(25);
    expect(await borderKinds(page)).not.toContain('maritime');
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('do not imply the expression of any opinion');

    await switchTo(page, 'cn');
    // China's: Itanagar is China's, drawn as China is (Lhasa), not hatched.
    expect(await renderedAt(page, BASEMAP_LAYER_IDS.disputed, ITANAGAR)).toBe(0);
    const [itanagarCn, lhasaCn] = await colours(page, [ITANAGAR, LHASA]);
    expect(distance(itanagarCn!, lhasaCn!)).toBeLessThan(12);
    // …and in no Indian fill in China's worldview either (the hatch is gone: `renderedAt` above).
    expect(distance(itanagarCn!, guwahati!)).toBeGreaterThan(25);
    expect(await borderKinds(page)).toContain('maritime');
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('not a reviewed standard map');
    expect(page.url()).toContain('wv=cn');
    expect(await page.evaluate(() => localStorage.getItem('hsr-worldview'))).toBe('cn');

    // Back in the browser history: the international worldview again.
    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('wv='));
    await settled(page);
    await page.waitForFunction((p) => window.__map!.queryRenderedFeatures(window.__map!.project(p), { layers: ['basemap-disputed'] }).length > 0, ITANAGAR, { timeout: 60_000 });
    await assertCleanPage(rec);
  });

  it('opens the default worldview for a bad wv= value, without an error', async () => {
    const rec = await openSite('wv=xx&layers=&lang=en');
    expect(rec.page.url()).not.toContain('wv=');
    expect(await rec.page.locator('hsr-layer-panel input[type=radio][value=intl]').isChecked()).toBe(true);
    expect(await rec.page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('do not imply');
    await assertCleanPage(rec);
  });

  it('exports in the worldview shown: China’s adds the South China Sea inset to a map of Europe and changes the footer', async () => {
    const rec = await openSite('map=3.4/48/15&layers=statement-2020&lang=zh');
    const { page } = rec;
    const intl = (await exportPng(page)) as HookResult;
    expect('error' in intl ? intl.error : '').toBe('');
    expect(intl.worldview).toBe('intl');
    expect(intl.layout.inset).toBeNull();

    await switchTo(page, 'cn');
    const cn = (await exportPng(page)) as HookResult;
    expect('error' in cn ? cn.error : '').toBe('');
    expect(cn.worldview).toBe('cn');
    const inset = cn.layout.inset!;
    expect(inset).not.toBeNull();
    // The inset's pixels: its frame and sea where the international export shows Asia's land and fills.
    const a = pixels(intl);
    const b = pixels(cn);
    let differ = 0;
    let n = 0;
    for (let y = inset.y + 4; y < inset.y + inset.h - 4; y += 6) {
      for (let x = inset.x + 4; x < inset.x + inset.w - 4; x += 6) {
        n++;
        if (distance(a(x, y), b(x, y)) > 30) differ++;
      }
    }
    expect(differ / n).toBeGreaterThan(0.3);
    // The footer (the disclaimer) differs too.
    let footerDiffer = 0;
    for (let x = 20; x < 900; x += 3) for (let y = 540 - 36; y < 540 - 6; y += 3) if (distance(a(x, y), b(x, y)) > 60) footerDiffer++;
    expect(footerDiffer).toBeGreaterThan(20);
    // A world view shows the South China Sea: no inset then.
    await page.evaluate(() => window.__map!.jumpTo({ center: [100, 20], zoom: 1.6 }));
    await settled(page);
    const world = (await exportPng(page)) as HookResult;
    expect(world.layout.inset).toBeNull();
    await assertCleanPage(rec);
  });
});
