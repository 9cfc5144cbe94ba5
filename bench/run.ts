/**
 * `npm run bench`: the performance budget, measured side by side.
 *
 * Builds the site (`bench/out/dist-site/`, not `dist/`, so it never collides with
 * the browser tests) and a baseline page (`bench/dist-baseline/`: the same base
 * map drawn by MapLibre alone, no thematic layers), serves both on 127.0.0.1
 * with gzip, drives /usr/bin/chromium (software WebGL) and prints Markdown tables:
 * every figure for the site AND for the baseline, measured in the same run, and
 * the site's as a ratio to the baseline's — so the numbers hold on a noisy
 * machine. Writes everything to `bench/out/latest.json`.
 *
 * Budgets are printed PASS / MISS; the bench never fails on a timer. Exit code 0
 * unless the bench itself broke (a build failed, a page never became ready…).
 *
 * Flags: --runs N (page loads per page, default 3), --steps N (frames per flight
 * of the fly-through, default 6), --lighthouse-runs N (Lighthouse runs per page
 * and preset, default 3: the median run is reported), --no-lighthouse, --no-scale, --no-build (reuse
 * bench/out/dist-site/ and bench/dist-baseline/), --no-data (skip the data build timing),
 * --no-fly, --no-export (skip the fly-through, the exports: quicker runs while iterating).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Result } from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../scripts/chromium.ts';
import { startBenchServer, type BenchServer, type ServedResponse } from './server.ts';
import { deltas, median, percentile, ratio } from './lib/stats.ts';
import { atLeast, atMost, ratioAtLeast, ratioAtMost, summarise, type BudgetResult } from './lib/budget.ts';
import { formatKB, formatMs, formatRatio, formatScore, formatTable, KB } from './lib/format.ts';
import { bytesByKind, RESOURCE_KINDS, resourceKind, type ResourceKind } from './lib/resources.ts';
import { FLY_THROUGH, findCameras, tourSteps, type BenchCamera } from './lib/cameras.ts';
import { scaleScenarios, type SyntheticDescriptor } from './lib/synthetic.ts';
import { lazyVerdicts } from './lib/lazy.ts';
import { groupModules, type ModuleChunk } from './lib/modules.ts';
import { DEFAULT_LAYERS } from '../src/layers/registry.ts';

const ROOT = process.cwd();
const DIST = join(ROOT, 'bench/out/dist-site');
const DIST_BASELINE = join(ROOT, 'bench/dist-baseline');
const OUT = join(ROOT, 'bench/out');
/** The site build's modules, chunk by chunk (scripts/bundle-report-plugin.ts). */
const BUNDLE_REPORT = join(OUT, 'bundle-report.json');
const VIEWPORT = { width: 1280, height: 800 };
/** The whole bench stops by itself after this long (it takes ~6 min on 2 cores). */
const WATCHDOG_MS = 15 * 60_000;
const READY_TIMEOUT_MS = 90_000;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '6' },
    'lighthouse-runs': { type: 'string', default: '3' },
    'no-lighthouse': { type: 'boolean', default: false },
    'no-scale': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-data': { type: 'boolean', default: false },
    'no-fly': { type: 'boolean', default: false },
    'no-export': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number.parseInt(flags.runs, 10) || 3);
/** Lighthouse runs per page and preset: one run's score moves by ten points on this machine, the median run's much less. */
const LH_RUNS = Math.max(1, Number.parseInt(flags['lighthouse-runs'], 10) || 3);
/** Frames per flight between two cameras of the tour. */
const STEPS = Math.max(2, Number.parseInt(flags.steps, 10) || 6);
/** A tour stops after this long (a page drawing 100,000 points may take seconds per frame). */
const FLY_CAP_MS = 90_000;
/** The scale scenarios fly the first flights of the tour only, for at most this long each. */
const SCALE_FLIGHTS = 3;
const SCALE_CAP_MS = 45_000;

/** Browsers to kill if the watchdog fires (process.exit would leave Lighthouse's Chrome running). */
const cleanups = new Set<() => unknown>();
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min, stopping`);
  for (const c of cleanups) {
    try {
      c();
    } catch {
      // exiting anyway
    }
  }
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const errors: string[] = [];
const log = (s: string) => console.error(`[bench] ${s}`);

/** Runs a section; on failure records the error (the bench then exits 1) and returns undefined. */
async function section<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const t0 = performance.now();
  log(`${name}…`);
  try {
    const v = await fn();
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return v;
  } catch (e) {
    const msg = `${name}: ${e instanceof Error ? e.message : String(e)}`;
    errors.push(msg);
    log(`FAILED ${msg}`);
    return undefined;
  }
}

function run(cmd: string, args: string[], timeoutMs: number, env: Record<string, string> = {}): { ms: number; ok: boolean; output: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_ENV: 'production', ...env } });
  return { ms: performance.now() - t0, ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

// ───────────────────────────── builds and sizes ─────────────────────────────

interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
}

function chunks(dir: string): Chunk[] {
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) return [];
  return readdirSync(assets)
    .filter((f) => /\.(m?js|css)$/.test(f))
    .map((f) => {
      const raw = readFileSync(join(assets, f));
      return { file: f, bytes: raw.length, gzip: gzipSync(raw).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

// ───────────────────────────── in-page probes ─────────────────────────────

/**
 * Init script for both pages: records `performance.now()` (ms since navigation
 * start) at the first MapLibre `idle` at which the page is complete. Baseline:
 * any idle. Site (`window.__hsrMap` present): status `ready`, deck layer ids
 * present and every deck.gl layer loaded. If deck finishes loading after the
 * last idle, a repaint is requested so that one more idle follows.
 */
const READY_PROBE = `
  // tsx (esbuild keepNames) wraps named functions of page.evaluate callbacks in __name().
  globalThis.__name = globalThis.__name || ((f) => f);
  window.__bench = { ready: undefined, lcp: undefined, blocking: 0, programs: 0 };
  // Largest contentful paint and blocking time (long tasks' time past 50 ms), as Lighthouse counts them.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (window.__bench.ready === undefined) window.__bench.blocking += Math.max(0, e.duration - 50);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // WebGL programs linked (MapLibre's and deck.gl's shaders): each costs a compile in the GPU process.
  for (const C of [self.WebGL2RenderingContext, self.WebGLRenderingContext]) {
    if (!C) continue;
    const link = C.prototype.linkProgram;
    C.prototype.linkProgram = function (p) {
      if (window.__bench.ready === undefined) window.__bench.programs++;
      return link.call(this, p);
    };
  }
  (function attach() {
    const m = window.__map;
    if (!m) { setTimeout(attach, 5); return; }
    const full = () => {
      const h = window.__hsrMap;
      if (!h) return true;
      if (h.status !== 'ready' || h.deckLayerIds().length === 0) return false;
      // Composite layers (GeoJsonLayer) count as loaded once their sublayers are.
      const layers = h.deckLayers();
      return layers.length > 0 && layers.every((l) => l.isLoaded);
    };
    m.on('idle', () => { if (window.__bench.ready === undefined && full()) window.__bench.ready = performance.now(); });
    const poll = setInterval(() => {
      if (window.__bench.ready !== undefined) { clearInterval(poll); return; }
      if (full() && m.loaded() && !m.isMoving()) m.triggerRepaint();
    }, 100);
  })();
`;

interface LoadSample {
  ttffMs: number;
  /** Largest contentful paint (ms since navigation start) as of the first full frame. */
  lcpMs?: number;
  /** Long tasks' time past 50 ms, up to the first full frame. */
  blockingMs: number;
  /** WebGL programs linked before the first full frame. */
  programs: number;
  bytes: Record<ResourceKind | 'total', number>;
  requests: number;
  responses: ServedResponse[];
}

async function openReady(browser: Browser, server: BenchServer, url: string): Promise<{ page: Page; close: () => Promise<void>; sample: LoadSample }> {
  // Service workers blocked: a precache of the whole site is not "before interactive",
  // and a worker answering from its cache would hide requests from the server's log.
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(READY_PROBE);
  server.clear();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __bench: { ready?: number } }).__bench.ready !== undefined, undefined, {
    timeout: READY_TIMEOUT_MS,
    polling: 50,
  });
  const {
    ready: ttffMs,
    lcp: lcpMs,
    blocking: blockingMs,
    programs,
  } = await page.evaluate(() => (window as unknown as { __bench: { ready: number; lcp?: number; blocking: number; programs: number } }).__bench);
  // Only what was served by the time the page was complete counts as "before interactive":
  // work the page starts afterwards (the rest of the data, on idle) is not on the critical path.
  const readyEpoch = (await page.evaluate(() => performance.timeOrigin)) + ttffMs;
  const responses = server.log.filter((r) => performance.timeOrigin + r.at <= readyEpoch);
  return { page, close: () => context.close(), sample: { ttffMs, lcpMs, blockingMs, programs, bytes: bytesByKind(responses), requests: responses.length, responses } };
}

interface FlyResult {
  frames: number;
  p50: number | undefined;
  p95: number | undefined;
  max: number | undefined;
  totalMs: number;
  /** Set when the tour hit the time cap before its last frame. */
  truncated?: boolean;
}

/**
 * Flies the tour frame by frame, the same script on both pages: jumps to the
 * first camera and waits for the map to settle, then on every animation frame
 * moves the camera one step (`tourSteps`) and records the frame's timestamp.
 * The frame time is the interval between consecutive frames, each of which
 * rendered one new camera (base map and, on the site, the deck.gl layers
 * interleaved in the same frame).
 */
async function flyThrough(page: Page, cameras: readonly BenchCamera[], capMs = FLY_CAP_MS): Promise<FlyResult> {
  // Let late work (URL write-back, the rest of the data, the site's export renderer warming up
  // when idle: seconds of software WebGL in the background) settle before measuring.
  await page.evaluate(async () => {
    const warm = (window as unknown as { __hsrExportWarm?: () => Promise<unknown> }).__hsrExportWarm;
    if (warm) await warm();
  });
  await page.waitForTimeout(500);
  const steps = tourSteps(cameras, STEPS);
  const { times, totalMs, truncated } = await page.evaluate(
    async ({ first, steps, capMs }) => {
      type M = {
        once(ev: string, cb: () => void): void;
        jumpTo(o: Record<string, unknown>): void;
        loaded(): boolean;
        triggerRepaint(): void;
        _listeners?: Record<string, unknown>;
      };
      const m = (window as unknown as { __map: M }).__map;
      const camera = (c: { center: number[]; zoom: number; bearing?: number; pitch?: number }) => ({ center: c.center, zoom: c.zoom, bearing: c.bearing ?? 0, pitch: c.pitch ?? 0 });
      await new Promise<void>((res) => {
        const guard = setTimeout(res, 20_000);
        m.once('idle', () => {
          clearTimeout(guard);
          res();
        });
        m.jumpTo(camera(first));
        m.triggerRepaint();
      });
      // Every jumpTo fires moveend, a real flight only at its end: the site would then
      // write the URL and rebuild its layers on every frame. Hold the listeners back.
      const held = m._listeners?.moveend;
      if (m._listeners) delete m._listeners.moveend;
      const times: number[] = [];
      const t0 = performance.now();
      let truncated = false;
      await new Promise<void>((res) => {
        let i = 0;
        const tick = (t: number) => {
          times.push(t);
          if (i < steps.length && performance.now() - t0 > capMs) truncated = true;
          if (i >= steps.length || truncated) {
            res();
            return;
          }
          m.jumpTo(camera(steps[i++]!));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const totalMs = performance.now() - t0;
      if (m._listeners && held) m._listeners.moveend = held;
      return { times, totalMs, truncated };
    },
    { first: cameras[0]!, steps, capMs },
  );
  const d = deltas(times);
  return { frames: d.length, p50: median(d), p95: percentile(d, 95), max: d.length ? Math.max(...d) : undefined, totalMs, ...(truncated ? { truncated } : {}) };
}

/** Hands synthetic descriptors to the site's test hook; ms until deck has them loaded and two frames are drawn. */
async function addExtraLayers(page: Page, descriptors: SyntheticDescriptor[]): Promise<number> {
  const hasHook = await page.evaluate(() => typeof (window as unknown as { __hsrMap?: { setExtraLayers?: unknown } }).__hsrMap?.setExtraLayers === 'function');
  if (!hasHook) throw new Error('window.__hsrMap.setExtraLayers is missing (src/map/hsr-map.ts test hook)');
  return page.evaluate(
    (descs) =>
      new Promise<number>((resolve, reject) => {
        type Hook = { setExtraLayers(d: unknown[]): void; deckLayers(): { id: string; isLoaded: boolean }[] };
        const h = (window as unknown as { __hsrMap: Hook }).__hsrMap;
        const ids = descs.map((d) => d.props.id);
        const t0 = performance.now();
        h.setExtraLayers(descs);
        const guard = setTimeout(() => reject(new Error('synthetic layers not drawn within 60 s')), 60_000);
        const check = () => {
          const layers = h.deckLayers();
          const present = ids.every((id) => layers.some((l) => l.id === id));
          if (present && layers.every((l) => l.isLoaded)) {
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                clearTimeout(guard);
                resolve(performance.now() - t0);
              }),
            );
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    descriptors,
  );
}

/** A little more than the export renderer's shrink delay (src/export/render-map.ts, SHRINK_DELAY_MS). */
const EXPORT_SHRINK_MS = 3500;

/** The exports timed: 16:9 slides in PNG, and an A4 page at 300 dpi in PDF. */
const EXPORT_CASES = [
  { name: 'PNG 1920×1080', width: 1920, height: 1080, format: 'png', dpi: 96 },
  { name: 'PNG 3840×2160', width: 3840, height: 2160, format: 'png', dpi: 96 },
  { name: 'PDF A4 300 dpi', width: 2480, height: 3508, format: 'pdf', dpi: 300 },
] as const;
type ExportCase = (typeof EXPORT_CASES)[number];

interface ExportResult {
  name: ExportCase['name'];
  width: number;
  height: number;
  /**
   * at-load: the first export in a fresh page, asked for right after its first
   * full frame (the off-screen renderer is made then, or joined while the page
   * warms it up on its own). warm: the renderer ready (warmed up as the dialog
   * does), the export's view not loaded yet — a click right after changing the
   * size. prepared: as in an open dialog whose choices have rested a few
   * seconds (it loads and draws the chosen export in the background).
   */
  kind: 'at-load' | 'warm' | 'prepared';
  /** Wall time of the call, from the bench's side of the page. */
  ms?: number;
  bytes?: number;
  /** The export's own phase timings, when it reports them. */
  timings?: Record<string, number>;
  /** Whether the export itself says its renderer was warm. */
  warm?: boolean;
  note?: string;
}

/**
 * Times `window.__hsrExport({ width, height, format, dpi, keepWarm })`
 * (src/export/hook.ts). The hook resolves to `{ base64, timings, … }` or to
 * `{ error }`; only sizes and timings cross back to Node. An error is reported
 * in the table, never thrown.
 */
async function timeExport(page: Page, c: ExportCase, kind: ExportResult['kind']): Promise<ExportResult> {
  const r = await page.evaluate(
    async ({ width, height, format, dpi, keepWarm }) => {
      const fn = (window as unknown as { __hsrExport?: (o: unknown) => Promise<unknown> }).__hsrExport;
      if (typeof fn !== 'function') return { note: 'n/a (window.__hsrExport missing)' };
      const t0 = performance.now();
      let out: unknown;
      try {
        out = await fn({ width, height, format, dpi, keepWarm });
      } catch (e) {
        return { note: `error: ${e instanceof Error ? e.message : String(e)}` };
      }
      const ms = performance.now() - t0;
      const o = (out ?? {}) as { error?: unknown; base64?: unknown; width?: unknown; height?: unknown; timings?: Record<string, number>; warm?: boolean };
      if (typeof o.error === 'string') return { ms, note: `error: ${o.error}` };
      // base64 → bytes: 3 bytes per 4 characters, minus padding.
      const b64 = typeof o.base64 === 'string' ? o.base64 : undefined;
      const bytes = b64 ? (b64.length * 3) / 4 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0) : undefined;
      const size = o.width !== width || o.height !== height ? ` (got ${String(o.width)}×${String(o.height)})` : '';
      return { ms, bytes, timings: o.timings, warm: o.warm, ...(size ? { note: `wrong size${size}` } : {}) };
    },
    { width: c.width, height: c.height, format: c.format, dpi: c.dpi, keepWarm: kind !== 'at-load' },
  );
  // The renderer says whether it was warm: a "warm" run that was not is reported, not hidden.
  const said = 'warm' in r ? r.warm : undefined;
  const mismatch = kind !== 'at-load' && said === false ? { note: `${kind} run, but the renderer was cold` } : {};
  return { name: c.name, width: c.width, height: c.height, kind, ...r, ...mismatch };
}

/**
 * Makes the page's export renderer and waits until it is warm (what opening the
 * dialog does); with a case, until that export's view is loaded too (what the
 * open dialog does once the choices rest). Its time, or an error note.
 */
async function warmExport(page: Page, c?: ExportCase): Promise<{ ms?: number; note?: string }> {
  return page.evaluate(
    async (o) => {
      const fn = (window as unknown as { __hsrExportWarm?: (o?: unknown) => Promise<{ ms: number } | { error: string }> }).__hsrExportWarm;
      if (typeof fn !== 'function') return { note: 'n/a (window.__hsrExportWarm missing)' };
      const r = await fn(o ?? true);
      return 'error' in r ? { note: `error: ${r.error}` } : { ms: r.ms };
    },
    c ? { width: c.width, height: c.height, format: c.format, dpi: c.dpi } : null,
  );
}

/** Cameras of a shipped story (`public/stories/`, the default story first), if one exists (found by shape). */
async function storyCameras(): Promise<{ file: string; cameras: BenchCamera[] } | undefined> {
  const dir = join(ROOT, 'public/stories');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|json)$/.test(f) && !/\.(test|d)\.ts$/.test(f))
    .sort((a, b) => Number(b === 'health-silk-road.json') - Number(a === 'health-silk-road.json') || a.localeCompare(b));
  for (const f of files) {
    try {
      const mod: unknown = f.endsWith('.json') ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : await import(pathToFileURL(join(dir, f)).href);
      const cameras = findCameras(mod);
      if (cameras.length >= 2) return { file: `public/stories/${f}`, cameras };
    } catch (e) {
      log(`story ${f} not usable: ${(e as Error).message}`);
    }
  }
  return undefined;
}

// ───────────────────────────── Lighthouse ─────────────────────────────

type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
const CATEGORIES: Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];

interface LighthouseRun {
  page: 'site' | 'baseline';
  preset: 'mobile' | 'desktop';
  scores: Partial<Record<Category, number | null>>;
  metrics: { fcp?: number; lcp?: number; tbt?: number; si?: number; cls?: number };
  /** Audits that scored below 1 in accessibility, best practices or SEO (to explain a missed 100). */
  failing: string[];
  /** Every run's performance score and total blocking time, in the order run (the figures above are the median run's). */
  runs: { performance: number | null; tbt?: number }[];
}

async function lighthouseRuns(urls: { site: string; baseline: string }): Promise<LighthouseRun[]> {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  // (Typed here: its declarations name Lighthouse's global LH namespace, which this project does not load.)
  const { computeMedianRun, filterToValidRuns } = (await import('lighthouse/core/lib/median-run.js')) as unknown as {
    computeMedianRun(runs: Result[]): Result;
    filterToValidRuns(runs: Result[]): Result[];
  };
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [...CHROMIUM_ARGS],
    logLevel: 'silent',
  });
  const kill = () => chrome.kill();
  cleanups.add(kill);
  const out: LighthouseRun[] = [];
  const failures: string[] = [];
  try {
    for (const preset of ['mobile', 'desktop'] as const) {
      // The two pages take turns, so that a slow minute of the machine falls on both.
      const lhrs: Record<'baseline' | 'site', Result[]> = { baseline: [], site: [] };
      for (let i = 0; i < LH_RUNS; i++) {
        for (const which of ['baseline', 'site'] as const) {
          log(`lighthouse ${which} ${preset} (${i + 1}/${LH_RUNS})…`);
          const result = await lighthouse(
            urls[which],
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, maxWaitForLoad: 60_000 },
            preset === 'desktop' ? desktopConfig : undefined,
          );
          // A run that fails is logged and left out: the median comes from the others.
          if (!result) failures.push(`lighthouse ${which} ${preset} run ${i + 1}: no result`);
          else if (result.lhr.runtimeError) failures.push(`lighthouse ${which} ${preset} run ${i + 1}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
          else lhrs[which].push(result.lhr);
        }
      }
      for (const which of ['baseline', 'site'] as const) {
        const all = lhrs[which];
        if (!all.length) throw new Error(`lighthouse ${which} ${preset}: every run failed (${failures.join('; ')})`);
        // Lighthouse's own choice of the median run (closest to the median first paint and time to interactive).
        const valid = filterToValidRuns(all);
        const lhr = valid.length ? computeMedianRun(valid) : all[0]!;
        const num = (id: string, r: Result = lhr) => {
          const v = r.audits[id]?.numericValue;
          return typeof v === 'number' ? v : undefined;
        };
        const failing: string[] = [];
        for (const cat of ['accessibility', 'best-practices', 'seo'] as const) {
          for (const ref of lhr.categories[cat]?.auditRefs ?? []) {
            const a = lhr.audits[ref.id];
            if (!(ref.weight > 0 && a && a.score !== null && a.score < 1)) continue;
            // Name the offending elements (or console messages), to say what to fix.
            const items = ((a.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).slice(0, 3);
            const where = items
              .map((it) => {
                const node = it.node as { selector?: string } | undefined;
                return node?.selector ?? (typeof it.description === 'string' ? it.description.slice(0, 80) : undefined);
              })
              .filter(Boolean);
            failing.push(`${cat}: ${ref.id}${where.length ? ` (${where.join('; ')})` : ''}`);
          }
        }
        out.push({
          page: which,
          preset,
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])),
          metrics: {
            fcp: num('first-contentful-paint'),
            lcp: num('largest-contentful-paint'),
            tbt: num('total-blocking-time'),
            si: num('speed-index'),
            cls: num('cumulative-layout-shift'),
          },
          failing,
          runs: all.map((r) => ({ performance: r.categories.performance?.score ?? null, tbt: num('total-blocking-time', r) })),
        });
      }
    }
  } finally {
    cleanups.delete(kill);
    chrome.kill();
  }
  for (const f of failures) log(`${f} (left out of the median)`);
  return out;
}

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const started = performance.now();
  const startedAt = new Date();

  // 1. Builds (timed, for information) and the data build's --check.
  const build: Record<string, { ms: number; ok: boolean }> = {};
  if (!flags['no-build']) {
    for (const [name, args] of [
      ['site', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn']],
      ['baseline', ['vite', 'build', '-c', 'bench/vite.baseline.config.ts', '--logLevel', 'warn']],
    ] as const) {
      log(`building ${name}…`);
      const r = run('npx', [...args], 300_000, name === 'site' ? { HSR_BUNDLE_REPORT: BUNDLE_REPORT } : {});
      build[name] = { ms: r.ms, ok: r.ok };
      if (!r.ok) throw new Error(`${name} build failed:\n${r.output}`);
    }
  }
  for (const need of [join(DIST, 'index.html'), join(DIST_BASELINE, 'index.html'), join(DIST, 'data/basemap/countries.geojson')]) {
    if (!existsSync(need)) throw new Error(`${need} is missing (run without --no-build)`);
  }
  let dataBuild: { ms: number; ok: boolean; summary: string } | undefined;
  if (!flags['no-data']) {
    log('data build (npx tsx geo/build.ts --check)…');
    const r = run('npx', ['tsx', 'geo/build.ts', '--check'], 300_000);
    dataBuild = {
      ms: r.ms,
      ok: r.ok,
      summary:
        r.output
          .split('\n')
          .filter((l) => !l.startsWith('npm warn'))
          .slice(-1)[0] ?? '',
    };
  }
  const bundle = { site: chunks(DIST), baseline: chunks(DIST_BASELINE) };

  // 2. Serve both (the baseline's build carries the same data files: bench/vite.baseline.config.ts).
  const site = await startBenchServer(DIST);
  const base = await startBenchServer(DIST_BASELINE);
  const siteUrl = `${site.url}?test`;
  const baseUrl = `${base.url}?test`;
  const story = await storyCameras();
  if (!story) log('no story cameras found in public/stories/: flying the fixed camera list');
  const tour: readonly BenchCamera[] = story?.cameras ?? FLY_THROUGH;
  const tourLabel = story ? `the ${story.cameras.length} chapter cameras of ${story.file}` : `${FLY_THROUGH.length} fixed cameras`;

  // Playwright's Chromium talks over a pipe and exits with this process; Lighthouse's does not (see cleanups).
  const browser = await launchChromium();
  const loads: { site: LoadSample[]; baseline: LoadSample[] } = { site: [], baseline: [] };
  const fly: Record<string, FlyResult> = {};
  const scale: { name: string; loadMs?: number; fly?: FlyResult; error?: string }[] = [];
  const exports: ExportResult[] = [];
  let exportWarmUp: { ms?: number; note?: string } | undefined;
  const exportPrepare: Partial<Record<ExportCase['name'], number>> = {};
  let lighthouse: LighthouseRun[] | undefined;
  try {
    // 3. Page loads, alternating baseline and site so both see the same noise.
    await section(`page loads (${RUNS} per page)`, async () => {
      for (let i = 0; i < RUNS; i++) {
        for (const [which, server, url] of [
          ['baseline', base, baseUrl],
          ['site', site, siteUrl],
        ] as const) {
          const p = await openReady(browser, server, url);
          loads[which].push(p.sample);
          await p.close();
        }
      }
    });

    // 4. Fly-through of the default story's cameras (the fixed list if no story), same script on both pages.
    if (!flags['no-fly'])
      await section('fly-through', async () => {
        for (const [which, server, url] of [
          ['baseline', base, baseUrl],
          ['site', site, siteUrl],
        ] as const) {
          const p = await openReady(browser, server, url);
          fly[which] = await flyThrough(p.page, tour);
          await p.close();
        }
      });

    // 5. Scale: synthetic layers through the test hook, then the same fly-through.
    if (!flags['no-scale']) {
      await section('scale', async () => {
        for (const s of scaleScenarios()) {
          const p = await openReady(browser, site, siteUrl);
          try {
            const loadMs = await addExtraLayers(p.page, s.descriptors);
            scale.push({ name: s.name, loadMs, fly: await flyThrough(p.page, tour.slice(0, SCALE_FLIGHTS + 1), SCALE_CAP_MS) });
          } catch (e) {
            scale.push({ name: s.name, error: (e as Error).message });
            errors.push(`scale ${s.name}: ${(e as Error).message}`);
          } finally {
            await p.close();
          }
        }
      });
    }

    // 6. Export: each case right after the first full frame of a fresh page, then warm and prepared in one page.
    if (!flags['no-export'])
      await section('export', async () => {
        const failed = (c: ExportCase, kind: ExportResult['kind'], e: unknown) => {
          const msg = (e as Error).message.split('\n')[0];
          exports.push({ name: c.name, width: c.width, height: c.height, kind, note: `error: ${msg}` });
          errors.push(`export ${c.name} (${kind}): ${msg}`);
        };
        for (const c of EXPORT_CASES) {
          const p = await openReady(browser, site, siteUrl);
          try {
            exports.push(await timeExport(p.page, c, 'at-load'));
          } catch (e) {
            failed(c, 'at-load', e);
          } finally {
            await p.close();
          }
        }
        const p = await openReady(browser, site, siteUrl);
        try {
          exportWarmUp = await warmExport(p.page);
          for (const kind of ['warm', 'prepared'] as const) {
            for (const c of EXPORT_CASES) {
              // Between exports the renderer shrinks back (after EXPORT_SHRINK_MS): each case starts
              // from the state an open dialog leaves it in, not from the previous export's canvas.
              await p.page.waitForTimeout(EXPORT_SHRINK_MS);
              try {
                if (kind === 'prepared') {
                  // What the dialog does once the choices rest: the export's view loaded and drawn in the background.
                  const t0 = Date.now();
                  const prepared = await warmExport(p.page, c);
                  if (prepared.note) throw new Error(prepared.note);
                  exportPrepare[c.name] = Date.now() - t0;
                }
                exports.push(await timeExport(p.page, c, kind));
              } catch (e) {
                failed(c, kind, e);
              }
            }
          }
        } finally {
          await p.close();
        }
      });
  } finally {
    await browser.close();
  }

  // 7. Lighthouse, on the pages as visitors get them (no ?test), gzip on.
  if (!flags['no-lighthouse']) lighthouse = await section('lighthouse', () => lighthouseRuns({ site: site.url, baseline: base.url }));
  await site.close();
  await base.close();

  // ─────────────── report ───────────────
  const med = (xs: number[]) => median(xs);
  const byKind = (which: 'site' | 'baseline', k: ResourceKind | 'total') => med(loads[which].map((s) => s.bytes[k]));
  const ttff = { site: med(loads.site.map((s) => s.ttffMs)), baseline: med(loads.baseline.map((s) => s.ttffMs)) };
  const flySite = fly.site;
  const flyBase = fly.baseline;
  const lh = (page: 'site' | 'baseline', preset: 'mobile' | 'desktop') => lighthouse?.find((r) => r.page === page && r.preset === preset);
  const exportOf = (name: ExportCase['name'], kind: ExportResult['kind']) => exports.find((e) => e.name === name && e.kind === kind);
  const exp4k = exportOf('PNG 3840×2160', 'prepared');
  const exp4kWarm = exportOf('PNG 3840×2160', 'warm');
  const exp4kAtLoad = exportOf('PNG 3840×2160', 'at-load');
  const exportFailed = (e: ExportResult | undefined) => !!e?.note;
  const exportNote = (e: ExportResult | undefined) => {
    if (!e) return 'n/a (not run)';
    if (e.note || e.ms === undefined) return e.note ?? 'n/a';
    const t = e.timings;
    const parts = t ? (['fontsMs', 'mapMs', 'composeMs', 'encodeMs', 'pdfMs'] as const).filter((k) => typeof t[k] === 'number' && t[k] > 0).map((k) => `${k.slice(0, -2)} ${formatMs(t[k])}`) : [];
    return `${formatMs(e.ms)}${parts.length ? ` (${parts.join(', ')})` : ''}${e.bytes ? `, ${formatKB(e.bytes)}` : ''}`;
  };
  const EXPORT_BUDGET = 'PNG export 3840×2160 right after the first full frame (fresh page)';
  const lcp = { site: med(loads.site.flatMap((s) => (s.lcpMs === undefined ? [] : [s.lcpMs]))), baseline: med(loads.baseline.flatMap((s) => (s.lcpMs === undefined ? [] : [s.lcpMs]))) };
  const blocking = { site: med(loads.site.map((s) => s.blockingMs)), baseline: med(loads.baseline.map((s) => s.blockingMs)) };
  const programs = { site: med(loads.site.map((s) => s.programs)), baseline: med(loads.baseline.map((s) => s.programs)) };

  const budgets: BudgetResult[] = [];
  const totalSite = byKind('site', 'total');
  budgets.push({ name: 'transferred before interactive (gzip)', rule: '≤ 900 KB', measured: formatKB(totalSite), verdict: atMost(totalSite, 900 * KB) });
  budgets.push({
    name: 'time to first full frame',
    rule: '≤ 1.3× baseline',
    measured: formatRatio(ratio(ttff.site, ttff.baseline)),
    verdict: ratioAtMost(ttff.site, ttff.baseline, 1.3),
  });
  budgets.push({
    name: 'largest contentful paint',
    rule: '≤ 1.0× baseline',
    measured: `${formatMs(lcp.site)} vs ${formatMs(lcp.baseline)} (${formatRatio(ratio(lcp.site, lcp.baseline))})`,
    verdict: ratioAtMost(lcp.site, lcp.baseline, 1),
  });
  budgets.push({
    name: 'fly-through frame time, median',
    rule: '≤ 1.2× baseline',
    measured: formatRatio(ratio(flySite?.p50, flyBase?.p50)),
    verdict: ratioAtMost(flySite?.p50, flyBase?.p50, 1.2),
  });
  budgets.push({
    name: 'fly-through frame time, p95',
    rule: '≤ 1.2× baseline',
    measured: formatRatio(ratio(flySite?.p95, flyBase?.p95)),
    verdict: ratioAtMost(flySite?.p95, flyBase?.p95, 1.2),
  });
  for (const preset of ['mobile', 'desktop'] as const) {
    const s = lh('site', preset)?.scores;
    const b = lh('baseline', preset)?.scores;
    budgets.push({
      name: `Lighthouse ${preset} performance`,
      rule: '≥ baseline',
      measured: `${formatScore(s?.performance)} vs ${formatScore(b?.performance)}`,
      verdict: ratioAtLeast(s?.performance ?? undefined, b?.performance ?? undefined, 1),
    });
    const tbt = { site: lh('site', preset)?.metrics.tbt, baseline: lh('baseline', preset)?.metrics.tbt };
    budgets.push({
      name: `Lighthouse ${preset} total blocking time`,
      rule: '≤ 1.5× baseline',
      measured: `${formatMs(tbt.site)} vs ${formatMs(tbt.baseline)} (${formatRatio(ratio(tbt.site, tbt.baseline))})`,
      verdict: ratioAtMost(tbt.site, tbt.baseline, 1.5),
    });
    for (const [cat, label] of [
      ['accessibility', 'accessibility'],
      ['best-practices', 'best practices'],
      ['seo', 'SEO'],
    ] as const) {
      budgets.push({ name: `Lighthouse ${preset} ${label}`, rule: '= 100', measured: formatScore(s?.[cat]), verdict: atLeast(s?.[cat] ?? undefined, 1) });
    }
  }
  // Judged right after load: a visitor who opens the page and exports at once. The open dialog's figures are printed beside it.
  budgets.push({
    name: EXPORT_BUDGET,
    rule: '≤ 3 s',
    measured: `${exportNote(exp4kAtLoad)}; warm renderer, click right after choosing: ${exportNote(exp4kWarm)}; open dialog, choices rested: ${exportNote(exp4k)}`,
    verdict: exportFailed(exp4kAtLoad) ? 'MISS' : atMost(exp4kAtLoad?.ms, 3000),
  });
  // Export, presentation and reader code must not be in the scripts served before interactive.
  const eagerScripts = (loads.site[0]?.responses ?? [])
    .filter((r) => resourceKind(r.path) === 'js' && existsSync(join(DIST, r.path)))
    .map((r) => ({ path: r.path.replace(/^\/assets\//, ''), text: readFileSync(join(DIST, r.path), 'utf8') }));
  const lazy = loads.site.length ? lazyVerdicts(eagerScripts) : [];
  for (const v of lazy) {
    budgets.push({
      name: `${v.name} code loaded only when used`,
      rule: 'not before interactive',
      measured: v.eagerIn.length ? `in ${v.eagerIn.join(', ')}` : 'lazy chunk',
      verdict: v.eagerIn.length ? 'MISS' : 'PASS',
    });
  }
  const verdictOf = (name: string) => budgets.find((b) => b.name === name)?.verdict ?? '';

  const sideRows: string[][] = [];
  for (const k of RESOURCE_KINDS) {
    sideRows.push([
      `${k === 'js' ? 'JavaScript' : k === 'css' ? 'CSS' : k === 'data' ? 'data' : 'other (HTML, icons)'} before interactive (gzip)`,
      formatKB(byKind('site', k)),
      formatKB(byKind('baseline', k)),
      formatRatio(ratio(byKind('site', k), byKind('baseline', k))),
      '',
    ]);
  }
  // The app loads the other layers once the map has drawn: any found here came in before the first full frame.
  const layerOf = (path: string) => /^\/data\/(?:overview\/)?([^/]+)\.geojson$/.exec(path)?.[1];
  const notDefault = (r: ServedResponse) => {
    const id = layerOf(r.path);
    return id !== undefined && !(DEFAULT_LAYERS as readonly string[]).includes(id);
  };
  const prefetched = med(loads.site.map((s) => s.responses.filter(notDefault).reduce((a, r) => a + r.bytes, 0)));
  sideRows.push(['… of which: data of layers not shown by default', formatKB(prefetched), '—', '', '']);
  sideRows.push([
    '**total** before interactive (gzip)',
    formatKB(totalSite),
    formatKB(byKind('baseline', 'total')),
    formatRatio(ratio(totalSite, byKind('baseline', 'total'))),
    `≤ 900 KB ${verdictOf('transferred before interactive (gzip)')}`,
  ]);
  sideRows.push(['requests before interactive', String(med(loads.site.map((s) => s.requests)) ?? 'n/a'), String(med(loads.baseline.map((s) => s.requests)) ?? 'n/a'), '', '']);
  sideRows.push([
    `largest contentful paint (median of ${RUNS})`,
    formatMs(lcp.site),
    formatMs(lcp.baseline),
    formatRatio(ratio(lcp.site, lcp.baseline)),
    `≤ 1.0× ${verdictOf('largest contentful paint')}`,
  ]);
  sideRows.push([
    `time to first full frame (median of ${RUNS})`,
    formatMs(ttff.site),
    formatMs(ttff.baseline),
    formatRatio(ratio(ttff.site, ttff.baseline)),
    `≤ 1.3× ${verdictOf('time to first full frame')}`,
  ]);
  sideRows.push(['blocking time before the first full frame (long tasks past 50 ms)', formatMs(blocking.site), formatMs(blocking.baseline), formatRatio(ratio(blocking.site, blocking.baseline)), '']);
  sideRows.push(['WebGL programs linked before the first full frame', String(programs.site ?? 'n/a'), String(programs.baseline ?? 'n/a'), '', '']);
  sideRows.push([
    'fly-through frame time, median',
    formatMs(flySite?.p50),
    formatMs(flyBase?.p50),
    formatRatio(ratio(flySite?.p50, flyBase?.p50)),
    `≤ 1.2× ${verdictOf('fly-through frame time, median')}`,
  ]);
  sideRows.push(['fly-through frame time, p95', formatMs(flySite?.p95), formatMs(flyBase?.p95), formatRatio(ratio(flySite?.p95, flyBase?.p95)), `≤ 1.2× ${verdictOf('fly-through frame time, p95')}`]);
  const frames = (f: FlyResult | undefined) => (f ? `${f.frames}${f.truncated ? ' (cut at 90 s)' : ''}, ${formatMs(f.totalMs)}` : 'n/a');
  sideRows.push([`fly-through frames drawn, wall time (${tour.length - 1} flights)`, frames(flySite), frames(flyBase), formatRatio(ratio(flySite?.totalMs, flyBase?.totalMs)), '']);
  for (const preset of ['mobile', 'desktop'] as const) {
    const s = lh('site', preset);
    const b = lh('baseline', preset);
    // The median run's score, and every run's in brackets.
    const every = (r: LighthouseRun | undefined) => (r && r.runs.length > 1 ? ` (${r.runs.map((x) => formatScore(x.performance)).join(', ')})` : '');
    sideRows.push([
      `Lighthouse ${preset}: performance (median run of ${LH_RUNS})`,
      `${formatScore(s?.scores.performance)}${every(s)}`,
      `${formatScore(b?.scores.performance)}${every(b)}`,
      formatRatio(ratio(s?.scores.performance ?? undefined, b?.scores.performance ?? undefined)),
      `≥ baseline ${verdictOf(`Lighthouse ${preset} performance`)}`,
    ]);
    for (const [cat, label] of [
      ['accessibility', 'accessibility'],
      ['best-practices', 'best practices'],
      ['seo', 'SEO'],
    ] as const) {
      sideRows.push([`Lighthouse ${preset}: ${label}`, formatScore(s?.scores[cat]), formatScore(b?.scores[cat]), '', `100 ${verdictOf(`Lighthouse ${preset} ${label}`)}`]);
    }
    sideRows.push([`Lighthouse ${preset}: largest contentful paint`, formatMs(s?.metrics.lcp), formatMs(b?.metrics.lcp), formatRatio(ratio(s?.metrics.lcp, b?.metrics.lcp)), '']);
    sideRows.push([
      `Lighthouse ${preset}: total blocking time`,
      formatMs(s?.metrics.tbt),
      formatMs(b?.metrics.tbt),
      formatRatio(ratio(s?.metrics.tbt, b?.metrics.tbt)),
      `≤ 1.5× ${verdictOf(`Lighthouse ${preset} total blocking time`)}`,
    ]);
  }
  for (const c of EXPORT_CASES) {
    for (const kind of ['at-load', 'warm', 'prepared'] as const) {
      const e = exportOf(c.name, kind);
      if (!e) continue;
      const label = {
        'at-load': `right after the first full frame (fresh page; renderer ${e.warm ? 'warm' : 'cold'} when asked)`,
        warm: 'warm: renderer ready, click right after choosing',
        prepared: `open dialog, choices rested (drawn in the background in ${formatMs(exportPrepare[c.name])})`,
      }[kind];
      sideRows.push([`${c.name} export, ${label}`, exportNote(e), '—', '', c.name === 'PNG 3840×2160' && kind === 'at-load' ? `≤ 3 s ${verdictOf(EXPORT_BUDGET)}` : '']);
    }
  }
  if (exportWarmUp)
    sideRows.push([
      'export renderer warm, counted from the first full frame (the page warms it when idle; without that, the dialog when opened)',
      exportWarmUp.note ?? formatMs(exportWarmUp.ms),
      '—',
      '',
      '',
    ]);
  if (!exports.length) sideRows.push(['export', 'n/a (not run)', '—', '', '']);

  const framesCell = (f: FlyResult | undefined) => (f ? `${f.frames}${f.truncated ? ' (cut)' : ''}` : 'n/a');
  const scaleRows: string[][] = [
    ['baseline (base map only)', formatMs(ttff.baseline), formatMs(flyBase?.p50), formatMs(flyBase?.p95), framesCell(flyBase), '1.00×', '1.00×'],
    [
      'site, default layers',
      formatMs(ttff.site),
      formatMs(flySite?.p50),
      formatMs(flySite?.p95),
      framesCell(flySite),
      formatRatio(ratio(flySite?.p50, flyBase?.p50)),
      formatRatio(ratio(flySite?.p95, flyBase?.p95)),
    ],
    ...scale.map((s) =>
      s.error
        ? [`site + ${s.name}`, `error: ${s.error}`, '', '', '', '', '']
        : [
            `site + ${s.name}`,
            `+${formatMs(s.loadMs)}`,
            formatMs(s.fly?.p50),
            formatMs(s.fly?.p95),
            framesCell(s.fly),
            formatRatio(ratio(s.fly?.p50, flyBase?.p50)),
            formatRatio(ratio(s.fly?.p95, flyBase?.p95)),
          ],
    ),
  ];

  const buildRows: string[][] = [
    ['data build (`tsx geo/build.ts --check`)', dataBuild ? `${formatMs(dataBuild.ms)}${dataBuild.ok ? '' : ' (FAILED)'}` : 'skipped'],
    ...Object.entries(build).map(([k, v]) => [`vite build (${k})`, `${formatMs(v.ms)}${v.ok ? '' : ' (FAILED)'}`]),
  ];
  const chunkRows = bundle.site.map((c) => [c.file, formatKB(c.bytes), formatKB(c.gzip)]);
  chunkRows.push(['**all chunks (site)**', formatKB(bundle.site.reduce((a, c) => a + c.bytes, 0)), formatKB(bundle.site.reduce((a, c) => a + c.gzip, 0))]);
  chunkRows.push(['*all chunks (baseline)*', formatKB(bundle.baseline.reduce((a, c) => a + c.bytes, 0)), formatKB(bundle.baseline.reduce((a, c) => a + c.gzip, 0))]);

  // What the scripts served before interactive are made of, package by package (minified bytes, before gzip).
  // The report names files from the build's root (`assets/…`); eagerScripts from assets/.
  const eagerFiles = new Set(eagerScripts.map((e) => `assets/${e.path}`));
  const moduleChunks: ModuleChunk[] = existsSync(BUNDLE_REPORT) ? (JSON.parse(readFileSync(BUNDLE_REPORT, 'utf8')) as ModuleChunk[]) : [];
  const groups = groupModules(moduleChunks, eagerFiles);
  const eagerTotal = groups.reduce((a, g) => a + g.bytes, 0);
  const moduleRows = groups.slice(0, 16).map((g) => [g.group, String(g.modules), formatKB(g.bytes), `${((100 * g.bytes) / (eagerTotal || 1)).toFixed(1)} %`]);
  const rest = groups.slice(16);
  if (rest.length) moduleRows.push([`${rest.length} others`, String(rest.reduce((a, g) => a + g.modules, 0)), formatKB(rest.reduce((a, g) => a + g.bytes, 0)), '']);
  moduleRows.push([`**scripts before interactive** (${[...eagerFiles].join(', ')})`, String(groups.reduce((a, g) => a + g.modules, 0)), formatKB(eagerTotal), '100 %']);

  const sum = summarise(budgets);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Chromium headless, software WebGL (SwiftShader), viewport ${VIEWPORT.width}×${VIEWPORT.height}`;
  const report = [
    `## Performance — ${startedAt.toISOString().slice(0, 10)}`,
    '',
    `Machine: ${machine}. ${RUNS} loads per page; fly-through: ${tourLabel}, ${STEPS} frames per flight (${(tour.length - 1) * STEPS} frames), one camera step per animation frame. 1 KB = 1024 bytes.`,
    '',
    formatTable(['measure', 'site', 'baseline', 'ratio', 'budget'], sideRows),
    '',
    `### Scale (synthetic layers added through the test hook; fly-through of the first ${SCALE_FLIGHTS} flights, at most ${SCALE_CAP_MS / 1000} s)`,
    '',
    formatTable(['page', 'load (first full frame; synthetic: + time to draw them)', 'frame median', 'frame p95', 'frames', 'median / baseline', 'p95 / baseline'], scaleRows),
    '',
    '### Builds and bundle (bench/out/dist-site/assets, gzip -6)',
    '',
    formatTable(['build', 'wall time'], buildRows),
    '',
    formatTable(['chunk', 'raw', 'gzip'], chunkRows),
    '',
    ...(moduleRows.length > 1
      ? ['What the scripts served before interactive are made of (minified, before gzip):', '', formatTable(['package or folder', 'modules', 'bytes', 'share'], moduleRows), '']
      : []),
    '### Budgets',
    '',
    formatTable(
      ['budget', 'rule', 'measured', 'verdict'],
      budgets.map((b) => [b.name, b.rule, b.measured, b.verdict]),
    ),
    '',
    `${sum.pass} PASS, ${sum.miss} MISS, ${sum.na} n/a.${sum.missed.length ? ` Missed: ${sum.missed.join('; ')}.` : ''}`,
  ].join('\n');
  console.log(report);
  if (lighthouse?.some((r) => r.failing.length)) {
    console.log('\nLighthouse audits below 1 (accessibility, best practices, SEO):');
    for (const r of lighthouse) if (r.failing.length) console.log(`- ${r.page} ${r.preset}: ${r.failing.join(', ')}`);
  }
  const largest = (which: 'site' | 'baseline') =>
    (loads[which][0]?.responses ?? [])
      .filter((r) => r.bytes > 10 * KB)
      .sort((a, b) => b.bytes - a.bytes)
      .map((r) => `${r.path} ${formatKB(r.bytes)}`);
  console.log(`\nLargest responses before interactive (site): ${largest('site').join(', ')}`);

  mkdirSync(OUT, { recursive: true });
  const json = {
    date: startedAt.toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim(), webgl: 'SwiftShader (software)', chromium: CHROMIUM_PATH, viewport: VIEWPORT },
    settings: { runs: RUNS, stepsPerFlight: STEPS, cameras: tour, story: story?.file ?? null },
    loads: Object.fromEntries(
      (['site', 'baseline'] as const).map((w) => [
        w,
        {
          ttffMedianMs: ttff[w],
          bytesMedian: Object.fromEntries([...RESOURCE_KINDS, 'total'].map((k) => [k, byKind(w, k as ResourceKind | 'total')])),
          samples: loads[w].map((s) => ({ ttffMs: s.ttffMs, lcpMs: s.lcpMs, blockingMs: s.blockingMs, programs: s.programs, bytes: s.bytes, requests: s.requests })),
          responses: loads[w][0]?.responses.map((r) => ({ path: r.path, bytes: r.bytes })) ?? [],
        },
      ]),
    ),
    flyThrough: fly,
    scale,
    exports,
    lighthouse: lighthouse ?? null,
    dataBuild: dataBuild ?? null,
    builds: build,
    bundle,
    budgets,
    lazy,
    errors,
    benchMs: performance.now() - started,
  };
  writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote bench/out/latest.json; whole bench ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (errors.length) {
    console.error(`\nThe bench itself broke in ${errors.length} place(s):\n  ${errors.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
