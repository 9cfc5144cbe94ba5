/**
 * Map images from the command line, drawn by the site itself in headless
 * Chromium (the same pipeline as the Export dialog).
 *
 *   npm run export -- --out map.png --size 3840x2160 [--view URL] [--lang zh|en] [--format png|pdf]
 *   npm run export -- --out a4.pdf --preset a4-portrait --lang zh
 *   npm run export -- --story ID --chapter N --out FILE.png   (one chapter, 1-based)
 *   npm run export -- --story ID --all --out DIR              (one file per chapter)
 *   npm run export -- --story ID --handout --out talk.pdf     (the handout: a page per chapter)
 *   npm run export -- --story ID --all --chapters 1,4-6 --out DIR   (some chapters; --handout too)
 *   npm run export -- --out map.png --worldview cn            (China's worldview; default: the site's)
 *
 * Options: --size WxH | --preset ID (slide-hd, slide-4k, a4-portrait, a4-landscape,
 * a3-portrait, a3-landscape, square); --dpi N (default: the preset's, else 96);
 * --view: a URL of the site (only its #hash — the view — is used, on a local copy
 * of the build); --viewport WxH of the live page whose extent is exported (default
 * 1440x900); --title TEXT, --subtitle TEXT; --no-title, --no-subtitle, --no-legend,
 * --no-scale-bar, --no-north-arrow, --no-attribution, --no-sources, --no-date, --no-qr;
 * --link-base URL: the site the QR code's link points to (default: the site of
 * --view when it is a full URL; without either, no QR code: the local copy's
 * address would lead nowhere);
 * --dist DIR: the build to serve (default $HSR_DIST, else dist; built when missing).
 *
 * Serves the build (scripts/serve-dist.ts: Vite's preview server), drives /usr/bin/chromium
 * (CHROMIUM_PATH) and calls `window.__hsrExport` on the page opened with
 * `?export`. Story chapters open with `#story=ID&chapter=N` (the presentation
 * mode applies the chapter's layers and camera; `<hsr-presenter>`'s caption
 * names the chapter shown); the story is read from `public/stories/<ID>.json`.
 * `--all` renders every chapter in one page, moving from chapter to chapter
 * through the URL, with the off-screen renderer kept warm (`keepWarm`): only
 * the first chapter pays for compiling the map's shaders. Title characters the
 * shipped font lacks are named on stderr. Exit codes: 0 written, 1 usage,
 * 2 export failed (e.g. a size the device cannot render: the message names the
 * size that works).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { parseSize, presetById, PRESETS, SCREEN_DPI } from '../src/export/presets.ts';
import { shippedStory } from './story-files.ts';
import { readViewArg } from './view-arg.ts';
import { readChapterList } from './chapter-list.ts';
import { WORLDVIEWS, parseWorldview } from '../src/data/worldviews.ts';
import type { HandoutHookResult, HookError, HookOptions, HookResult } from '../src/export/hook.ts';

const ROOT = resolve(import.meta.dirname, '..');

function usage(msg?: string): never {
  if (msg) console.error(`export: ${msg}`);
  console.error(
    `usage: npm run export -- --out FILE.png|FILE.pdf [--size WxH | --preset ID] [--view URL] [--lang zh|en] [--worldview ${WORLDVIEWS.join('|')}] [--format png|pdf] [--dpi N] [--dist DIR]\n` +
      '       npm run export -- --story ID --chapter N --out FILE [...]\n' +
      '       npm run export -- --story ID --all --out DIR [...]\n' +
      '       npm run export -- --story ID --handout --out FILE.pdf [--lang zh|en] [--link-base URL]\n' +
      '       (--all and --handout take --chapters LIST, e.g. 1,4-6: those chapters, in that order)',
  );
  console.error(`presets: ${PRESETS.map((p) => p.id).join(', ')}`);
  process.exit(1);
}

const { values: a } = parseArgs({
  options: {
    out: { type: 'string' },
    size: { type: 'string' },
    preset: { type: 'string' },
    dpi: { type: 'string' },
    view: { type: 'string' },
    viewport: { type: 'string', default: '1440x900' },
    lang: { type: 'string' },
    worldview: { type: 'string' },
    format: { type: 'string' },
    title: { type: 'string' },
    subtitle: { type: 'string' },
    'no-title': { type: 'boolean', default: false },
    'no-subtitle': { type: 'boolean', default: false },
    'no-legend': { type: 'boolean', default: false },
    'no-scale-bar': { type: 'boolean', default: false },
    'no-north-arrow': { type: 'boolean', default: false },
    'no-attribution': { type: 'boolean', default: false },
    'no-sources': { type: 'boolean', default: false },
    'no-date': { type: 'boolean', default: false },
    'no-qr': { type: 'boolean', default: false },
    'link-base': { type: 'string' },
    handout: { type: 'boolean', default: false },
    story: { type: 'string' },
    chapter: { type: 'string' },
    chapters: { type: 'string' },
    all: { type: 'boolean', default: false },
    dist: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (a.help) usage();
if (!a.out) usage('--out is required');
const preset = a.preset ? presetById(a.preset) : undefined;
if (a.preset && !preset) usage(`unknown preset ${a.preset}`);
if (a.preset && a.size) usage('give --size or --preset, not both');
const size = preset ?? (a.size ? parseSize(a.size) : { width: 1920, height: 1080 });
if (!size) usage(`bad --size ${a.size} (expected WIDTHxHEIGHT, e.g. 3840x2160)`);
const viewport = parseSize(a.viewport);
if (!viewport) usage(`bad --viewport ${a.viewport}`);
if (a.lang && a.lang !== 'zh' && a.lang !== 'en') usage('--lang must be zh or en');
const worldview = a.worldview === undefined ? undefined : parseWorldview(a.worldview);
if (a.worldview !== undefined && !worldview) usage(`--worldview must be one of ${WORLDVIEWS.join(', ')}`);
const format = a.format ?? (extname(a.out).toLowerCase() === '.pdf' ? 'pdf' : 'png');
if (format !== 'png' && format !== 'pdf') usage('--format must be png or pdf');
const dpi = a.dpi ? Number(a.dpi) : (preset?.dpi ?? SCREEN_DPI);
if (!(dpi > 0 && dpi <= 2400)) usage(`bad --dpi ${a.dpi}`);
const story = a.story ? shippedStory(ROOT, a.story) : undefined;
if (a.story && !story) usage(`unknown or invalid story "${a.story}" (see public/stories/)`);
if (!a.story && (a.all || a.chapter || a.handout)) usage('--all, --chapter and --handout need --story ID');
if (story && [a.all, !!a.chapter, a.handout].filter(Boolean).length !== 1) usage('--story needs one of --chapter N (one file), --all (every chapter into --out DIR) or --handout (one PDF)');
if (a.handout && format !== 'pdf') usage('--handout makes a PDF: give --out FILE.pdf');
const viewArg = a.view === undefined ? undefined : readViewArg(a.view);
if (viewArg && !viewArg.ok) usage(viewArg.error);
const view = viewArg?.ok ? viewArg : undefined;
let linkBase: string | undefined;
if (a['link-base']) {
  try {
    linkBase = new URL(a['link-base']).href;
  } catch {
    usage(`bad --link-base ${a['link-base']} (expected a URL such as https://example.org/hsr/)`);
  }
} else if (view?.url) linkBase = view.url;
if (!linkBase && !a['no-qr']) console.error('export: no QR code: give --link-base URL (the site the link should open), or --no-qr');
const chapter = a.chapter ? Number(a.chapter) : undefined;
if (story && chapter !== undefined && !(Number.isInteger(chapter) && chapter >= 1 && chapter <= story.chapters.length)) {
  usage(`--chapter must be 1–${story.chapters.length} for story "${story.id}"`);
}
if (story && a.view) usage('--view and --story exclude each other');
if (a.chapters !== undefined && !(story && (a.all || a.handout))) usage('--chapters goes with --story ID and --all or --handout');
const chapterList = story && a.chapters !== undefined ? readChapterList(a.chapters, story.chapters.length) : undefined;
if (chapterList && !chapterList.ok) usage(chapterList.error);
const chosen = chapterList?.ok ? chapterList.chapters : undefined;

const DIST = resolve(ROOT, a.dist ?? process.env.HSR_DIST ?? 'dist');

const options: HookOptions = {
  width: size.width,
  height: size.height,
  dpi,
  format,
  ...(a.lang ? { lang: a.lang as 'zh' | 'en' } : {}),
  ...(a['no-title'] ? { title: null } : a.title !== undefined ? { title: a.title } : {}),
  ...(a['no-subtitle'] ? { subtitle: null } : a.subtitle !== undefined ? { subtitle: a.subtitle } : {}),
  ...(a['no-legend'] ? { legend: false } : {}),
  ...(a['no-scale-bar'] ? { scaleBar: false } : {}),
  ...(a['no-north-arrow'] ? { northArrow: false } : {}),
  ...(a['no-attribution'] ? { attribution: false } : {}),
  ...(a['no-sources'] ? { sources: false } : {}),
  ...(a['no-date'] ? { date: false } : {}),
  ...(a['no-qr'] || !linkBase ? { qr: false } : { linkBase }),
};

/** The hash with the worldview asked for (`wv=`), which a story chapter's own worldview still overrides. */
function withWorldview(hash: string): string {
  if (!worldview) return hash;
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  p.set('wv', worldview);
  return `#${p.toString()}`;
}

/** Opens the site at `hash` in a new context; `close` ends it. */
async function openSite(browser: Browser, base: string, hash: string): Promise<{ page: Page; close: () => Promise<void> }> {
  // Reduced motion: a story chapter jumps to its camera instead of flying there. No service worker:
  // a one-off page has no use for an offline copy of the whole site, and storing it costs the export time.
  const context = await browser.newContext({ viewport: viewport!, deviceScaleFactor: 1, reducedMotion: 'reduce', serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  await page.goto(`${base}?export${withWorldview(hash)}`);
  await page.waitForFunction(() => typeof window.__hsrExport === 'function', undefined, { timeout: 60_000 });
  return { page, close: () => context.close() };
}

/** Waits until the presenter's caption shows chapter `id` (its layers and camera are then applied). */
async function chapterShown(page: Page, id: string): Promise<boolean> {
  try {
    await page.waitForFunction((want) => document.querySelector('hsr-presenter')?.shadowRoot?.querySelector('.caption')?.getAttribute('data-chapter') === want, id, { timeout: 30_000 });
    // The map takes the chapter's camera in the same update; let it land.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return true;
  } catch {
    console.error(`export: the page did not show chapter "${id}" of the story`);
    return false;
  }
}

/** Exports what the page shows into `out`. False (with a message) when the export failed. */
async function exportPage(page: Page, out: string, keepWarm: boolean): Promise<boolean> {
  const started = Date.now();
  const r = (await page.evaluate((o) => window.__hsrExport!(o), { ...options, keepWarm })) as HookResult | HookError;
  if ('error' in r) {
    console.error(`export: ${r.error}`);
    return false;
  }
  if (r.missingChars.length) console.error(`export: warning: ${out}: not in the shipped font, drawn with this machine's fonts: ${r.missingChars.join(' ')}`);
  mkdirSync(dirname(out), { recursive: true });
  const bytes = Buffer.from(r.base64, 'base64');
  writeFileSync(out, bytes);
  const tm = r.timings;
  console.log(
    `${out}: ${r.width}×${r.height} ${format.toUpperCase()} at ${r.dpi} dpi, ${(bytes.length / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${r.warm ? 'warm' : 'cold'}; fonts ${tm.fontsMs} ms, map ${tm.mapMs} ms [load ${r.map.phases.loadMs}, draw ${r.map.phases.drawMs}, ${r.map.frames} frame${r.map.frames === 1 ? '' : 's'}], compose ${tm.composeMs} ms, ${format === 'pdf' ? `pdf ${tm.pdfMs}` : `encode ${tm.encodeMs}`} ms)`,
  );
  return true;
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`export: ${DIST} has no build, building the site…`);
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(2);
}

// Loaded only now: a usage error answers at once, without Vite and Playwright.
const { serveDist } = await import('./serve-dist.ts');
const { launchChromium } = await import('./chromium.ts');
const server = await serveDist(DIST);
const browser = await launchChromium();
let ok = true;
try {
  if (story && a.handout) {
    const site = await openSite(browser, server.url, `#story=${encodeURIComponent(story.id)}&chapter=${chosen?.[0] ?? 1}${a.lang ? `&lang=${a.lang}` : ''}`);
    try {
      const r = (await site.page.evaluate((o) => window.__hsrHandout!(o), {
        ...(a.lang ? { lang: a.lang as 'zh' | 'en' } : {}),
        ...(linkBase ? { linkBase } : {}),
        ...(chosen ? { chapters: chosen.map((n) => n - 1) } : {}),
      })) as HandoutHookResult | HookError;
      if ('error' in r) {
        console.error(`export: ${r.error}`);
        ok = false;
      } else {
        const out = resolve(a.out);
        mkdirSync(dirname(out), { recursive: true });
        const bytes = Buffer.from(r.base64, 'base64');
        writeFileSync(out, bytes);
        console.log(`${out}: handout, ${r.pages} pages, ${(bytes.length / 1e6).toFixed(1)} MB, ${(r.ms / 1000).toFixed(1)} s`);
        if (!linkBase) console.error('export: the QR codes lead to the local copy: give --link-base URL for links that work elsewhere');
      }
    } finally {
      await site.close();
    }
  } else if (story) {
    const chapterHash = (n: number) => `#story=${encodeURIComponent(story.id)}&chapter=${n}${a.lang ? `&lang=${a.lang}` : ''}`;
    const numbers = chapter !== undefined ? [chapter] : (chosen ?? story.chapters.map((_, i) => i + 1));
    const site = await openSite(browser, server.url, chapterHash(numbers[0]!));
    try {
      if (numbers.length > 1) {
        // Warm up once for every kind of layer the chapters use (as opening the dialog does).
        const w = (await site.page.evaluate(() => window.__hsrExportWarm!())) as { ms: number } | HookError;
        if ('error' in w) console.error(`export: warning: the renderer did not warm up (${w.error}); going on cold`);
        else console.log(`renderer warm in ${(w.ms / 1000).toFixed(1)} s`);
      }
      for (const n of numbers) {
        const ch = story.chapters[n - 1]!;
        // The next chapter through its link (as back/forward would): same page, same warm renderer.
        if (n !== numbers[0]) await site.page.evaluate((h) => (location.hash = h), withWorldview(chapterHash(n)));
        const file = chapter !== undefined ? resolve(a.out) : join(resolve(a.out), `${story.id}-${String(n).padStart(2, '0')}-${ch.id}.${format}`);
        ok = (await chapterShown(site.page, ch.id)) && (await exportPage(site.page, file, numbers.length > 1)) && ok;
      }
    } finally {
      await site.close();
    }
  } else {
    const site = await openSite(browser, server.url, view?.hash ?? '');
    try {
      ok = await exportPage(site.page, resolve(a.out), false);
    } finally {
      await site.close();
    }
  }
} catch (e) {
  console.error(`export: ${e instanceof Error ? e.message : String(e)}`);
  ok = false;
} finally {
  await browser.close();
  await server.close();
}
process.exit(ok ? 0 : 2);
