/**
 * Serves a build of the site on 127.0.0.1 for the export CLI and the browser
 * tests: Vite's own preview server (sirv with gzip), the same one `npm run
 * preview` starts, with text served as UTF-8 (`text-charset-plugin.ts`).
 * `appType: 'mpa'`: a missing file is a 404, not `index.html`, as on a static host.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { textCharsetPlugin } from './text-charset-plugin.ts';

export interface DistServer {
  /** Where the site is, with a trailing slash: `http://127.0.0.1:<port><base>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dist` at `base` (a path prefix such as `/nested/site/`, as a host
 * serving the site from a sub-path would) on a free port.
 */
export async function serveDist(dist: string, base = '/'): Promise<DistServer> {
  const server = await preview({
    configFile: false,
    plugins: [textCharsetPlugin()],
    base,
    appType: 'mpa',
    logLevel: 'silent',
    build: { outDir: resolve(dist) },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${base}`, close: () => server.close() };
}
