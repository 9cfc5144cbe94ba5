/**
 * No traffic that the product did not ask for: Chromium's own net log (every
 * request, host lookup and connection the browser made, its services' included)
 * names no host but the local server's while a visitor uses the site (and while
 * `npm run export` makes images: `export.test.ts`, its `--all` run). The
 * launcher (`scripts/chromium.ts`) is the one the tests, the bench and the CLI share.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { assertCleanPage, netLogHosts, openPage } from './chromium.ts';

const SLOW = 300_000;
const ARTIFACTS = resolve('tests/.artifacts');

afterAll(() => {
  delete process.env.HSR_CHROMIUM_NET_LOG;
});

describe('net log (Chromium, built site)', () => {
  it('names no host but the local server while a visitor opens the map, a feature, the reader and an export', { timeout: SLOW }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'net-log-site.json');
    rmSync(file, { force: true });
    process.env.HSR_CHROMIUM_NET_LOG = file;
    const browser = await launchChromium();
    delete process.env.HSR_CHROMIUM_NET_LOG;
    try {
      // A visitor's browser, service worker and all: the offline copy's requests are in the log too.
      const rec = await openPage(browser, `${inject('baseUrl')}?test#sel=project-23`, { serviceWorker: true });
      const { page } = rec;
      await page.waitForFunction(() => window.__hsrMap?.status === 'ready' && window.__hsrMap.deckLayerIds().length > 0, undefined, { timeout: 90_000 });
      await page
        .locator('hsr-detail')
        .getByRole('button', { name: /Read in the source document/ })
        .first()
        .click();
      await page.locator('hsr-reader mark.active').first().waitFor({ timeout: 30_000 });
      const r = await page.evaluate(() => window.__hsrExport!({ width: 640, height: 360, qr: false }));
      if ('error' in r) throw new Error(r.error);
      await assertCleanPage(rec);
      await rec.close();
    } finally {
      // The net log is complete once the browser has closed.
      await browser.close();
    }
    expect(netLogHosts(file)).toEqual(['127.0.0.1']);
  });
});
