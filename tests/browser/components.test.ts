/**
 * Component tests: one element at a time in a blank page of Chromium, with
 * hand-made data and no map (`components/fixtures.ts`, served from the
 * sources by Vite's dev server). What a person does to the element — keys,
 * clicks, typing — and what it tells the app, in both languages; each page
 * opens in about a second, against ten for the whole site on software WebGL.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, sharedBrowser, type PageRecording } from './chromium.ts';
import { axeViolations } from './axe.ts';

let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});
afterEach(async () => {
  const pages = open.splice(0);
  for (const r of pages) expect(r.pageErrors).toEqual([]);
  await Promise.all(pages.map((r) => r.close()));
});
afterAll(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

type Mount = 'pickMenu' | 'list' | 'search';

async function mount(what: Mount, lang: 'en' | 'zh' = 'en'): Promise<Page> {
  const rec = await openPage(browser, `${inject('sourceUrl')}tests/browser/components/index.html`);
  open.push(rec);
  await rec.page.waitForFunction(() => !!window.__mount);
  await rec.page.evaluate(([what, lang]) => window.__mount[what](lang), [what, lang] as const);
  return rec.page;
}

const events = (page: Page) => page.evaluate(() => window.__events);

/** The id of the focused element inside a shadow root (`data-id`), or its text. */
function focusedIn(page: Page, host: string): Promise<string | null> {
  return page.evaluate((host) => {
    const a = document.querySelector(host)?.shadowRoot?.activeElement;
    return a ? (a.getAttribute('data-id') ?? a.textContent?.trim() ?? '') : null;
  }, host);
}

describe('components, each alone in a page (Chromium, no map)', () => {
  it('the badge menu: arrows move and wrap, Home and End jump, Enter chooses, Escape and Tab hand the keyboard back', async () => {
    const page = await mount('pickMenu');
    expect(await focusedIn(page, 'hsr-pick-menu')).toBe('f-1');
    await page.keyboard.press('ArrowUp');
    // From the first item up is the last: the zoom item.
    expect(await focusedIn(page, 'hsr-pick-menu')).toBe('Zoom in to draw them apart');
    await page.keyboard.press('ArrowDown');
    expect(await focusedIn(page, 'hsr-pick-menu')).toBe('f-1');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    expect(await focusedIn(page, 'hsr-pick-menu')).toBe('f-3');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await events(page)).toEqual([['choose', 'f-2']]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await events(page)).toEqual([
      ['choose', 'f-2'],
      ['close', true],
      ['close', true],
    ]);
  });

  it('the badge menu: each item a finger can hit, beside its badge, named in Chinese, and clean under axe', async () => {
    const page = await mount('pickMenu', 'zh');
    const items = page.locator('hsr-pick-menu [role="menuitem"]');
    expect(await items.count()).toBe(4);
    for (const h of await items.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(h).toBeGreaterThanOrEqual(44);
    expect(await page.locator('hsr-pick-menu [role="menu"]').getAttribute('aria-label')).toContain('3');
    expect(await items.first().innerText()).toContain('要素1');
    // Right of the badge (x 200 + radius 12), clear of it.
    const box = (await page.locator('hsr-pick-menu').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(212);
    await items.nth(3).click();
    expect(await events(page)).toEqual([['zoom', null]]);
    expect(await axeViolations(page, 'hsr-pick-menu')).toEqual([]);
  });

  it('the list: one section per layer with its count (a layer that is off says so), arrow keys move one tab stop, Enter opens the feature', async () => {
    const page = await mount('list');
    const buttons = page.locator('hsr-list button[data-id]');
    const ids = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect([...ids].sort()).toEqual(['direction-belt', 'direction-maritime', 'mech-gms', 'mech-sco', 'mission-sudan', 'project-01', 'project-24']);
    expect(await page.locator('hsr-list .count').innerText()).toContain('7');
    // A layer that is off is listed too, and says so.
    const sections = await page.locator('hsr-list section h3').evaluateAll((els) => els.map((e) => ({ n: e.querySelector('.n')?.textContent, hidden: !!e.querySelector('.tag') })));
    expect(sections).toHaveLength(4);
    expect(sections.filter((s) => s.hidden)).toEqual([{ n: '2', hidden: true }]);
    // One tab stop: the first item; the others are reached with the arrows.
    expect(await buttons.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').length)).toBe(1);
    await buttons.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await focusedIn(page, 'hsr-list')).toBe(ids[1]);
    expect(await buttons.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').map((e) => e.getAttribute('data-id')))).toEqual([ids[1]]);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    expect(await events(page)).toEqual([['hsr-change', { selected: ids.at(-1), focus: true }]]);
  });

  it('search: typing finds a feature by its Chinese name, the arrows choose among the results, Enter opens it', async () => {
    const page = await mount('search', 'zh');
    const input = page.locator('hsr-search input[role="combobox"]');
    await input.fill('要素project-2');
    const options = page.locator('hsr-search [role="option"]');
    await options.first().waitFor();
    expect(await options.first().innerText()).toContain('要素project-24');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Enter');
    expect(await events(page)).toEqual([['hsr-change', { selected: 'project-24', focus: true }]]);
  });
});
