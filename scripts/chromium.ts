/**
 * Debian's Chromium through playwright-core (no bundled browser: the system
 * Chromium at /usr/bin/chromium, or CHROMIUM_PATH), for the export CLI, the
 * bench and the browser tests.
 *
 * WebGL 2 in headless Chromium without a GPU comes from SwiftShader through ANGLE:
 * `--use-angle=swiftshader` selects it and, since Chromium 137, software WebGL is
 * only allowed with `--enable-unsafe-swiftshader`. The other flags keep the
 * browser from talking to Google services, so any request seen comes from the page.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
] as const;

function checkExecutable(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.`);
  }
}

/** Launches Chromium; throws (tests fail, they never skip) when the executable is missing. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  checkExecutable();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Launches one Chromium that several clients share over its WebSocket endpoint
 * (`connectChromium`): the browser tests start it once for every test file.
 */
export async function launchChromiumServer(): Promise<BrowserServer> {
  checkExecutable();
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/** Connects to a Chromium started by `launchChromiumServer`; closing the result disconnects, the browser keeps running. */
export function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
