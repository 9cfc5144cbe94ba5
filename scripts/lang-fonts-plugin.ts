/**
 * Vite plugin: the page's font in each language, as a stylesheet generated from
 * the locale tables (`import 'virtual:hsr-lang-fonts.css'`, in `src/main.ts`).
 * Built into the page's CSS, so the static first paint has it before any
 * script runs; the panels' shadow roots take the same rules from
 * `src/ui/shared-styles.ts`. Both come from `fontCss` (`src/i18n/i18n.ts`).
 */
import type { Plugin } from 'vite';
import { fontCss } from '../src/i18n/i18n.ts';

const VIRTUAL_ID = 'virtual:hsr-lang-fonts.css';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function langFontsPlugin(): Plugin {
  return {
    name: 'hsr-lang-fonts',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? `/* The page's font in each language (src/i18n/locales). */\n${fontCss('body')}\n` : undefined),
  };
}
