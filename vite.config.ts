import { defineConfig } from 'vitest/config';
import { precachePlugin } from './scripts/precache-plugin.ts';
import { exportFontsPlugin } from './scripts/export-fonts-plugin.ts';
import { onlineStyleCsp, styleOrigins } from './src/map/online-style.ts';
import { storyProblems } from './scripts/story-check.ts';
import { textCharsetPlugin } from './scripts/text-charset-plugin.ts';
import { bundleReportPlugin } from './scripts/bundle-report-plugin.ts';
import { posterPlugin } from './scripts/poster-plugin.ts';
import { langFontsPlugin } from './scripts/lang-fonts-plugin.ts';
import { deckTrimPlugin } from './scripts/deck-trim-plugin.ts';
import { lumaWaitsPlugin } from './scripts/luma-waits-plugin.ts';

export default defineConfig({
  // Relative base: the built site works from any sub-path of a static host.
  base: './',
  plugins: [
    {
      // Vite's dev server injects CSS as inline <style> tags, which the page's CSP refuses.
      // Relax style-src for `npm run dev` only; the built site keeps the strict policy.
      name: 'dev-csp',
      apply: 'serve',
      transformIndexHtml: (html: string) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    },
    {
      // Stories are data: a chapter with a bad layer, a missing feature or a quote not in its document fails the build.
      name: 'validate-stories',
      apply: 'build',
      buildStart() {
        const problems = storyProblems(import.meta.dirname);
        if (problems.length) this.error(`invalid stories:\n  ${problems.join('\n  ')}`);
      },
    },
    {
      // The opt-in online base map (README, "Online base map"): its origins join the CSP; none by default.
      name: 'online-style-csp',
      transformIndexHtml: (html: string) =>
        html.replace(
          /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)/,
          (_, head: string, csp: string) => head + onlineStyleCsp(csp, styleOrigins(process.env.VITE_ONLINE_STYLE_URL, process.env.VITE_ONLINE_STYLE_ORIGINS)),
        ),
    },
    // The export font: Noto Sans SC cut down to the characters the site uses (`virtual:hsr-export-fonts`).
    exportFontsPlugin({ root: import.meta.dirname }),
    // The page's font in each language, from the locale tables (`virtual:hsr-lang-fonts.css`).
    langFontsPlugin(),
    // Source documents and CSVs opened directly read as UTF-8 in `npm run dev` and `npm run preview`.
    textCharsetPlugin(),
    // The poster of the default view in the first paint (pictures drawn by `npm run posters`).
    posterPlugin(),
    // The offline service worker: dist/sw.js, precaching every file of the build.
    precachePlugin({ source: 'src/sw.ts' }),
    // deck.gl code the map never runs left out: WebGPU's attribute packing and WGSL shaders, the TextLayer.
    deckTrimPlugin(),
    // luma.gl without two GPU round trips the map does not need (a program's layout read again at its first draw, validateProgram).
    lumaWaitsPlugin(),
    // The bench's module-by-module account of the chunks (only with HSR_BUNDLE_REPORT=<file>).
    bundleReportPlugin(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          // A safety net, not a budget: building the fixture seeds takes seconds, more on a busy 2-core machine.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          // One Chromium at a time on a 2-core machine; the suite builds and serves dist/ once.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          globalSetup: ['tests/browser/global-setup.ts'],
        },
      },
    ],
  },
});
