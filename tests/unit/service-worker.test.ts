/**
 * The offline service worker, in Node: the precache plugin writes `sw.js` for
 * a small fixture build, the list it writes is exactly the files of that
 * build, and the generated worker — run in a sandbox with in-memory caches,
 * network and tabs — answers navigations with the app shell or the file itself,
 * never takes over tabs by itself, and keeps the old build's files while
 * another tab may still use them.
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeServiceWorker } from '../../scripts/precache-plugin.ts';

const SOURCE = 'src/sw.ts';
const SCOPE = 'https://booth.example/hsr/';

let dir: string;

function write(rel: string, body: string) {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), body);
}

/** The fixture build's files, listed here independently of the plugin. */
function filesOnDisk(): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
    .sort();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsr-sw-'));
  write('index.html', '<!doctype html><title>shell</title>');
  write('assets/index-1.js', 'app v1');
  write('assets/index-1.js.map', '{}');
  write('assets/presenter-1.js', 'presenter v1');
  write('data/documents/plan.en.txt', 'the plan, plain text');
  write('data/records.csv', 'id,name');
  write('data/basemap/countries.geojson', '{"type":"FeatureCollection","features":[]}');
  write('sw.js', '// a stale worker from an earlier build');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the precache plugin', () => {
  it('lists exactly the files of the build (not the worker, not source maps)', async () => {
    const { files } = await writeServiceWorker(dir, SOURCE);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const written = JSON.parse(/const __PRECACHE__ = (\[.*\]);/.exec(sw)![1]!) as string[];
    expect(written).toEqual(filesOnDisk());
    expect(files).toEqual(written);
    expect(written).toContain('data/documents/plan.en.txt');
  });

  it('names a new cache when any file changes', async () => {
    const a = await writeServiceWorker(dir, SOURCE);
    write('data/records.csv', 'id,name\nx,y');
    const b = await writeServiceWorker(dir, SOURCE);
    expect(b.hash).not.toBe(a.hash);
    expect(readFileSync(join(dir, 'sw.js'), 'utf8')).toContain(JSON.stringify(b.hash));
  });

  it('refuses a worker source that does not use its placeholders (a mention in a comment is not use)', async () => {
    const bad = join(dir, 'bad-sw.ts');
    writeFileSync(bad, '/** replaces __PRECACHE__ and __CONTENT_HASH__ */\nconst files: string[] = [];\nexport {};\n');
    await expect(writeServiceWorker(dir, bad)).rejects.toThrow(/does not use the __PRECACHE__ placeholder/);
    writeFileSync(bad, 'declare const __PRECACHE__: string[];\nconst files = __PRECACHE__;\nexport {};\n');
    await expect(writeServiceWorker(dir, bad)).rejects.toThrow(/does not use the __CONTENT_HASH__ placeholder/);
  });

  it('writes a classic script that parses (no module syntax, no duplicate declarations)', async () => {
    await writeServiceWorker(dir, SOURCE);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(sw).not.toMatch(/^\s*(export|import)\b/m);
    // Parsing the worker as a classic script is the point here; it is not run.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    expect(() => new Function(sw)).not.toThrow();
  });
});

interface Body {
  url: string;
  body: string;
  ok: boolean;
  clone(): Body;
}

const response = (url: string, body: string): Body => ({ url, body, ok: true, clone: () => response(url, body) });

/** Caches, network and tabs shared by the workers of successive builds, as a browser keeps them. */
class Browser {
  stores = new Map<string, Map<string, Body>>();
  /** What the server has now; `online = false` makes every fetch fail. */
  server = new Map<string, string>();
  online = true;
  tabs: { id: string; messages: unknown[] }[] = [];
  /** Every URL fetched from the server. */
  fetched: string[] = [];

  fetch = async (req: { url: string } | string): Promise<Body> => {
    const url = typeof req === 'string' ? req : req.url;
    const body = this.online ? this.server.get(url) : undefined;
    if (body === undefined) throw new TypeError(`network: ${url}`);
    this.fetched.push(url);
    return response(url, body);
  };

  caches = {
    open: async (name: string) => {
      if (!this.stores.has(name)) this.stores.set(name, new Map());
      const m = this.stores.get(name)!;
      return {
        addAll: async (reqs: { url: string }[]) => {
          for (const r of reqs) m.set(r.url, await this.fetch(r));
        },
        match: async (u: string) => m.get(u),
        put: async (u: string, res: Body) => void m.set(u, res),
        keys: async () => [...m.keys()].map((url) => ({ url })),
      };
    },
    keys: async () => [...this.stores.keys()],
    delete: async (name: string) => this.stores.delete(name),
    match: async (u: string, o?: { cacheName?: string }) => (o?.cacheName ? this.stores.get(o.cacheName)?.get(u) : [...this.stores.values()].find((m) => m.has(u))?.get(u)),
  };

  /** Puts the fixture build on the server. */
  deploy() {
    this.server.clear();
    for (const f of filesOnDisk()) this.server.set(new URL(f, SCOPE).href, readFileSync(join(dir, f), 'utf8'));
  }
}

/** One generated `sw.js`, started in a sandbox. */
class Worker {
  private handlers: Record<string, (e: unknown) => void> = {};
  skippedWaiting = false;

  constructor(browser: Browser, code: string) {
    const self = {
      location: { href: `${SCOPE}sw.js` },
      addEventListener: (type: string, f: (e: unknown) => void) => (this.handlers[type] = f),
      skipWaiting: async () => {
        this.skippedWaiting = true;
      },
      clients: {
        claim: async () => undefined,
        matchAll: async () => browser.tabs.map((t) => ({ id: t.id, postMessage: (m: unknown) => t.messages.push(m) })),
      },
    };
    class Request {
      url: string;
      constructor(u: string) {
        this.url = String(u);
      }
    }
    runInNewContext(code, { self, caches: browser.caches, fetch: browser.fetch, Request, URL, console });
  }

  private async extendable(type: string, extra: object = {}) {
    const pending: Promise<unknown>[] = [];
    this.handlers[type]!({ waitUntil: (p: Promise<unknown>) => pending.push(p), ...extra });
    await Promise.all(pending);
  }

  install = () => this.extendable('install');
  activate = () => this.extendable('activate');
  message = (data: unknown, from?: { id: string; messages: unknown[] }) => this.extendable('message', { data, source: from ? { postMessage: (m: unknown) => from.messages.push(m) } : null });

  /** The body the worker answers with, or 'passthrough' when it leaves the request to the browser. */
  async fetch(path: string, mode: 'navigate' | 'no-cors' | 'cors' = 'cors'): Promise<string> {
    let answer: Promise<Body> | undefined;
    const pending: Promise<unknown>[] = [];
    this.handlers.fetch!({ request: { url: new URL(path, SCOPE).href, method: 'GET', mode }, respondWith: (p: Promise<Body>) => (answer = p), waitUntil: (p: Promise<unknown>) => pending.push(p) });
    const body = answer ? (await answer).body : 'passthrough';
    await Promise.all(pending);
    return body;
  }
}

async function build(browser: Browser): Promise<Worker> {
  await writeServiceWorker(dir, SOURCE);
  browser.deploy();
  return new Worker(browser, readFileSync(join(dir, 'sw.js'), 'utf8'));
}

describe('the service worker', () => {
  it('answers navigations to the site with the app shell, and navigations to a file with that file', async () => {
    const browser = new Browser();
    const sw = await build(browser);
    await sw.install();
    await sw.activate();
    browser.online = false;
    for (const page of ['./', './?test', './index.html', './index.html?export#story=x', './some/route']) expect(await sw.fetch(page, 'navigate'), page).toContain('<title>shell</title>');
    // The reader's "raw document" link opens the document, not the app.
    expect(await sw.fetch('./data/documents/plan.en.txt', 'navigate')).toBe('the plan, plain text');
    expect(await sw.fetch('./data/records.csv', 'navigate')).toBe('id,name');
    expect(await sw.fetch('./data/basemap/countries.geojson', 'navigate')).toContain('FeatureCollection');
    // Files of the build from the cache (the query ignored), other origins left to the browser.
    expect(await sw.fetch('./assets/index-1.js?v=2')).toBe('app v1');
    expect(await sw.fetch('https://tiles.example.org/style.json')).toBe('passthrough');
    // A file that is not in the build goes to the network, which is down.
    await expect(sw.fetch('./data/documents/missing.en.txt', 'navigate')).rejects.toThrow(/network/);
  });

  it('reports whether every file is stored, and fetches what went missing when a page starts with a network', async () => {
    const browser = new Browser();
    const sw = await build(browser);
    await sw.install();
    await sw.activate();
    const tab = { id: 'a', messages: [] as unknown[] };
    browser.tabs = [tab];
    await sw.message({ type: 'hsr-offline-status' }, tab);
    expect(tab.messages.at(-1)).toMatchObject({ type: 'hsr-offline', ready: true });
    const cache = browser.stores.values().next().value!;
    const lost = ['index.html', 'data/records.csv'].map((f) => new URL(f, SCOPE).href);
    for (const u of lost) cache.delete(u);

    // Offline: nothing to repair with, so not ready.
    browser.online = false;
    await sw.message({ type: 'hsr-offline-status' }, tab);
    expect(tab.messages.at(-1)).toMatchObject({ type: 'hsr-offline', ready: false });

    // Back online, the next page start puts exactly the missing files back.
    browser.online = true;
    browser.fetched = [];
    await sw.message({ type: 'hsr-offline-status' }, tab);
    expect(tab.messages.at(-1)).toMatchObject({ type: 'hsr-offline', ready: true });
    expect(browser.fetched.sort()).toEqual(lost.sort());
    browser.online = false;
    expect(await sw.fetch('./', 'navigate')).toContain('<title>shell</title>');
  });

  it('puts back a file found missing while serving it with the network up', async () => {
    const browser = new Browser();
    const sw = await build(browser);
    await sw.install();
    await sw.activate();
    const u = new URL('assets/presenter-1.js', SCOPE).href;
    browser.stores.values().next().value!.delete(u);
    expect(await sw.fetch('./assets/presenter-1.js')).toBe('presenter v1');
    browser.online = false;
    expect(await sw.fetch('./assets/presenter-1.js')).toBe('presenter v1');
  });

  it('updates only when asked, and keeps the old build for tabs that may still run it', async () => {
    const browser = new Browser();
    const v1 = await build(browser);
    await v1.install();
    await v1.activate();
    const [oldCache] = browser.stores.keys();

    // A new build whose lazy chunk has another name: the old one is gone from the server.
    rmSync(join(dir, 'assets/presenter-1.js'));
    write('assets/presenter-2.js', 'presenter v2');
    const v2 = await build(browser);
    await v2.install();
    expect(v2.skippedWaiting).toBe(false);
    expect([...browser.stores.keys()]).toHaveLength(2);

    // Two tabs open; one asks for the update.
    const tabs = [
      { id: 'a', messages: [] as unknown[] },
      { id: 'b', messages: [] as unknown[] },
    ];
    browser.tabs = tabs;
    await v2.message({ type: 'hsr-update' }, tabs[0]);
    expect(v2.skippedWaiting).toBe(true);
    await v2.activate();
    // Tab b still runs the old build: its chunk comes from the old cache (the server no longer has it).
    expect([...browser.stores.keys()]).toContain(oldCache);
    expect(await v2.fetch('./assets/presenter-1.js')).toBe('presenter v1');
    expect(await v2.fetch('./assets/presenter-2.js')).toBe('presenter v2');
    // A tab that loads the new build while b is open does not prune either…
    await v2.message({ type: 'hsr-offline-status' }, tabs[0]);
    expect([...browser.stores.keys()]).toContain(oldCache);
    // …but once it is the only tab, the old cache goes.
    browser.tabs = [tabs[0]!];
    await v2.message({ type: 'hsr-offline-status' }, tabs[0]);
    expect([...browser.stores.keys()]).toHaveLength(1);
    expect([...browser.stores.keys()]).not.toContain(oldCache);
  });

  it('deletes old caches when it activates on its own (no tab was left on the old build)', async () => {
    const browser = new Browser();
    const v1 = await build(browser);
    await v1.install();
    await v1.activate();
    write('assets/index-1.js', 'app v1, patched');
    const v2 = await build(browser);
    await v2.install();
    // The browser activates a waiting worker by itself only once no tab uses the old one.
    browser.tabs = [{ id: 'fresh', messages: [] }];
    await v2.activate();
    expect([...browser.stores.keys()]).toHaveLength(1);
    expect(browser.tabs[0]!.messages.at(-1)).toMatchObject({ type: 'hsr-offline', ready: true });
  });
});
