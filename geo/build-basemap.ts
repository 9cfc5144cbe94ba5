/**
 * Writes the base map to `public/data/basemap/*.geojson` and prints each file's
 * size (raw and gzip) on stderr.
 *
 *   npx tsx geo/build-basemap.ts [outDir]
 *
 * The data build (`geo/build.ts`) produces the same files through `basemapFiles()`.
 */
import { writeBasemap } from './basemap.ts';

const outDir = process.argv[2] ?? 'public/data/basemap';
const started = performance.now();
const written = writeBasemap(outDir);
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} kB`;
for (const w of written) console.error(`${w.file.padEnd(28)} ${kb(w.bytes)}  gzip ${kb(w.gzipBytes)}`);
const raw = written.reduce((s, w) => s + w.bytes, 0);
const gz = written.reduce((s, w) => s + w.gzipBytes, 0);
console.error(`${'total'.padEnd(28)} ${kb(raw)}  gzip ${kb(gz)}  (${Math.round(performance.now() - started)} ms)`);
