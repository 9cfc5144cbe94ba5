/**
 * A speaker's own story, in Debian Chromium on the built site: the editor
 * builds a two-chapter story from map views (a source picked as a selection in
 * the reader, another as the reader's highlighted quote), saves it as a file,
 * keeps it across a reload, opens the saved file again and presents it. A file
 * that is not a valid story, or a stored draft linked with `#story-src=`, is
 * refused with a message naming chapter and field in the page's language, and
 * the view is kept.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertCleanPage, openPage, type PageRecording, sharedBrowser } from './chromium.ts';
import type { StoryShapeOutput } from '../../src/story/story-schema.ts';

const ARTIFACTS = resolve('tests/.artifacts');
let browser: Browser;
const open: PageRecording[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function openApp(hash: string): Promise<PageRecording> {
  const rec = await openPage(browser, `${inject('baseUrl')}?test${hash}`, { viewport: { width: 1440, height: 900 } });
  open.push(rec);
  await ready(rec.page);
  return rec;
}

async function ready(page: Page) {
  await page.waitForFunction(() => window.__hsrMap?.status === 'ready', undefined, { timeout: 90_000 });
  await page.locator('hsr-app[data-complete]').waitFor({ state: 'attached', timeout: 60_000 });
}

/** Types into a field as a person does: the editor keeps the value when the field changes. */
async function type(field: Locator, value: string) {
  await field.fill(value);
  await field.dispatchEvent('change');
}

/** Title, text and notes of the open chapter, in both languages. */
async function writeChapter(editor: Locator, en: string, zh: string) {
  const form = editor.locator('fieldset.chapter');
  const inputs = form.locator('input[type=text]');
  const areas = form.locator('textarea');
  await type(inputs.nth(1), en);
  await type(inputs.nth(2), zh);
  await type(areas.nth(0), `${en}: what the audience reads.`);
  await type(areas.nth(1), `${zh}：观众看到的文字。`);
  await type(areas.nth(2), `Remember ${en}.`);
  await type(areas.nth(3), `记得${zh}。`);
}

/** Selects the first paragraph of the open document that contains `text`, as a mouse drag would. */
async function selectParagraph(page: Page, text: string): Promise<string> {
  return page.evaluate((want) => {
    const root = document.querySelector('hsr-reader')!.shadowRoot!;
    const p = [...root.querySelectorAll('.doc p')].find((x) => x.textContent.includes(want))!;
    const range = document.createRange();
    range.selectNodeContents(p);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return p.textContent.replace(/\s+/g, ' ').trim();
  }, text);
}

describe('stories of your own', () => {
  it('builds a two-chapter story in the editor, saves it as a file, keeps it across a reload, opens the file again and presents it', { timeout: 300_000 }, async () => {
    const rec = await openApp('#map=3/25/100&layers=projects&sel=project-06&lang=en');
    const { page } = rec;
    page.on('dialog', (d) => void d.accept());
    await page.locator('.tool-stories').click();
    const editor = page.locator('hsr-story-editor');
    await editor.locator('button.new').click();
    await editor.getByText('New story “my-talk” started').waitFor();
    const storyInputs = editor.locator('fieldset.story input[type=text]');
    await type(storyInputs.nth(1), 'Forum talk');
    await type(storyInputs.nth(2), '论坛演讲');

    // Chapter 1: the current view, its selected project ringed; a source selected in the reader.
    await editor.locator('button.add-view').click();
    await writeChapter(editor, 'Mekong surveillance', '湄公河监测');
    expect(await editor.locator('ul.highlights li').count()).toBe(1);
    await editor.locator('select.pick-doc').selectOption('implementation-plan-2015.zh.txt');
    const reader = page.locator('hsr-reader');
    await reader.locator('.pick').waitFor();
    const passage = await selectParagraph(page, '湄公河流域疾病监测合作');
    await reader.locator('button.pick-selection').click();
    await editor.getByText('Source added to chapter 1').waitFor();
    expect(await editor.locator('ul.sources q').textContent()).toBe(passage);

    // Chapter 2: another view (no selection); the reader's highlighted quote as its source.
    const view2 = 'map=2/22/60&layers=statement-2020,events&lang=en';
    await page.evaluate((h) => (location.hash = h), view2);
    await page.waitForFunction(() => window.__hsrMap!.deckLayerIds().includes('statement-2020'), undefined, { timeout: 30_000 });
    await editor.locator('button.add-view').click();
    await writeChapter(editor, 'Vaccines for all', '疫苗公共产品');
    expect(await editor.locator('ul.highlights li').count()).toBe(0);
    const quote = 'We believe that COVID-19 vaccines should be recognized as global public goods.';
    await page.evaluate(([h, q]) => (location.hash = `${h}&doc=joint-statement-2020.en.txt&q=${encodeURIComponent(q!)}`), [view2, quote]);
    await reader.locator('button.pick-highlighted').click();
    await editor.getByText('Source added to chapter 2').waitFor();

    // Reorder: chapter 2 up, then back down.
    const names = () => editor.locator('ol.chapters .name').allTextContents();
    await editor.locator('ol.chapters li').nth(1).locator('button.up').click();
    expect(await names()).toEqual(['1. Vaccines for all', '2. Mekong surveillance']);
    await editor.locator('ol.chapters li').nth(0).locator('button.down').click();
    expect(await names()).toEqual(['1. Mekong surveillance', '2. Vaccines for all']);
    await editor.locator('.ready').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-en.png') });

    // Save as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), editor.locator('button.download').click()]);
    expect(download.suggestedFilename()).toBe('my-talk.json');
    const file = join(ARTIFACTS, 'my-talk.json');
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as StoryShapeOutput;
    expect(saved.chapters.map((c: { title: { en: string } }) => c.title.en)).toEqual(['Mekong surveillance', 'Vaccines for all']);
    expect(saved.chapters[0]!.highlight).toEqual(['project-06']);
    expect(saved.chapters[0]!.sources).toEqual([{ doc: 'implementation-plan-2015.zh.txt', quote: passage }]);
    expect(saved.chapters[1]!.sources).toEqual([{ doc: 'joint-statement-2020.en.txt', quote }]);
    expect(saved.chapters[1]!.layers).toEqual(['statement-2020', 'events']);

    // Kept in the browser: after a reload the editor opens on it.
    await page.reload();
    await ready(page);
    await page.locator('.tool-stories').click();
    expect(await editor.locator('select.stored').inputValue()).toBe('my-talk');
    expect(await names()).toEqual(['1. Mekong surveillance', '2. Vaccines for all']);

    // Deleted from the browser, then opened again from the file.
    await editor.locator('button.delete').click();
    await expect.poll(() => editor.locator('select.stored').count()).toBe(0);
    await editor.locator('input[type=file]').setInputFiles(file);
    await editor.getByText('Opened my-talk.json').waitFor();
    expect(await names()).toEqual(['1. Mekong surveillance', '2. Vaccines for all']);

    // Rehearse: presented from this browser's store.
    await editor.locator('button.rehearse').click();
    const caption = page.locator('hsr-presenter .caption');
    await caption.locator('h2', { hasText: 'Mekong surveillance' }).waitFor({ timeout: 30_000 });
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('story-src')).toBe('my-talk');
    expect(await caption.locator('q').first().textContent()).toBe(passage);
    await page.keyboard.press('PageDown');
    await caption.locator('h2', { hasText: 'Vaccines for all' }).waitFor();
    await expect.poll(() => page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual(expect.arrayContaining(['statement-2020', 'events']));
    await assertCleanPage(rec);
  });

  it('refuses a story file that is not valid, naming chapter and field in the page’s language, and keeps the view', { timeout: 300_000 }, async () => {
    const rec = await openApp('#map=3/25/100&layers=projects,events&lang=zh');
    const { page } = rec;
    await page.locator('.tool-stories').click();
    const editor = page.locator('hsr-story-editor');
    // A hostile file: a chapter showing a layer that does not exist, and HTML in its text.
    const bad = {
      id: 'bad-talk',
      title: { en: 'Bad', zh: '坏' },
      chapters: [
        {
          id: 'opening',
          title: { en: 'One', zh: '一' },
          text: { en: '<img src=x onerror=alert(1)>', zh: '正文' },
          camera: { center: [0, 0], zoom: 3, bearing: 0, pitch: 0 },
          layers: ['roads'],
          highlight: [],
          sources: [{ doc: 'communique-2017.en.txt', quote: 'a quote long enough' }],
        },
      ],
    };
    const file = join(ARTIFACTS, 'bad-talk.json');
    writeFileSync(file, JSON.stringify(bad));
    await editor.locator('input[type=file]').setInputFiles(file);
    const error = editor.locator('.error');
    await error.waitFor();
    const lines = await error.locator('p').allTextContents();
    expect(lines[0]).toBe('未能打开 bad-talk.json：');
    expect(lines).toContain('第“opening”章：text.en：含有 HTML；章节只能是纯文本');
    expect(lines).toContain('第“opening”章：layers：未知图层“roads”');
    expect(await editor.locator('select.stored').count()).toBe(0);

    // A draft linked for presenting: refused with its problems; the map keeps its view.
    await editor.locator('button.new').click();
    await editor.locator('button.add-view').click();
    const layersBefore = await page.evaluate(() => window.__hsrMap!.deckLayerIds());
    // The link of the view on screen, with the stored draft to present.
    await page.evaluate(() => (location.hash = `${location.hash.slice(1)}&story-src=my-talk`));
    const banner = page.locator('.story-error');
    await banner.waitFor({ timeout: 30_000 });
    const text = await banner.innerText();
    expect(text).toContain('无法演示此故事：');
    expect(text).toContain('title.en：缺失');
    expect(text).toContain('第“chapter-1”章：title.en：缺失');
    expect(await page.locator('hsr-presenter').count()).toBe(0);
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).has('story-src')).toBe(false);
    expect(await page.evaluate(() => window.__hsrMap!.deckLayerIds())).toEqual(layersBefore);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-zh-refused.png') });
    await banner.getByRole('button').click();
    await banner.waitFor({ state: 'detached' });
    await assertCleanPage(rec);
  });
});
