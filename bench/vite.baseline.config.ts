/**
 * Builds the bench's baseline page (`bench/baseline/`) into `bench/dist-baseline/`
 * with the same settings as the site (relative base, es2022). The page loads its
 * base map from `data/basemap/`, which the bench serves from the site's `dist/data/`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./baseline'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('./dist-baseline'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
