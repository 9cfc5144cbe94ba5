/**
 * Pages for the browser tests: a fresh context per page that records every
 * request, console message, page error and CSP violation from the first byte.
 * Chromium itself is launched once for the whole suite by the global setup
 * (`scripts/chromium.ts`, shared with the export CLI and the bench); each test
 * file connects to it with `sharedBrowser()`.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { inject } from 'vitest';
import { connectChromium } from '../../scripts/chromium.ts';

/** The suite's one Chromium (closing the result only disconnects this file). */
export function sharedBrowser(): Promise<Browser> {
  return connectChromium(inject('browserWsEndpoint'));
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
}

export interface RecordedConsole {
  type: string;
  text: string;
  location: string;
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
}

export interface PageRecording {
  page: Page;
  context: BrowserContext;
  /** The page's origin, e.g. `http://127.0.0.1:4173`. */
  origin: string;
  requests: RecordedRequest[];
  console: RecordedConsole[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** `securitypolicyviolation` events seen by the document so far. */
  cspViolations(): Promise<CspViolation[]>;
  close(): Promise<void>;
}

export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  locale?: string;
  /** A touch screen (taps, `pointer: coarse`), as on a phone. */
  hasTouch?: boolean;
  /** Scripts run before any of the page's own (e.g. to break WebGL). */
  initScripts?: string[];
  /**
   * A desktop with memory to spare, which warms the export renderer by itself once
   * idle (`app/export-warmup.ts`). Default false: the device says it has 2 GB, so
   * a test that is not about exports does not pay for a second map in software WebGL.
   */
  warmsExport?: boolean;
  /**
   * Lets the site register its service worker, which then stores the whole site
   * (both worldviews, every font, the documents) alongside the test. Default false:
   * a browser that keeps no offline copy, so every request goes to the network,
   * where a test can route it, and a test that is not about offline use does not
   * pay for storing the site (about 2.4 s more to the map's idle per page on two
   * cores). The tests of offline use, the cache's repair and the net log say true.
   */
  serviceWorker?: boolean;
  /** Navigation `waitUntil`; default `load`. */
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle';
  /** Called with the page before it navigates: to route requests (a missing or broken file). */
  beforeGoto?: (page: Page) => Promise<unknown>;
}

/** Collects CSP violations from the start of the document (an init script is not subject to the page's CSP). */
const CSP_RECORDER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile });
  });
`;

/** A device that says it has 2 GB (`navigator.deviceMemory`): the page warms no export renderer on its own. */
const SHORT_OF_MEMORY = `Object.defineProperty(Navigator.prototype, 'deviceMemory', { configurable: true, get: () => 2 });`;

/**
 * Opens `url` in a fresh context, recording every request, console message, page
 * error and CSP violation from the first byte.
 */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<PageRecording> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: options.locale ?? 'en-US',
    hasTouch: options.hasTouch ?? false,
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
  // Generous: two cores rendering WebGL in software can be slow to load a page when busy.
  context.setDefaultNavigationTimeout(90_000);
  const page = await context.newPage();
  const requests: RecordedRequest[] = [];
  const consoleMessages: RecordedConsole[] = [];
  const pageErrors: string[] = [];
  // Requests from workers (MapLibre fetches in its worker) go through the context.
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() }));
  page.on('console', (m: ConsoleMessage) => {
    const loc = m.location();
    consoleMessages.push({ type: m.type(), text: m.text(), location: loc.url ? `${loc.url}:${loc.lineNumber}` : '' });
  });
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  await page.addInitScript(CSP_RECORDER);
  if (!options.warmsExport) await page.addInitScript(SHORT_OF_MEMORY);
  for (const s of options.initScripts ?? []) await page.addInitScript(s);
  await options.beforeGoto?.(page);
  await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
  return {
    page,
    context,
    origin: new URL(url).origin,
    requests,
    console: consoleMessages,
    pageErrors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: CspViolation[] }).__cspViolations),
    close: () => context.close(),
  };
}

/** Requests that leave the page's origin (`data:` and `blob:` URLs are local and not counted). */
export function externalRequests(rec: Pick<PageRecording, 'requests' | 'origin'>): RecordedRequest[] {
  return rec.requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    return u.origin !== rec.origin;
  });
}

/** Console errors (including the browser's own, e.g. "Refused to load … because it violates … CSP"). */
export function consoleErrors(rec: Pick<PageRecording, 'console'>): RecordedConsole[] {
  return rec.console.filter((m) => m.type === 'error');
}

/**
 * Throws, listing everything found, when the page made a request outside its
 * origin, logged a console error, threw, or violated its CSP.
 */
export async function assertCleanPage(rec: PageRecording): Promise<void> {
  const problems: string[] = [];
  for (const r of externalRequests(rec)) problems.push(`request outside the origin: ${r.method} ${r.url} (${r.resourceType})`);
  for (const m of consoleErrors(rec)) problems.push(`console error: ${m.text}${m.location ? ` at ${m.location}` : ''}`);
  for (const e of rec.pageErrors) problems.push(`page error: ${e}`);
  for (const v of await rec.cspViolations()) problems.push(`CSP violation: ${v.directive} blocked ${v.blockedURI || '(inline)'} in ${v.sourceFile}`);
  if (problems.length) throw new Error(`the page is not clean:\n  ${problems.join('\n  ')}`);
}

/**
 * Every host in a Chromium net log (`HSR_CHROMIUM_NET_LOG`, `scripts/chromium.ts`):
 * of the requests' URLs, the host lookups and the connections' destinations,
 * Chromium's own services' included.
 */
export function netLogHosts(file: string): string[] {
  const log = JSON.parse(readFileSync(file, 'utf8')) as { events: { params?: Record<string, unknown> }[] };
  const hosts = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string' || v === '') return;
    try {
      hosts.add(new URL(v.includes('://') ? v : `http://${v}`).hostname);
    } catch {
      hosts.add(v);
    }
  };
  for (const e of log.events) {
    const p = e.params ?? {};
    for (const key of ['url', 'host', 'destination', 'logical_destination', 'origin']) add(p[key]);
  }
  return [...hosts].sort();
}
