/**
 * Builds the bench's baseline page (`bench/baseline/`) into `bench/dist-baseline/`
 * with the same settings as the site (relative base, es2022) and the same public
 * files: the page loads its base map from `data/basemap/`, as the site does.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./baseline'),
  base: './',
  publicDir: here('../public'),
  logLevel: 'warn',
  build: {
    outDir: here('./dist-baseline'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
