/**
 * Image export on the built site, in Chromium with software WebGL: an export
 * has exactly the asked size and resolution, shows a real map with the legend
 * drawn, leaves the live map as it was, reports sizes the device cannot render
 * (naming one that works), keeps the page clean under its CSP; the dialog opens
 * from the header, works from the keyboard and passes axe; the command line
 * exports a story chapter.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPngInfo } from '../../src/export/png-dpi.ts';
import type { HookError, HookResult } from '../../src/export/hook.ts';
import type { ExportOptions } from '../../src/export/export.ts';
import { legendSections } from '../../src/export/compose.ts';
import { BASEMAP_PALETTES } from '../../src/map/basemap-style.ts';
import { assertCleanPage, launchChromium, openPage, type PageRecording } from './chromium.ts';

const ARTIFACTS = resolve('tests/.artifacts');
/** Exports take tens of seconds with software WebGL on two cores. */
const SLOW = 300_000;
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await browser?.close();
});

async function openApp(hash = ''): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, { viewport: { width: 1280, height: 800 } });
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
  return rec;
}

function runExport(page: Page, options: ExportOptions): Promise<HookResult | HookError> {
  return page.evaluate((o) => window.__hsrExport!(o), options);
}

function ok(r: HookResult | HookError): HookResult {
  if ('error' in r) throw new Error(`export failed: ${r.error}`);
  return r;
}

/** The live map as the visitor sees it: camera, canvas size, layers, and how many canvases the page has. */
function liveSnapshot(page: Page) {
  return page.evaluate(() => {
    const m = window.__map!;
    const c = m.getCanvas();
    return {
      center: m.getCenter().toArray().map((v) => v.toFixed(6)),
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

const hexRgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

describe('image export (built site, Chromium)', () => {
  it('exports 1920×1080 at exactly that size and dpi, a real map with its legend, leaving the live map unchanged', { timeout: SLOW }, async () => {
    const rec = await openApp('#layers=directions,priority-countries,projects');
    const before = await liveSnapshot(rec.page);
    const r = ok(await runExport(rec.page, { width: 1920, height: 1080, dpi: 150 }));
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(ARTIFACTS, 'export-1920x1080.png'), bytes);

    // Exactly the size, and the resolution in pHYs.
    expect(readPngInfo(bytes)).toEqual({ width: 1920, height: 1080, dpi: 150 });
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    // Rendered at the output resolution, not scaled up: the map image is as wide as the output.
    expect(r.map.width).toBe(1920);
    expect(r.map.pixelRatio).toBe(1);

    const px = (x: number, y: number) => {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    };
    // Not blank: the map has many colours (sea, land, shaded countries, routes, symbols, text).
    const colours = new Set<number>();
    for (let y = 0; y < png.height; y += 3) for (let x = 0; x < png.width; x += 3) colours.add(px(x, y).reduce((a, v) => (a << 8) | v, 0));
    expect(colours.size).toBeGreaterThan(2000);

    // The legend: a near-white panel with dark text and the registry's symbol colours.
    const box = r.layout.legend!;
    expect(box).not.toBeNull();
    let white = 0;
    let ink = 0;
    let n = 0;
    const found = new Set<string>();
    const wanted = legendSections({ layers: ['directions', 'priority-countries', 'projects'] })
      .flatMap((s) => s.items)
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

    // The thematic layers are drawn: Kazakhstan (a priority country) is shaded, not plain land.
    const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const at = ([lon, lat]: [number, number]) => {
      const [w0, s0, e0, n0] = r.map.bounds;
      const m = r.layout.map;
      return px(m.x + ((lon - w0) / (e0 - w0)) * m.w, m.y + ((merc(n0) - merc(lat)) / (merc(n0) - merc(s0))) * m.h);
    };
    const land = hexRgb(BASEMAP_PALETTES.light.land);
    const kz = at([75, 50]);
    expect(Math.hypot(...kz.map((v, k) => v - land[k]!)), `Kazakhstan ${kz}`).toBeGreaterThan(25);

    // The same extent as the screen: the image shows at least the live map's bounds.
    const live = await rec.page.evaluate(() => window.__map!.getBounds().toArray().flat());
    const [w, s, e, nn] = r.map.bounds;
    expect(w).toBeLessThanOrEqual(live[0]! + 0.5);
    expect(s).toBeLessThanOrEqual(live[1]! + 0.5);
    expect(e).toBeGreaterThanOrEqual(live[2]! - 0.5);
    expect(nn).toBeGreaterThanOrEqual(live[3]! - 0.5);

    // The live map is untouched, and the hidden map is gone.
    expect(await liveSnapshot(rec.page)).toEqual(before);
    expect(await rec.page.locator('.hsr-export-map').count()).toBe(0);
    await assertCleanPage(rec);
  });

  it('reports a size the device cannot render, naming the largest that works, and other bad requests', { timeout: SLOW }, async () => {
    const rec = await openApp();
    const before = await liveSnapshot(rec.page);
    const first = await runExport(rec.page, { width: 100, height: 100 });
    const maxSide = ok(first).maxSide;
    expect(maxSide).toBeGreaterThanOrEqual(2048);

    const big = await runExport(rec.page, { width: maxSide * 2, height: maxSide });
    expect('error' in big).toBe(true);
    const err = big as HookError;
    expect(err.fits).toEqual({ width: maxSide, height: Math.floor(maxSide / 2) });
    expect(err.error).toContain(`${maxSide * 2}×${maxSide}`);
    expect(err.error).toContain(`${maxSide}×${Math.floor(maxSide / 2)}`);

    const tiny = await runExport(rec.page, { width: 4, height: 4 });
    expect((tiny as HookError).error).toMatch(/invalid size/);
    expect(await liveSnapshot(rec.page)).toEqual(before);
    await assertCleanPage(rec);
  });

  it('makes a one-page PDF the printed size of the image', { timeout: SLOW }, async () => {
    const rec = await openApp();
    const r = ok(await runExport(rec.page, { width: 600, height: 450, dpi: 300, format: 'pdf', lang: 'zh' }));
    expect(r.mime).toBe('application/pdf');
    const pdf = await PDFDocument.load(Buffer.from(r.base64, 'base64'));
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    // 600 × 450 px at 300 dpi = 2 × 1.5 in = 144 × 108 pt.
    expect(width).toBeCloseTo(144, 3);
    expect(height).toBeCloseTo(108, 3);
    expect(pdf.getTitle()).toBe('健康丝绸之路地图');
    await assertCleanPage(rec);
  });

  it('opens the Export dialog from the header, works from the keyboard, passes axe and downloads the image', { timeout: SLOW }, async () => {
    const rec = await openApp();
    const { page } = rec;
    const before = await liveSnapshot(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a map image' });
    await dialog.waitFor();
    // The size limit is stated.
    await expect.poll(() => dialog.getByText(/can render images up to \d+ × \d+ pixels/).count()).toBe(1);

    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      // The dialog itself (the page behind it is app.test.ts's; under the modal backdrop axe misjudges its link colours).
      const r = await axe.run({ include: ['hsr-export-dialog'] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);

    // Keyboard only: focus starts in the dialog; choose the square preset, Tab to Export, Enter.
    const focusedIn = () => page.evaluate(() => document.querySelector('hsr-export-dialog')?.shadowRoot?.activeElement?.id ?? document.querySelector('hsr-export-dialog')?.shadowRoot?.activeElement?.textContent?.trim() ?? null);
    expect(await focusedIn()).not.toBeNull();
    const size = dialog.getByRole('combobox', { name: 'Size' });
    await size.focus();
    await size.selectOption('square');
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
    for (let i = 0; i < 30 && !(await exportButton.evaluate((b) => b.matches(':focus'))); i++) await page.keyboard.press('Tab');
    expect(await exportButton.evaluate((b) => b.matches(':focus'))).toBe(true);
    const download = page.waitForEvent('download', { timeout: SLOW });
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe('health-silk-road-1080x1080-en.png');
    const path = join(ARTIFACTS, file.suggestedFilename());
    await file.saveAs(path);
    expect(readPngInfo(readFileSync(path))).toEqual({ width: 1080, height: 1080, dpi: 96 });
    await dialog.getByRole('status').getByText(/Saved/).waitFor();

    // Escape closes it; the live map is as it was.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('hsr-export-dialog').count()).toBe(0);
    expect(await liveSnapshot(page)).toEqual(before);
    await assertCleanPage(rec);
  });
});

describe('npm run export (command line)', () => {
  const dist = process.env.HSR_DIST ?? 'dist';
  const cli = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/export.ts', '--dist', dist, ...args], { encoding: 'utf8', timeout: SLOW });

  it('exports one story chapter at the asked size', { timeout: SLOW }, () => {
    const out = join(ARTIFACTS, 'cli-chapter-2.png');
    rmSync(out, { force: true });
    const r = cli(['--story', 'health-silk-road', '--chapter', '2', '--size', '960x540', '--out', out]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readPngInfo(readFileSync(out))).toEqual({ width: 960, height: 540, dpi: 96 });
    expect(r.stdout).toContain('960×540 PNG');
  });

  it('rejects bad arguments with a usage message and exit code 1', () => {
    for (const args of [['--out', 'x.png', '--size', 'big'], ['--out', 'x.png', '--story', 'no-such-story', '--all'], ['--out', 'x.png', '--story', 'health-silk-road', '--chapter', '99']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/export: /);
    }
  });
});
