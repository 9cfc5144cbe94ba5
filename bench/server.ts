/**
 * The bench's static server: like `tests/browser/static-server.ts` (GET/HEAD,
 * gzip for text, nothing outside the root, 127.0.0.1 only) but it gzips each file
 * once into memory — so compression does not compete with the browser for the
 * two cores — and it logs every response: path, bytes sent (gzip body) and when.
 * "Bytes before interactive" are read from this log, the same way for the site
 * and for the baseline. Extra mounts serve another directory under a path prefix
 * (the baseline page gets the site's `data/basemap/` files that way).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|manifest\+json|javascript)|image\/svg)/;

export interface ServedResponse {
  /** URL path as requested (without the query). */
  path: string;
  status: number;
  /** Body bytes on the wire (gzip-encoded when gzip was used). */
  bytes: number;
  /** `performance.now()` in the bench process when the response was written. */
  at: number;
}

export interface BenchServer {
  url: string;
  /** Every response since the last `clear()`. */
  log: ServedResponse[];
  clear(): void;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** Path prefix → directory, e.g. `{ '/data/': 'dist/data' }`. Checked before the root. */
  mounts?: Record<string, string>;
}

interface Entry {
  type: string;
  raw: Buffer;
  gz?: Buffer;
}

export async function startBenchServer(root: string, options: BenchServerOptions = {}): Promise<BenchServer> {
  const mounts = Object.entries(options.mounts ?? {}).map(([prefix, dir]) => [prefix, resolve(dir)] as const);
  const cache = new Map<string, Entry | null>();
  const log: ServedResponse[] = [];

  function locate(pathname: string): string | undefined {
    let base = resolve(root);
    let rest = pathname;
    for (const [prefix, dir] of mounts) {
      if (pathname.startsWith(prefix)) {
        base = dir;
        rest = `/${pathname.slice(prefix.length)}`;
        break;
      }
    }
    let file = normalize(join(base, rest));
    if (file !== base && !file.startsWith(base + sep)) return undefined;
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }

  function load(file: string): Entry {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const raw = readFileSync(file);
    return { type, raw, gz: COMPRESSIBLE.test(type) ? gzipSync(raw) : undefined };
  }

  const server: Server = createServer((req, res) => {
    const done = (status: number, bytes: number, path: string) => log.push({ path, status, bytes, at: performance.now() });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let entry = cache.get(pathname);
    if (entry === undefined) {
      const file = locate(pathname);
      entry = file ? load(file) : null;
      cache.set(pathname, entry);
    }
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      done(404, 9, pathname);
      return;
    }
    const useGzip = !!entry.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = useGzip ? entry.gz! : entry.raw;
    res.writeHead(200, {
      'content-type': entry.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(useGzip ? { 'content-encoding': 'gzip' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    res.end(body, () => done(200, body.length, pathname));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    clear: () => void log.splice(0),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
