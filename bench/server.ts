/**
 * The bench's static server: sirv (the server inside Vite's preview) over a
 * build whose text files are gzipped once beforehand, so compression does not
 * compete with the browser for the two cores; 127.0.0.1 only. It logs every
 * response — path, bytes on the wire (the gzip body when gzip was used) and
 * when — and "bytes before interactive" are read from this log, the same way
 * for the site and for the baseline.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { listFiles } from '../geo/write-output.ts';
import { utf8Text } from '../scripts/text-charset-plugin.ts';

/** What browsers are sent gzipped (static hosts compress these too). */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|geojson|csv|txt|svg|webmanifest)$/;

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

/** Writes `<file>.gz` beside every compressible file of `root` (sirv serves it to clients that accept gzip). */
function precompress(root: string): void {
  for (const f of listFiles(root)) if (COMPRESSIBLE.test(f)) writeFileSync(join(root, `${f}.gz`), gzipSync(readFileSync(join(root, f))));
}

export async function startBenchServer(root: string): Promise<BenchServer> {
  precompress(root);
  const serve = sirv(root, { gzip: true, etag: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') });
  const handle = (req: IncomingMessage, res: ServerResponse) =>
    utf8Text(req, res, () => serve(req, res, () => void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 9 }).end('not found')));
  const log: ServedResponse[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.on('finish', () => log.push({ path, status: res.statusCode, bytes: Number(res.getHeader('content-length') ?? 0), at: performance.now() }));
    handle(req, res);
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
