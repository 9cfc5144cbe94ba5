/**
 * Image export on the built site, in Chromium with software WebGL: an export
 * has exactly the asked size and resolution, shows a real map with the legend
 * drawn and the live view's extent (not more), 3840 × 2160 the same area as
 * 1920 × 1080 at twice the pixel ratio, a rotated view rotated (north arrow
 * too), a story chapter the area beside the caption; the live map is left as it
 * was; sizes the device cannot render are refused (naming one that works), a
 * dead encoding worker fails the export instead of hanging it; the PDF embeds
 * the image at its pixel size; the page stays clean under its CSP; the dialog
 * opens from the header and from the presenter's caption, keeps typed titles
 * across languages, checks a custom dpi, warns of characters the font lacks,
 * works from the keyboard and passes axe; a QR code of the view's link decodes
 * back to it; the command line exports every chapter of a story, makes the
 * handout (a page per chapter, each QR code its chapter's link) and exits 2
 * when an export fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPngInfo } from '../../src/export/png-dpi.ts';
import type { HookError, HookOptions, HookResult } from '../../src/export/hook.ts';
import { LAYERS } from '../../src/layers/registry.ts';
import { BASEMAP_PALETTES } from '../../src/map/basemap-style.ts';
import { shippedStory } from '../../scripts/story-files.ts';
import { URL_VERSION } from '../../src/state/url-state.ts';
import { golden, GOLDEN_TOLERANCE } from '../helpers/golden.ts';
import { presetById } from '../../src/export/presets.ts';
import { assertCleanPage, netLogHosts, openPage, type OpenPageOptions, type PageRecording, sharedBrowser } from './chromium.ts';

const ARTIFACTS = resolve('tests/.artifacts');
/** Exports take tens of seconds with software WebGL on two cores. */
const SLOW = 300_000;
let browser: Browser;
const open: PageRecording[] = [];

/** Replaces the export's encoding worker with one that dies when `window.__breakEncoder` is set (the map's own workers are untouched). */
const BREAKABLE_ENCODER = `
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (window.__breakEncoder && String(url).includes('encode-worker')) {
      const fake = new EventTarget();
      fake.postMessage = () => setTimeout(() => fake.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' })), 10);
      fake.terminate = () => undefined;
      return fake;
    }
    return new RealWorker(url, options);
  };
`;

beforeAll(async () => {
  browser = await sharedBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});

// Each test's pages close when it ends: a page holding a warm renderer must not share the cores with the next test.
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await browser?.close();
});

async function openApp(hash = '', options: Pick<OpenPageOptions, 'initScripts' | 'warmsExport'> = {}): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, { viewport: { width: 1280, height: 800 }, ...options });
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
  return rec;
}

function runExport(page: Page, options: HookOptions): Promise<HookResult | HookError> {
  return page.evaluate((o) => window.__hsrExport!(o), options);
}

function ok(r: HookResult | HookError): HookResult {
  if ('error' in r) throw new Error(`export failed: ${r.error}`);
  return r;
}

async function warm(page: Page, on = true) {
  const r = await page.evaluate((o) => window.__hsrExportWarm!(o), on);
  if ('error' in r) throw new Error(`warm-up failed: ${r.error}`);
}

/**
 * The page warms the export renderer by itself once idle after the map's first
 * frame (`app/export-warmup.ts`) and holds it: waits until it has, so a test
 * starts from the page as a visitor has it a few seconds after load.
 */
async function pageWarmed(page: Page) {
  await page.waitForFunction(() => document.querySelector('.hsr-export-map') !== null, undefined, { timeout: 120_000 });
  await warm(page);
  await warm(page, false);
}

/** Counts the export renderers the page makes from now on (their hidden maps join the body); resolves to the count. */
async function countExportMaps(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __exportMapsMade: number };
    w.__exportMapsMade = document.querySelectorAll('.hsr-export-map').length;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('hsr-export-map')) w.__exportMapsMade++;
    }).observe(document.body, { childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { __exportMapsMade: number }).__exportMapsMade);
}

/** Opens the app with the detailed outlines an export prints held back until `release`; `held` lists the paths asked for. */
async function openWithOutlinesHeld(): Promise<{ rec: PageRecording; release: () => void; held: string[] }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  const rec = await openPage(browser, `${inject('baseUrl')}?test`, {
    viewport: { width: 1280, height: 800 },
    beforeGoto: (page) =>
      page.route(/\/data\/(priority-countries|disease-zones)\.geojson$/, async (route) => {
        held.push(new URL(route.request().url()).pathname);
        await gate;
        await route.continue();
      }),
  });
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
  return { rec, release, held };
}

/** The tab goes to the background (as switching tabs does): the page gives its renderer back. */
async function tabHidden(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The live map as the visitor sees it: camera, canvas size, layers, and how many canvases the page has. */
function liveSnapshot(page: Page) {
  return page.evaluate(() => {
    const m = window.__map!;
    const c = m.getCanvas();
    return {
      center: m
        .getCenter()
        .toArray()
        .map((v) => v.toFixed(6)),
      zoom: m.getZoom().toFixed(6),
      bearing: m.getBearing(),
      pitch: m.getPitch(),
      canvas: [c.width, c.height],
      layers: window.__hsrMap!.deckLayerIds(),
      canvases: document.querySelectorAll('canvas').length,
      hash: location.hash,
    };
  });
}

/** Moves the live map and waits until it has settled. */
async function moveLive(page: Page, camera: { center?: [number, number]; zoom?: number; bearing?: number; pitch?: number }) {
  await page.evaluate((c) => window.__map!.jumpTo(c), camera);
  await page.waitForFunction(() => window.__map!.loaded() && !window.__map!.isMoving(), undefined, { timeout: 60_000 });
}

const hexRgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** The image that fills a page of one of our PDFs, as a PNG (the page's pixels: the PDF embeds them deflated, RGB). */
function pageImage(doc: PDFDocument, index: number): PNG {
  const xobjects = doc.getPage(index).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const stream = doc.context.lookup(xobjects.entries()[0]![1]) as PDFRawStream;
  const w = (stream.dict.lookup(PDFName.of('Width')) as PDFNumber).asNumber();
  const h = (stream.dict.lookup(PDFName.of('Height')) as PDFNumber).asNumber();
  const rgb = inflateSync(stream.contents);
  const png = new PNG({ width: w, height: h });
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    png.data[j] = rgb[i]!;
    png.data[j + 1] = rgb[i + 1]!;
    png.data[j + 2] = rgb[i + 2]!;
    png.data[j + 3] = 255;
  }
  return png;
}

/** Pixel reader of a PNG. */
/** Reads a QR code inside `area` of an image (output pixels). */
function readQr(png: PNG, area: { x: number; y: number; w: number; h: number }) {
  const crop = new PNG({ width: area.w, height: area.h });
  PNG.bitblt(png, crop, area.x, area.y, area.w, area.h, 0, 0);
  return jsQR(new Uint8ClampedArray(crop.data), crop.width, crop.height);
}

function pixels(bytes: Buffer) {
  const png = PNG.sync.read(bytes);
  const px = (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return { png, px };
}

/**
 * Where a place is in an export's image (output pixels), computed independently
 * of the page: Web Mercator with 512-pixel tiles, rotated by the bearing about
 * the map image's centre.
 */
function placeInImage(r: HookResult, [lon, lat]: [number, number]): [number, number] {
  const world = 512 * 2 ** r.map.zoom;
  const [clon, clat] = r.map.center;
  const dx = ((lon - clon) / 360) * world;
  const dy = (-(merc(lat) - merc(clat)) / (2 * Math.PI)) * world;
  const t = (-r.map.bearing * Math.PI) / 180;
  const ratio = r.map.width / Math.round(r.map.width / r.map.pixelRatio);
  const m = r.layout.map;
  return [m.x + m.w / 2 + (dx * Math.cos(t) - dy * Math.sin(t)) * ratio, m.y + m.h / 2 + (dx * Math.sin(t) + dy * Math.cos(t)) * ratio];
}

/** The angle (degrees, screen) of the centroid of the dark pixels of the north arrow about its centre. */
function arrowAngle(r: HookResult, bytes: Buffer): number {
  const { px } = pixels(bytes);
  const u = Math.min(r.width, r.height) / 1080;
  const b = { x: r.layout.map.x + r.layout.map.w - 28 * u - 44 * u, y: r.layout.map.y + 28 * u, w: 44 * u, h: 64 * u };
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h * 0.6;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = cy - b.w / 2; y <= cy + b.w / 2; y++) {
    for (let x = cx - b.w / 2; x <= cx + b.w / 2; x++) {
      if (Math.hypot(x - cx, y - cy) > b.w / 2 - 1) continue;
      if (Math.max(...px(x, y)) < 80) {
        sx += x - cx;
        sy += y - cy;
        n++;
      }
    }
  }
  expect(n, 'dark pixels of the north arrow').toBeGreaterThan(10);
  return (Math.atan2(sy, sx) * 180) / Math.PI;
}

describe('image export (built site, Chromium)', () => {
  it(
    'exports 1920×1080 exactly, a real map with its legend and the live extent; 3840×2160 the same area at twice the ratio; a rotated view rotated; the scale where the bar is; the live map untouched',
    { timeout: SLOW },
    async () => {
      const rec = await openApp('#layers=directions,priority-countries,projects', { warmsExport: true });
      const { page } = rec;
      await pageWarmed(page);
      const before = await liveSnapshot(page);
      // As opening the dialog does: the renderer warms up, and stays for both exports.
      await warm(page);
      const r = ok(await runExport(page, { width: 1920, height: 1080, dpi: 150, keepWarm: true }));
      expect(r.warm).toBe(true);
      const bytes = Buffer.from(r.base64, 'base64');
      writeFileSync(join(ARTIFACTS, 'export-1920x1080.png'), bytes);

      // Exactly the size, and the resolution in pHYs.
      expect(readPngInfo(bytes)).toEqual({ width: 1920, height: 1080, dpi: 150 });
      const { png, px } = pixels(bytes);
      expect([png.width, png.height]).toEqual([1920, 1080]);
      // Rendered at the output resolution, not scaled up: the map image is as wide as its box, beside the legend.
      expect(r.map.width).toBe(Math.round(r.layout.map.w));
      expect(r.layout.legend!.x, 'the legend beside the map, not on it').toBeGreaterThanOrEqual(r.layout.map.x + r.layout.map.w);
      expect(r.map.pixelRatio).toBe(1);

      // Not blank: the map has many colours (sea, land, shaded countries, routes, symbols, text).
      const colours = new Set<number>();
      for (let y = 0; y < png.height; y += 3) for (let x = 0; x < png.width; x += 3) colours.add(px(x, y).reduce((a, v) => (a << 8) | v, 0));
      expect(colours.size).toBeGreaterThan(2000);

      // The legend: on white paper, dark text and the registry's symbol colours.
      const box = r.layout.legend!;
      expect(box).not.toBeNull();
      let white = 0;
      let ink = 0;
      let n = 0;
      const found = new Set<string>();
      const wanted = LAYERS.filter((l) => ['directions', 'priority-countries', 'projects'].includes(l.id))
        .flatMap((l) => l.legend)
        .filter((i) => i.swatch.kind !== 'fill')
        .map((i) => i.color);
      expect(wanted.length).toBeGreaterThan(4);
      for (let y = box.y + 2; y < box.y + box.h - 2; y++) {
        for (let x = box.x + 2; x < box.x + box.w - 2; x++) {
          const c = px(x, y);
          n++;
          if (Math.min(...c) > 235) white++;
          if (Math.max(...c) < 80) ink++;
          for (const w of wanted) if (Math.hypot(...c.map((v, k) => v - hexRgb(w)[k]!)) < 24) found.add(w);
        }
      }
      expect(white / n, 'legend background').toBeGreaterThan(0.5);
      expect(ink / n, 'legend text').toBeGreaterThan(0.005);
      expect(found.size, `legend colours found: ${[...found]}`).toBeGreaterThanOrEqual(Math.ceil(wanted.length * 0.6));

      // The thematic layers are drawn where the map is: Kazakhstan (a priority country) is shaded, not plain land.
      const land = hexRgb(BASEMAP_PALETTES.light.land);
      const kz = px(...placeInImage(r, [67, 48]));
      expect(Math.hypot(...kz.map((v, k) => v - land[k]!)), `Kazakhstan ${kz}`).toBeGreaterThan(25);

      // The live view's extent: at least the live bounds, and no more than the difference in shape adds.
      const live = await page.evaluate(() => {
        const m = window.__map!;
        return { bounds: m.getBounds().toArray().flat(), w: m.getContainer().clientWidth, h: m.getContainer().clientHeight };
      });
      const [lw, ls, le, ln] = live.bounds as [number, number, number, number];
      const [w, s, e, nn] = r.map.bounds;
      expect(w).toBeLessThanOrEqual(lw + 0.5);
      expect(s).toBeLessThanOrEqual(ls + 0.5);
      expect(e).toBeGreaterThanOrEqual(le - 0.5);
      expect(nn).toBeGreaterThanOrEqual(ln - 0.5);
      const wider = Math.max(1, r.map.width / r.map.height / (live.w / live.h));
      const taller = Math.max(1, live.w / live.h / (r.map.width / r.map.height));
      expect((e - w) / (le - lw), 'longitude span').toBeLessThanOrEqual(wider * 1.02);
      expect((merc(nn) - merc(s)) / (merc(ln) - merc(ls)), 'latitude span (Mercator)').toBeLessThanOrEqual(taller * 1.02);

      // 3840 × 2160: the same area, twice the pixels per CSS pixel.
      const big = ok(await runExport(page, { width: 3840, height: 2160, keepWarm: true }));
      expect([big.map.width, big.map.pixelRatio]).toEqual([2 * r.map.width, 2]);
      expect(readPngInfo(Buffer.from(big.base64, 'base64'))).toMatchObject({ width: 3840, height: 2160 });
      const span = e - w;
      big.map.bounds.forEach((v, i) => expect(Math.abs(v - r.map.bounds[i]!), `bound ${i}: ${v} vs ${r.map.bounds[i]}`).toBeLessThan(span * 0.005));

      // The live map is untouched (the hidden map is still held).
      expect({ ...(await liveSnapshot(page)), canvases: before.canvases }).toEqual(before);

      // The square and A4 portrait presets, against their golden pictures: the legend below the map, clear of its data.
      // (A4 at 100 dpi: the layout scales with the output, so it is the 300-dpi page's composition at a third of the
      // pixels. No date and no QR code: they change from day to day and with the test server's port.)
      const a4 = presetById('a4-portrait')!;
      for (const [id, size] of [
        ['square', presetById('square')!],
        ['a4-portrait', { width: Math.round(a4.width / 3), height: Math.round(a4.height / 3), dpi: 100 }],
      ] as const) {
        const e = ok(await runExport(page, { width: size.width, height: size.height, dpi: size.dpi, date: false, qr: false, keepWarm: true }));
        expect(e.layout.legend!.y, id).toBeGreaterThanOrEqual(e.layout.map.y + e.layout.map.h);
        const picture = golden(`export-${id}`, Buffer.from(e.base64, 'base64'));
        expect(picture.share, picture.message).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
      }

      // A rotated view exports rotated, and the scale is measured where the bar is.
      await moveLive(page, { center: [72, 44], zoom: 3.2, bearing: 0 });
      const north = ok(await runExport(page, { width: 1280, height: 720, keepWarm: true }));
      await moveLive(page, { bearing: 40 });
      const rot = ok(await runExport(page, { width: 1280, height: 720, keepWarm: true }));
      expect(rot.map.bearing).toBeCloseTo(40, 6);
      expect(north.map.bearing).toBeCloseTo(0, 6);
      const rotBytes = Buffer.from(rot.base64, 'base64');
      writeFileSync(join(ARTIFACTS, 'export-rotated.png'), rotBytes);
      // Kazakhstan is shaded where a 40° rotation puts it.
      const rotPx = pixels(rotBytes).px;
      for (const place of [
        [67, 48],
        [80, 45],
      ] as [number, number][]) {
        const c = rotPx(...placeInImage(rot, place));
        expect(Math.hypot(...c.map((v, k) => v - land[k]!)), `${place}: ${c}`).toBeGreaterThan(25);
      }
      // The arrow turned with the map: 40° anticlockwise on screen.
      const turn = arrowAngle(rot, rotBytes) - arrowAngle(north, Buffer.from(north.base64, 'base64'));
      expect(((turn + 540) % 360) - 180).toBeCloseTo(-40, -1);

      // The scale is measured at the bar (bottom right), not the centre: on a north-up map that is further south.
      expect(north.scaleBar.mode).not.toBe('hidden');
      expect(north.scaleBar.lat).toBeLessThan(44);
      const world = 512 * 2 ** north.map.zoom * north.map.pixelRatio;
      // (Within 0.5 %: a supersampled canvas is a rounded pixel off twice the image, which the scale allows for.)
      const expected = (40_075_016.686 * Math.cos((north.scaleBar.lat * Math.PI) / 180)) / world;
      expect(Math.abs(north.scaleBar.metresPerPixel / expected - 1)).toBeLessThan(0.005);
      // A world view: no bar (the scale varies too much across it).
      await moveLive(page, { center: [80, 20], zoom: 1, bearing: 0 });
      const worldView = ok(await runExport(page, { width: 960, height: 540, keepWarm: true }));
      expect(worldView.scaleBar.mode).toBe('hidden');
      // A banner of it: contained, the live view's height would make it three worlds wide; it is one, no country drawn twice.
      const banner = ok(await runExport(page, { width: 1920, height: 540, keepWarm: true }));
      expect(banner.map.bounds[2] - banner.map.bounds[0]).toBeLessThanOrEqual(360.5);
      expect(banner.map.bounds[2] - banner.map.bounds[0]).toBeGreaterThan(300);
      // The hidden map stays while the page holds it, and goes with the last holder (the page's, when the tab is hidden).
      await warm(page, false);
      expect(await page.locator('.hsr-export-map').count()).toBe(1);
      await tabHidden(page);
      await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 30_000 }).toBe(0);
      await assertCleanPage(rec);
    },
  );

  it('refuses sizes the device cannot render, naming one that works; a dead encoding worker fails the export, the next works; the PDF embeds the image at its size', { timeout: SLOW }, async () => {
    // Broken from the start: the page starts the encoding worker itself when it warms the renderer up.
    const rec = await openApp('', { initScripts: [BREAKABLE_ENCODER, 'window.__breakEncoder = true;'], warmsExport: true });
    const { page } = rec;
    await pageWarmed(page);
    const before = await liveSnapshot(page);
    // The encoding worker dies: a clear error, not a hang (the test would time out).
    const setBroken = (on: boolean) => page.evaluate((v) => ((window as unknown as { __breakEncoder: boolean }).__breakEncoder = v), on);
    const dead = await runExport(page, { width: 100, height: 100, keepWarm: true });
    expect((dead as HookError).error).toMatch(/encoding worker failed: simulated crash/);
    // The next export starts a new worker.
    await setBroken(false);
    const first = ok(await runExport(page, { width: 100, height: 100, keepWarm: true }));
    const maxSide = first.maxSide;
    expect(maxSide).toBeGreaterThanOrEqual(2048);

    const big = await runExport(page, { width: maxSide * 2, height: maxSide });
    expect('error' in big).toBe(true);
    const err = big as HookError;
    expect(err.fits).toEqual({ width: maxSide, height: Math.floor(maxSide / 2) });
    expect(err.error).toContain(`${maxSide * 2}×${maxSide}`);
    expect(err.error).toContain(`${maxSide}×${Math.floor(maxSide / 2)}`);

    const tiny = await runExport(page, { width: 4, height: 4 });
    expect((tiny as HookError).error).toMatch(/invalid size/);

    const r = ok(await runExport(page, { width: 600, height: 450, dpi: 300, format: 'pdf', lang: 'zh' }));
    expect(r.mime).toBe('application/pdf');
    const pdf = await PDFDocument.load(Buffer.from(r.base64, 'base64'));
    expect(pdf.getPageCount()).toBe(1);
    const pdfPage = pdf.getPage(0);
    const { width, height } = pdfPage.getSize();
    // 600 × 450 px at 300 dpi = 2 × 1.5 in = 144 × 108 pt.
    expect(width).toBeCloseTo(144, 3);
    expect(height).toBeCloseTo(108, 3);
    expect(pdf.getTitle()).toBe('健康丝绸之路地图');
    // The page's one image is the export, at its pixel size.
    const xobjects = pdfPage.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const images = xobjects.keys().map((k) => xobjects.lookup(k));
    expect(images.every((i) => i instanceof PDFRawStream)).toBe(true);
    expect(images).toHaveLength(1);
    const dim = (k: string) => (images[0] as PDFRawStream).dict.lookup(PDFName.of(k), PDFNumber).asNumber();
    expect([dim('Width'), dim('Height')]).toEqual([600, 450]);

    await warm(page, false);
    expect(await liveSnapshot(page)).toEqual(before);
    await assertCleanPage(rec);
  });

  it(
    'opens the Export dialog from the header, works from the keyboard, passes axe, keeps typed titles across languages, checks the dpi, warns of missing glyphs and downloads the image',
    { timeout: SLOW },
    async () => {
      // A device short of memory: the page does not warm the renderer by itself, the dialog does when opened.
      const rec = await openApp();
      const { page } = rec;
      const before = await liveSnapshot(page);
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Export a map image' });
      await dialog.waitFor();
      // Every field has an id and a name (what autofill, form tools and field lists go by).
      const unnamed = () => dialog.locator('input, select, textarea').evaluateAll((els) => els.filter((e) => !e.id || !e.getAttribute('name')).map((e) => e.outerHTML.slice(0, 80)));
      expect(await unnamed()).toEqual([]);
      // The size limit is stated.
      await expect.poll(() => dialog.getByText(/can render images up to \d+ × \d+ pixels/).count()).toBe(1);
      // Opening the dialog starts the off-screen renderer (it warms up while the user chooses).
      await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 90_000 }).toBe(1);

      const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      await page.evaluate(source);
      const axe = () =>
        page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
          // The dialog itself (the page behind it is app.test.ts's; under the modal backdrop axe misjudges its link colours).
          const r = await axe.run({ include: ['hsr-export-dialog'] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
        });
      expect(await axe()).toEqual([]);

      // A typed title survives a change of language; the untouched subtitle follows it.
      const title = dialog.getByRole('textbox', { name: 'Title', exact: true });
      const subtitle = dialog.getByRole('textbox', { name: 'Subtitle', exact: true });
      const subtitleEn = await subtitle.inputValue();
      await title.fill('My map of the Belt 齉');
      // A character the shipped font lacks is named.
      await dialog
        .getByRole('status')
        .getByText(/drawn with this computer’s fonts.*齉/)
        .waitFor();
      await dialog.getByRole('radio', { name: '中文' }).check();
      expect(await title.inputValue()).toBe('My map of the Belt 齉');
      expect(await subtitle.inputValue()).not.toBe(subtitleEn);
      expect(await subtitle.inputValue()).toMatch(/[\u4e00-\u9fff]/);
      await dialog.getByRole('radio', { name: 'English' }).check();
      await title.fill('My map of the Belt');
      await expect.poll(() => dialog.getByText(/drawn with this computer’s fonts/).count()).toBe(0);

      // A custom size has a dpi, 72–600.
      const size = dialog.getByRole('combobox', { name: 'Size' });
      await size.selectOption('custom');
      const dpi = dialog.getByRole('spinbutton', { name: 'Resolution (dpi)' });
      expect(await dpi.inputValue()).toBe('96');
      const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
      await dpi.fill('900');
      await dialog
        .getByRole('alert')
        .getByText(/between 72 and 600 dpi/)
        .waitFor();
      expect(await exportButton.isDisabled()).toBe(true);
      await dpi.fill('300');
      await expect.poll(() => exportButton.isDisabled()).toBe(false);
      expect(await axe()).toEqual([]);

      // Keyboard only: choose the square preset, Tab to Export, Enter.
      await size.focus();
      await size.selectOption('square');
      for (let i = 0; i < 40 && !(await exportButton.evaluate((b) => b.matches(':focus'))); i++) await page.keyboard.press('Tab');
      expect(await exportButton.evaluate((b) => b.matches(':focus'))).toBe(true);
      const download = page.waitForEvent('download', { timeout: SLOW });
      await page.keyboard.press('Enter');
      const file = await download;
      expect(file.suggestedFilename()).toBe('health-silk-road-1080x1080-en.png');
      const path = join(ARTIFACTS, file.suggestedFilename());
      await file.saveAs(path);
      expect(readPngInfo(readFileSync(path))).toEqual({ width: 1080, height: 1080, dpi: 96 });
      await dialog.getByRole('status').getByText(/Saved/).waitFor();

      // Escape closes it and lets the renderer go; the live map is as it was.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('hsr-export-dialog').count()).toBe(0);
      await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 30_000 }).toBe(0);
      expect(await liveSnapshot(page)).toEqual(before);
      await assertCleanPage(rec);
    },
  );

  it(
    'starts the renderer when the dialog opens, on the data the map has, while the detailed outlines an export prints are still on their way; exports once they are in, with that renderer',
    { timeout: SLOW },
    async () => {
      // The page does not warm the renderer by itself (2 GB): only the dialog makes one.
      const { rec, release, held } = await openWithOutlinesHeld();
      const { page } = rec;
      const made = await countExportMaps(page);
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Export a map image' });
      await dialog.waitFor();
      await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 90_000 }).toBe(1);
      // The renderer is up, the outlines asked for and still held: the export cannot start yet.
      expect([...new Set(held)].sort()).toEqual(['/data/disease-zones.geojson', '/data/priority-countries.geojson']);
      const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
      expect(await exportButton.isDisabled()).toBe(true);
      release();
      await expect.poll(() => exportButton.isDisabled(), { timeout: 60_000 }).toBe(false);
      const download = page.waitForEvent('download', { timeout: SLOW });
      await exportButton.click();
      const file = await download;
      const path = join(ARTIFACTS, `early-${file.suggestedFilename()}`);
      await file.saveAs(path);
      expect(readPngInfo(readFileSync(path)).width).toBeGreaterThan(0);
      expect(await made(), 'one renderer, made when the dialog opened').toBe(1);
      await assertCleanPage(rec);
    },
  );

  it('the page hook starts its renderer once the map has drawn, before the detailed outlines are in, and exports with it', { timeout: SLOW }, async () => {
    const { rec, release, held } = await openWithOutlinesHeld();
    const { page } = rec;
    const made = await countExportMaps(page);
    const result = runExport(page, { width: 1280, height: 720 });
    await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 90_000 }).toBe(1);
    expect([...new Set(held)].sort()).toEqual(['/data/disease-zones.geojson', '/data/priority-countries.geojson']);
    release();
    const r = ok(await result);
    expect([r.width, r.height]).toEqual([1280, 720]);
    expect(await made(), 'one renderer, made before the outlines came').toBe(1);
    // Not kept warm: once the export is done, the renderer goes.
    await expect.poll(() => page.locator('.hsr-export-map').count(), { timeout: 30_000 }).toBe(0);
    await assertCleanPage(rec);
  });

  it('prints a QR code of the view’s link beside the link itself, which decodes back to the view on this site', { timeout: SLOW }, async () => {
    const rec = await openApp('#map=3.2/30/100&layers=directions,projects&sel=project-23&lang=zh');
    const { page } = rec;
    const r = ok(await runExport(page, { width: 1920, height: 1080 }));
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(ARTIFACTS, 'export-qr-1920x1080.png'), bytes);
    // The link to this view on the site it was made from: the page's address without its query (`?test`).
    const here = new URL(page.url());
    const link = `${here.origin}${here.pathname}${here.hash}`;
    expect(r.qr?.link).toBe(link);
    // Read in the bottom-right quarter of the image (a QR reader in JavaScript takes many seconds over all of 1920×1080).
    const { png } = pixels(bytes);
    const area = { x: png.width / 2, y: png.height / 2, w: png.width / 2, h: png.height / 2 };
    const code = readQr(png, area);
    expect(code?.data).toBe(link);
    // Found where the layout put it.
    const box = r.qr!.box;
    expect(code!.location.topLeftCorner.x + area.x).toBeGreaterThanOrEqual(box.x - 2);
    expect(code!.location.bottomRightCorner.y + area.y).toBeLessThanOrEqual(box.y + box.h + 2);
    // An English image of this Chinese view links to the English map.
    const en = ok(await runExport(page, { width: 1280, height: 720, lang: 'en' }));
    expect(en.qr?.link).toBe(link.replace('lang=zh', 'lang=en'));
    // Switched off, there is none there.
    const off = ok(await runExport(page, { width: 1920, height: 1080, qr: false }));
    expect(off.qr).toBeNull();
    expect(readQr(pixels(Buffer.from(off.base64, 'base64')).png, area)).toBeNull();
    await assertCleanPage(rec);
  });

  it('exports while presenting: the caption has an Export button, the title is the chapter, and the image frames the area beside the caption', { timeout: SLOW }, async () => {
    const story = shippedStory('.', 'health-silk-road')!;
    const rec = await openApp(`#story=${story.id}&chapter=3`);
    const { page } = rec;
    const caption = page.locator('hsr-presenter');
    await page.waitForFunction(() => typeof document.querySelector('hsr-presenter')?.shadowRoot?.querySelector('.caption')?.getAttribute('data-chapter') === 'string', undefined, { timeout: 60_000 });
    await page.waitForFunction(() => window.__map!.loaded() && !window.__map!.isMoving(), undefined, { timeout: 60_000 });
    await caption.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a map image' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(story.chapters[2]!.title.en);
    // Keys in the dialog are the dialog's: an arrow does not turn the page, Escape closes only the dialog.
    await dialog.getByRole('radio', { name: 'English' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('hsr-export-dialog').count()).toBe(0);
    expect(await page.locator('hsr-presenter').count()).toBe(1);
    expect(await page.evaluate(() => location.hash)).toContain('chapter=3');

    // The export frames the padded area (the chapter's subject), not the whole screen under the caption.
    const r = ok(await runExport(page, { width: 960, height: 540 }));
    const live = await page.evaluate(() => {
      const m = window.__map!;
      const p = m.getPadding();
      const el = m.getContainer();
      const fx = p.left! + (el.clientWidth - p.left! - p.right!) / 2;
      const fy = p.top! + (el.clientHeight - p.top! - p.bottom!) / 2;
      return {
        padding: p,
        framedCentre: m.unproject([fx, fy]).toArray(),
        screenCentre: m.unproject([el.clientWidth / 2, el.clientHeight / 2]).toArray(),
        framedTop: m.unproject([fx, p.top!]).lat,
        framedBottom: m.unproject([fx, el.clientHeight - p.bottom!]).lat,
      };
    });
    expect(live.padding.left, 'the caption takes the left of the screen').toBeGreaterThan(200);
    expect(r.map.center[0]).toBeCloseTo(live.framedCentre[0], 3);
    expect(r.map.center[1]).toBeCloseTo(live.framedCentre[1], 3);
    expect(Math.abs(r.map.center[0] - live.screenCentre[0])).toBeGreaterThan(1);
    // A wide image of a nearly square free area: its height is the free area's height.
    const [, s, , n] = r.map.bounds;
    const tol = (live.framedTop - live.framedBottom) * 0.03;
    expect(Math.abs(n - live.framedTop)).toBeLessThan(tol);
    expect(Math.abs(s - live.framedBottom)).toBeLessThan(tol);
    await assertCleanPage(rec);
  });
});

describe('npm run export (command line)', () => {
  const dist = process.env.HSR_DIST ?? 'dist';
  const cli = (args: string[], env: Record<string, string> = {}) =>
    // Node with tsx's loader, as `npm run export` runs it, without npx's start-up for each call.
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--dist', dist, ...args], { encoding: 'utf8', timeout: SLOW, env: { ...process.env, ...env } });

  it('exports the chapters asked for (--chapters) into a folder, in one warm page, reaching nothing but the local server', { timeout: SLOW }, () => {
    const story = shippedStory('.', 'health-silk-road')!;
    const last = story.chapters.length;
    const out = join(ARTIFACTS, 'cli-all');
    rmSync(out, { recursive: true, force: true });
    // A small page: the live map redraws at every chapter too. Chromium's net log of the whole run, too.
    const netLog = join(ARTIFACTS, 'net-log-cli.json');
    rmSync(netLog, { force: true });
    // The last chapter first, then a range: made in that order, each once.
    const r = cli(['--story', story.id, '--all', '--chapters', `${last},1-2,1`, '--size', '320x180', '--viewport', '640x400', '--out', out], { HSR_CHROMIUM_NET_LOG: netLog });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    // The CLI is offline: nothing but the local server, Chromium's own services included.
    expect(netLogHosts(netLog)).toEqual(['127.0.0.1']);
    const name = (n: number) => `${story.id}-${String(n).padStart(2, '0')}-${story.chapters[n - 1]!.id}.png`;
    expect(readdirSync(out).sort()).toEqual([1, 2, last].map(name));
    expect([...r.stdout.matchAll(/[^/\s]+\.png(?=:)/g)].map((m) => m[0])).toEqual([last, 1, 2].map(name));
    for (const n of [1, 2, last]) expect(readPngInfo(readFileSync(join(out, name(n)))), name(n)).toEqual({ width: 320, height: 180, dpi: 96 });
    // One warm-up, then every chapter drawn by the warm renderer.
    expect(r.stdout).toMatch(/renderer warm in/);
    expect(r.stdout.match(/320×180 PNG.*\(warm;/g)).toHaveLength(3);
  });

  it('makes the handout of the chapters asked for: one A4 page each, numbered, with the QR code of its chapter’s link on the given site', { timeout: SLOW }, async () => {
    const story = shippedStory('.', 'health-silk-road')!;
    const last = story.chapters.length;
    const out = join(ARTIFACTS, 'handout-zh.pdf');
    rmSync(out, { force: true });
    // A small live page: it only steps through the chapters (the pages are drawn at A4 by the export renderer).
    const r = cli(['--story', story.id, '--handout', '--chapters', `1,${last}`, '--lang', 'zh', '--link-base', 'https://example.org/hsr/', '--viewport', '800x500', '--out', out]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const doc = await PDFDocument.load(readFileSync(out));
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getTitle()).toBe(story.title.zh);
    for (const [i, page] of doc.getPages().entries()) {
      const { width, height } = page.getSize();
      expect([Math.round(width), Math.round(height)], `page ${i + 1}`).toEqual([595, 842]);
    }
    // The page's picture, from the PDF itself: the QR code leads to its chapter, in the handout's language.
    for (const [page, chapter] of [
      [0, 1],
      [1, last],
    ] as const) {
      const img = pageImage(doc, page);
      writeFileSync(join(ARTIFACTS, `handout-zh-page-${page + 1}.png`), PNG.sync.write(img));
      expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe(`https://example.org/hsr/#lang=zh&story=${story.id}&chapter=${chapter}&v=${URL_VERSION}`);
    }
  });

  it('exits 2 when the export fails, naming the size that works', { timeout: SLOW }, () => {
    const out = join(ARTIFACTS, 'cli-too-big.png');
    rmSync(out, { force: true });
    const r = cli(['--size', '40000x100', '--viewport', '640x400', '--no-qr', '--out', out]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/export: Cannot render 40000×100 .* the largest of this shape that works is \d+×\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects bad arguments with a usage message and exit code 1', () => {
    for (const args of [
      ['--out', 'x.png', '--size', 'big'],
      ['--out', 'x.png', '--story', 'no-such-story', '--all'],
      ['--out', 'x.png', '--story', 'health-silk-road', '--chapter', '99'],
      ['--out', 'dir', '--story', 'health-silk-road', '--all', '--chapters', '2-99'],
      ['--out', 'x.png', '--chapters', '1'],
      ['--out', 'x.png', '--view', 'not a view'],
      ['--out', 'x.png', '--view', '#map=far/away/x'],
    ]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/export: /);
    }
  });
});
