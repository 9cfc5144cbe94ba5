/**
 * Reaching the map's features as a person does: hovering and clicking each
 * point feature drawn in a view (coincident ones through the badge's menu),
 * tapping on a phone with the feature left in sight, the selection ring after
 * an earlier selection, and the keyboard's path through the map.
 *
 * The features and their positions come from the shipped GeoJSON and the
 * registry (the layers shown by default), not from the page's own marks.
 */
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LAYERS, layerSpec } from '../../src/layers/registry.ts';
import { openPage, sharedBrowser, type PageRecording } from './chromium.ts';
import { axeViolations } from './axe.ts';
import { golden, GOLDEN_TOLERANCE } from '../helpers/golden.ts';

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

interface Shipped {
  id: string;
  name: string;
  positions: [number, number][];
}

/** The point features of the layers shown by default, with every position each is drawn at. */
function defaultPointFeatures(): Shipped[] {
  const flat = (c: unknown): [number, number][] => (Array.isArray(c) && typeof c[0] === 'number' ? [c as [number, number]] : Array.isArray(c) ? c.flatMap(flat) : []);
  return DEFAULT_LAYERS.filter((l) => layerSpec(l).geometry === 'Point').flatMap((layer) => {
    const fc = JSON.parse(readFileSync(`public/data/${layer}.geojson`, 'utf8')) as { features: { id: string; geometry: { coordinates: unknown }; properties: { name_en: string } }[] };
    return fc.features.map((f) => ({ id: f.id, name: f.properties.name_en, positions: flat(f.geometry.coordinates) }));
  });
}

async function openApp(hash = '', options: Parameters<typeof openPage>[2] = {}): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, options);
  open.push(rec);
  await rec.page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
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

function selected(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected);
}

/**
 * Where each feature is drawn in the page (client pixels): its first position
 * (in any copy of the world) inside the map and not under a control or panel
 * — what a person can point at. Features with none are not on screen.
 */
function onScreen(page: Page, features: Shipped[]): Promise<{ id: string; name: string; x: number; y: number }[]> {
  return page.evaluate((features) => {
    const map = window.__map!;
    const canvas = map.getCanvas();
    const r = canvas.getBoundingClientRect();
    const out: { id: string; name: string; x: number; y: number }[] = [];
    for (const f of features) {
      const at = f.positions
        .flatMap(([lon, lat]) => [-360, 0, 360].map((k) => map.project([lon + k, lat])))
        .map((p) => ({ x: r.left + p.x, y: r.top + p.y }))
        .find((p) => p.x > r.left + 1 && p.y > r.top + 1 && p.x < r.right - 1 && p.y < r.bottom - 1 && document.elementFromPoint(p.x, p.y) === canvas);
      if (at) out.push({ id: f.id, name: f.name, x: at.x, y: at.y });
    }
    return out;
  }, features);
}

/** How many features a view's test tries: every one that shares its spot, then an even spread of the rest. */
const SAMPLE = 8;

/**
 * The features to try in a view: all those drawn within 12 px of another (the
 * hard cases: coincident symbols, one badge), then every n-th of the others, in
 * a fixed order, up to `SAMPLE` — each hover and click costs seconds on
 * software WebGL, and trying all fifty would take most of the suite's time.
 */
function sample<T extends { id: string; x: number; y: number }>(targets: T[]): T[] {
  const near = (a: T) => targets.some((b) => b !== a && Math.hypot(a.x - b.x, a.y - b.y) < 12);
  const sorted = [...targets].sort((a, b) => a.id.localeCompare(b.id));
  const crowded = sorted.filter(near);
  const rest = sorted.filter((t) => !near(t));
  const room = Math.max(0, SAMPLE - crowded.length);
  const step = rest.length / Math.max(1, room);
  const spread = room ? Array.from({ length: Math.min(room, rest.length) }, (_, i) => rest[Math.floor(i * step)]!) : [];
  return [...crowded.slice(0, SAMPLE), ...spread];
}

/** The tooltip's text once it shows (deck.gl's, styled `hsr-tooltip`). */
async function tooltipText(page: Page, timeout = 8_000): Promise<string> {
  const tip = page.locator('.hsr-tooltip');
  await tip.waitFor({ state: 'visible', timeout });
  return (await tip.innerText()).trim();
}

/**
 * Brings the pointer to rest on a spot and reads the tooltip ('' when none
 * shows). deck.gl picks for hover on pointer moves only: a move that lands
 * while the layers are being rebuilt (detailed outlines arriving) names
 * nothing until the next. A resting hand still moves a pixel, so does this,
 * a few times at most.
 */
async function hover(page: Page, x: number, y: number): Promise<string> {
  await page.mouse.move(x, y);
  for (let i = 0; i < 4; i++) {
    const tip = await tooltipText(page, 3_000).catch(() => '');
    if (tip) return tip;
    await page.mouse.move(x + 1, y);
    await page.mouse.move(x, y);
  }
  return '';
}

/**
 * Hovers, then clicks each feature where it is drawn; a click on a badge opens
 * its menu, whose item for the feature is then chosen. Returns what was not
 * reached, and how many were reached through a menu.
 */
/**
 * Every feature on screen, not only the sample clicked: what a click at its
 * position finds through the map's own hit test (`markAt`, which a click and a
 * tap call on release) — the feature's symbol, or a badge that lists it.
 * Returns the features it would not reach.
 */
async function unreachable(page: Page): Promise<{ onScreen: number; missed: string[] }> {
  const targets = await onScreen(page, defaultPointFeatures());
  const missed = await page.evaluate((targets) => {
    const el = document.querySelector('hsr-map') as unknown as { markAt(x: number, y: number): { members: { feature: { properties: { id: string } } }[] } | null };
    const r = window.__map!.getCanvas().getBoundingClientRect();
    return targets.filter((t) => !el.markAt(t.x - r.left, t.y - r.top)?.members.some((m) => m.feature.properties.id === t.id)).map((t) => t.id);
  }, targets);
  return { onScreen: targets.length, missed };
}

async function reachEach(page: Page, view: string): Promise<{ tried: number; viaMenu: number; missed: string[]; hoverMissed: string[] }> {
  const camera = await page.evaluate(() => {
    const m = window.__map!;
    return { center: m.getCenter().toArray() as [number, number], zoom: m.getZoom() };
  });
  const targets = sample(await onScreen(page, defaultPointFeatures()));
  const missed: string[] = [];
  const hoverMissed: string[] = [];
  let viaMenu = 0;
  for (const f of targets) {
    // Off the map first: coincident features share a spot, and only a move onto it is a new hover.
    await page.mouse.move(1, 1);
    const tip = await hover(page, f.x, f.y);
    // The feature's own tooltip names it; a badge's says how many it holds (and names the first of them).
    if (!tip.includes(f.name) && !/^\d+ features here:/.test(tip)) hoverMissed.push(`${view} ${f.id}: “${tip}”`);
    // A quick click, as a person makes one: button down and up with no pause.
    await page.mouse.click(f.x, f.y);
    const menu = page.locator('hsr-pick-menu');
    const got = await page
      .waitForFunction((id) => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected === id || !!document.querySelector('hsr-pick-menu'), f.id, {
        timeout: 10_000,
      })
      .then(() => true)
      .catch(() => false);
    if (got && (await menu.count())) {
      const item = menu.locator(`[role="menuitem"][data-id="${f.id}"]`);
      if (await item.count()) {
        viaMenu++;
        await item.click();
      }
    }
    if ((await selected(page)) !== f.id) missed.push(`${view} ${f.id}`);
    // No selection for the next one, and back to the view if choosing moved the map clear of the panel.
    const moved = await page.evaluate((camera) => {
      (document.querySelector('hsr-app') as unknown as { store: { apply(p: object): void } }).store.apply({ selected: null });
      const m = window.__map!;
      const c = m.getCenter();
      if (m.isMoving() || Math.hypot(c.lng - camera.center[0], c.lat - camera.center[1]) > 1e-6 || Math.abs(m.getZoom() - camera.zoom) > 1e-6) {
        m.stop();
        m.jumpTo(camera);
        return true;
      }
      return false;
    }, camera);
    await page.locator('hsr-pick-menu').waitFor({ state: 'detached' });
    if (moved) await settle(page);
  }
  return { tried: targets.length, viaMenu, missed, hoverMissed };
}

describe('reaching the map’s features (built site, Chromium)', () => {
  it('reaches every point feature drawn in the default view (its symbol or its badge), hovering and clicking a sample, coincident ones through the menu', async () => {
    const { page } = await openApp('', { viewport: { width: 1440, height: 900 } });
    const picture = golden('map-default-1440x900', await page.locator('hsr-map').screenshot());
    expect(picture.share, picture.message).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
    // Every point feature on screen is under its symbol or a badge listing it; a sample is then hovered and clicked.
    const all = await unreachable(page);
    expect(all.onScreen).toBeGreaterThan(30);
    expect(all.missed).toEqual([]);
    const r = await reachEach(page, 'default');
    // Some of the features tried are coincident (Nanning, Urumqi).
    expect(r.tried).toBe(SAMPLE);
    expect(r.viaMenu).toBeGreaterThan(0);
    expect(r.missed).toEqual([]);
    expect(r.hoverMissed).toEqual([]);
  }, 600_000);

  it('reaches every point feature drawn at South-East Asia (#map=4/15/103)', async () => {
    const { page } = await openApp('#map=4/15/103', { viewport: { width: 1440, height: 900 } });
    const picture = golden('map-south-east-asia-1440x900', await page.locator('hsr-map').screenshot());
    expect(picture.share, picture.message).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
    const all = await unreachable(page);
    expect(all.onScreen).toBeGreaterThan(15);
    expect(all.missed).toEqual([]);
    const r = await reachEach(page, 'sea');
    // A full sample: the view holds more features than are tried.
    expect(r.tried).toBe(SAMPLE);
    expect(r.missed).toEqual([]);
    expect(r.hoverMissed).toEqual([]);
  }, 600_000);

  it('lists coincident features in a keyboard-operable menu, and Escape hands focus back to the map', async () => {
    const { page } = await openApp('#map=4/15/103', { viewport: { width: 1440, height: 900 } });
    // Nanning holds several key projects, a centre and forums: at this zoom they are one badge.
    const nanning = defaultPointFeatures().filter((f) => f.positions.some(([lon, lat]) => Math.hypot(lon - 108.32, lat - 22.82) < 0.05));
    expect(nanning.length).toBeGreaterThan(2);
    const [at] = await onScreen(page, nanning);
    expect(at).toBeDefined();
    await page.mouse.click(at!.x, at!.y);
    const menu = page.locator('hsr-pick-menu [role="menu"]');
    await menu.waitFor();
    const ids = await menu.locator('[role="menuitem"][data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    for (const f of nanning) expect(ids).toContain(f.id);
    expect(await axeViolations(page, 'hsr-pick-menu')).toEqual([]);
    // Focus is on the first item; the arrows move through them; Escape closes.
    const focused = () => page.evaluate(() => document.querySelector('hsr-pick-menu')?.shadowRoot?.activeElement?.getAttribute('data-id') ?? null);
    expect(await focused()).toBe(ids[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(ids[1]);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected === id, ids[1]);
    await page.locator('hsr-pick-menu').waitFor({ state: 'detached' });
  });

  it('opens a symbol clicked before the whole records are in: what the map knows, then, once they arrive, the summary and the quotes', async () => {
    // The map draws from brief records (data/brief/): the whole ones are held back until the test lets them through.
    // A layer off the map (hospitals) is held to the end: the rest of the data cannot finish, so only the
    // whole records the click asks for at once can fill the panel.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let releaseRest!: () => void;
    const restHeld = new Promise<void>((resolve) => (releaseRest = resolve));
    const heldPaths: string[] = [];
    const rec = await openPage(browser, `${inject('baseUrl')}?test`, {
      beforeGoto: async (page) => {
        await page.route(/\/data\/(projects|events|tcm-centres)\.geojson$/, async (route) => {
          heldPaths.push(new URL(route.request().url()).pathname);
          await held;
          await route.continue();
        });
        await page.route(/\/data\/hospitals\.geojson$/, async (route) => {
          await restHeld;
          await route.continue();
        });
      },
    });
    open.push(rec);
    const { page } = rec;
    await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 60_000 });
    await settle(page);
    const targets = await onScreen(page, defaultPointFeatures());
    const lone = targets.find((a) => !targets.some((b) => b !== a && Math.hypot(a.x - b.x, a.y - b.y) < 16));
    expect(lone).toBeDefined();
    await page.mouse.click(lone!.x, lone!.y);
    await page.waitForFunction((id) => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected === id, lone!.id);
    const detail = page.locator('hsr-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(lone!.name);
    const loading = detail.locator('.loading[role="status"]');
    await loading.waitFor();
    expect(await detail.locator('blockquote').count()).toBe(0);
    expect(heldPaths.length).toBeGreaterThan(0);
    // The whole records arrive: the panel, still open on the same feature, shows its quotes.
    release();
    await loading.waitFor({ state: 'detached', timeout: 30_000 });
    const whole = ['projects', 'events', 'tcm-centres']
      .flatMap((l) => (JSON.parse(readFileSync(`public/data/${l}.geojson`, 'utf8')) as { features: { id: string; properties: { sources: { quote: string }[] } }[] }).features)
      .find((f) => f.id === lone!.id)!;
    await expect.poll(() => detail.locator('blockquote').first().textContent()).toBe(whole.properties.sources[0]!.quote);
    expect(await selected(page)).toBe(lone!.id);
    expect(await page.locator('hsr-app[data-complete]').count()).toBe(0);
    releaseRest();
  });

  it('offers every disease zone under a click where zones overlap, and opens the one chosen', async () => {
    const zones = (JSON.parse(readFileSync('public/data/disease-zones.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { name_en: string }>).features;
    const under = ([lon, lat]: [number, number]) => zones.filter((z) => booleanPointInPolygon([lon, lat], z)).map((z) => String(z.id));
    // A spot in South-East Asia inside two zones or more, a degree clear of every zone's edge (the shipped outlines are simplified per zoom).
    const spots: { at: [number, number]; ids: string[] }[] = [];
    for (let lat = 10; lat <= 22; lat += 0.5)
      for (let lon = 97; lon <= 108; lon += 0.5) {
        const ids = under([lon, lat]);
        const round = [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ].every(([dx, dy]) => under([lon + dx!, lat + dy!]).join() === ids.join());
        if (ids.length > 1 && round) spots.push({ at: [lon, lat], ids });
      }
    expect(spots.length).toBeGreaterThan(0);
    const spot = spots[Math.floor(spots.length / 2)]!;
    const { page } = await openApp(`#map=5/${spot.at[1]}/${spot.at[0]}&layers=disease-zones`, { viewport: { width: 1440, height: 900 } });
    const [x, y] = await page.evaluate((at) => {
      const m = window.__map!;
      const r = m.getCanvas().getBoundingClientRect();
      const p = m.project(at);
      return [r.left + p.x, r.top + p.y];
    }, spot.at);
    // As a person does: the pointer comes to rest on the spot (the tooltip names the zone on top), then clicks.
    expect(await hover(page, x!, y!)).not.toBe('');
    await page.mouse.click(x!, y!);
    const menu = page.locator('hsr-pick-menu [role="menu"]');
    await menu.waitFor();
    const ids = await menu.locator('[role="menuitem"][data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect([...ids].sort()).toEqual([...spot.ids].sort());
    // The hover's tooltip gives way to the menu, and comes back when the menu closes.
    const tooltipsShown = () => page.locator('.hsr-tooltip').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(await tooltipsShown()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('hsr-pick-menu').waitFor({ state: 'detached' });
    expect(await tooltipsShown()).toBe(1);
    await page.mouse.click(x!, y!);
    await menu.waitFor();
    // The zone drawn underneath is as reachable as the one on top.
    await menu.locator(`[role="menuitem"][data-id="${ids.at(-1)}"]`).click();
    await page.waitForFunction((id) => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected === id, ids.at(-1));
    await page.locator('hsr-pick-menu').waitFor({ state: 'detached' });
  });

  it('draws the selection ring for a point chosen after a route was selected', async () => {
    const { page } = await openApp('', { viewport: { width: 1440, height: 900 } });
    const route = (JSON.parse(readFileSync('public/data/corridors.geojson', 'utf8')) as { features: { id: string }[] }).features[0]!.id;
    await page.evaluate((id) => (document.querySelector('hsr-app') as unknown as { store: { apply(p: object): void } }).store.apply({ selected: id }), route);
    await page.waitForFunction(() => window.__hsrMap!.deckLayerIds().some((l) => l.startsWith('selection')));
    const lineRing = await page.evaluate(() => window.__hsrMap!.deckLayerIds().filter((l) => l.startsWith('selection')));
    const [point] = await onScreen(page, defaultPointFeatures());
    await page.evaluate((id) => (document.querySelector('hsr-app') as unknown as { store: { apply(p: object): void } }).store.apply({ selected: id }), point!.id);
    await page.waitForFunction((before) => {
      const ids = window.__hsrMap!.deckLayerIds().filter((l) => l.startsWith('selection'));
      return ids.length > 0 && ids.join() !== before.join();
    }, lineRing);
    await settle(page);
    const ring = await page.evaluate(() =>
      window
        .__hsrMap!.deckLayers()
        .filter((l) => l.id.startsWith('selection-ring'))
        .map((l) => ({ id: l.id, n: (l.props.data as unknown[]).length })),
    );
    expect(ring.length).toBe(2);
    for (const r of ring) expect(r.n).toBeGreaterThan(0);
  });

  it('moves between features with the arrow keys, says which, and opens one with Enter', async () => {
    const { page } = await openApp('#map=4/15/103', { viewport: { width: 1440, height: 900 } });
    await page.locator('hsr-map canvas.maplibregl-canvas').focus();
    const live = page.locator('hsr-map .hsr-map__live');
    // The view is described once the camera rests.
    await expect.poll(() => live.innerText(), { timeout: 15_000 }).toMatch(/in view/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => live.innerText()).toMatch(/Press Enter/);
    const first = await live.innerText();
    await expect.poll(() => page.locator('hsr-map .hsr-map__focus').isVisible()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => live.innerText()).not.toBe(first);
    await page.keyboard.press('Enter');
    // One feature opens; a badge opens its menu.
    await page.waitForFunction(() => !!(document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected || !!document.querySelector('hsr-pick-menu'));
  });
});

describe('reaching the map’s features on a phone (built site, Chromium)', () => {
  it('opens a tapped feature with it still in sight above the detail sheet', async () => {
    const { page } = await openApp('', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true });
    const view = await page.evaluate(() => {
      const b = window.__map!.getBounds();
      return { west: b.getWest(), east: b.getEast() };
    });
    // The first view takes in Europe and Africa as well as China.
    expect(view.west).toBeLessThan(15);
    expect(view.east).toBeGreaterThan(120);
    const targets = await onScreen(page, defaultPointFeatures());
    expect(targets.length).toBeGreaterThan(5);
    const camera = await page.evaluate(() => ({ center: window.__map!.getCenter().toArray() as [number, number], zoom: window.__map!.getZoom() }));
    // A few features across the screen, the lowest first (the sheet rises from the bottom).
    const picks = [...targets].sort((a, b) => b.y - a.y).filter((_, i, a) => i % Math.ceil(a.length / 4) === 0);
    for (const f of picks) {
      await page.touchscreen.tap(f.x, f.y);
      await page.waitForFunction(
        () => !!(document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected || !!document.querySelector('hsr-pick-menu'),
        undefined,
        { timeout: 10_000 },
      );
      const item = page.locator(`hsr-pick-menu [role="menuitem"][data-id="${f.id}"]`);
      if (await item.count()) await item.tap();
      await page.waitForFunction((id) => (document.querySelector('hsr-app') as unknown as { state: { selected: string | null } }).state.selected === id, f.id, { timeout: 10_000 });
      await page.locator('hsr-detail').waitFor();
      // The feature is drawn where its selection ring is (its symbol, or the badge it is in): on the map, above the sheet.
      const clear = () =>
        page.evaluate(() => {
          const map = window.__map!;
          const canvas = map.getCanvas().getBoundingClientRect();
          const sheet = document.querySelector('hsr-detail')!.getBoundingClientRect();
          const ring = window.__hsrMap!.deckLayers().find((l) => l.id === 'selection-ring');
          const dots = (ring?.props.data ?? []) as { position: [number, number] }[];
          const c = map.getCenter().lng;
          return dots
            .map(({ position: [lon, lat] }) => map.project([lon + 360 * Math.round((c - lon) / 360), lat]))
            .some((p) => p.x >= 0 && p.x <= canvas.width && canvas.top + p.y >= canvas.top && canvas.top + p.y < sheet.top);
        });
      // (The map may first ease the feature clear of the sheet.)
      await expect.poll(clear, { message: f.id, timeout: 20_000 }).toBe(true);
      await page.evaluate((camera) => {
        (document.querySelector('hsr-app') as unknown as { store: { apply(p: object): void } }).store.apply({ selected: null });
        window.__map!.jumpTo(camera);
      }, camera);
      await settle(page);
    }
  });
});
