/**
 * Plain text and CSV served as UTF-8. Static servers (sirv, inside Vite's dev
 * and preview servers) send `.txt` as `text/plain` without a charset, and a
 * browser that opens a source document directly then reads its Chinese and
 * curly quotes as Windows-1252. sirv keeps a `Content-Type` set before it runs,
 * so a middleware in front of it names the charset.
 */
import type { Connect, Plugin } from 'vite';

const TEXT = /\.(txt|csv)$/i;

/** Names UTF-8 on `.txt` and `.csv` responses (sirv respects a Content-Type already set). */
export const utf8Text: Connect.NextHandleFunction = (req, res, next) => {
  const path = (req.url ?? '').split(/[?#]/)[0]!;
  if (TEXT.test(path)) res.setHeader('Content-Type', `${path.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain'}; charset=utf-8`);
  next();
};

export function textCharsetPlugin(): Plugin {
  return {
    name: 'text-charset',
    configureServer: (server) => void server.middlewares.use(utf8Text),
    configurePreviewServer: (server) => void server.middlewares.use(utf8Text),
  };
}
