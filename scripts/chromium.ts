/**
 * Debian's Chromium through playwright-core (no bundled browser: the system
 * Chromium at /usr/bin/chromium, or CHROMIUM_PATH), for the export CLI, the
 * bench and the browser tests.
 *
 * WebGL 2 in headless Chromium without a GPU comes from SwiftShader through ANGLE:
 * `--use-angle=swiftshader` selects it and, since Chromium 137, software WebGL is
 * only allowed with `--enable-unsafe-swiftshader`.
 *
 * Offline, and provably so: Chromium talks to Google by itself (component and
 * variations updates, autofill, sign-in, safe browsing, translate, domain
 * reliability…). The flags below switch those services off, and the host
 * resolver then answers "not found" for every name but the local server's, so
 * whatever a future Chromium adds cannot leave the machine either: the tests,
 * the bench, `npm run posters` and `npm run export` reach 127.0.0.1 and nothing
 * else. `HSR_CHROMIUM_NET_LOG=<file>` writes Chromium's net log, which the
 * browser tests read to prove it (`tests/browser/net-log.test.ts`).
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
  '--disable-client-side-phishing-detection',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-field-trial-config',
  '--no-pings',
  '--no-service-autorun',
  '--password-store=basic',
  '--use-mock-keychain',
  '--metrics-recording-only',
  // What the flags above do not stop (extension updates, autofill, Google account lookups) is pointed at a closed local port.
  '--apps-gallery-update-url=http://127.0.0.1:9/',
  '--autofill-server-url=http://127.0.0.1:9/',
  '--gaia-url=http://127.0.0.1:9/',
  '--google-apis-url=http://127.0.0.1:9/',
  '--component-updater=url-source=http://127.0.0.1:9/',
  // Every host name but the local server's resolves to nothing (IP literals are not names: 127.0.0.1 still works).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  // Playwright asks for GPU rasterization, which the ignored blocklist lets through. The page itself (text,
  // panels, the poster) is rasterized on the CPU instead, as Chrome does where the only GPU
  // is software: through SwiftShader it costs more (about 11 % of a page's time to an idle map, two cores).
  // WebGL still draws through SwiftShader.
  '--disable-gpu-rasterization',
] as const;

/** The flags of a launch: the shared ones, the caller's, and the net log when asked for. */
function launchArgs(extraArgs: readonly string[] = []): string[] {
  const netLog = process.env.HSR_CHROMIUM_NET_LOG;
  return [...CHROMIUM_ARGS, ...extraArgs, ...(netLog ? [`--log-net-log=${netLog}`, '--net-log-capture-mode=Default'] : [])];
}

function checkExecutable(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.`);
  }
}

/** Launches Chromium; throws (tests fail, they never skip) when the executable is missing. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  checkExecutable();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: launchArgs(extraArgs) });
}

/**
 * Launches one Chromium that several clients share over its WebSocket endpoint
 * (`connectChromium`): the browser tests start it once for every test file.
 */
export async function launchChromiumServer(): Promise<BrowserServer> {
  checkExecutable();
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: launchArgs() });
}

/** Connects to a Chromium started by `launchChromiumServer`; closing the result disconnects, the browser keeps running. */
export function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
