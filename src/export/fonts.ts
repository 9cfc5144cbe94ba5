/**
 * Self-hosted Noto Sans SC for exports, so an image looks the same on every
 * machine: a subset covering the characters the site uses, in unicode-range
 * slices (`virtual:hsr-export-fonts`, made by scripts/export-fonts-plugin.ts).
 * Vite emits the files as assets of this lazy chunk (never of the main bundle);
 * only the slices covering the characters an export draws are fetched
 * (`font-src 'self'`), through `FontFace`, before any text is drawn. The faces
 * are registered under a family name of our own so the live page's font stacks
 * are untouched. A character outside the subset (typed into a title) falls back
 * to the site's CJK-aware font stack, and `missingChars` names it so the dialog
 * and the CLI can warn that it depends on the fonts of the machine.
 */
import { EXPORT_FACES } from 'virtual:hsr-export-fonts';
import { field, fontStack } from '../i18n/i18n.ts';
import { LANGS } from '../data/vocabulary.ts';
import type { Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { basemapFiles } from '../data/data-files.ts';

/** The family exports draw with (canvas text and the export map's labels). */
export const EXPORT_FONT_FAMILY = 'HSR Export Noto Sans SC';

interface Face {
  weight: 400 | 700;
  url: string;
  unicodeRange: string;
  ranges: [number, number][];
}

/** `U+4e00-4e2d,U+4e5d` → [[0x4e00, 0x4e2d], [0x4e5d, 0x4e5d]]. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((r): [number, number] => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}

let faces: Face[] | undefined;
const loaded = new Map<string, Promise<void>>();

function allFaces(): Face[] {
  return (faces ??= EXPORT_FACES.map((f) => ({ ...f, ranges: parseUnicodeRange(f.unicodeRange) })));
}

const covers = (f: Face, c: number) => f.ranges.some(([a, b]) => c >= a && c <= b);

/**
 * The distinct characters of `text` that the shipped font does not have (in
 * order of first appearance; white space and control characters, which draw
 * nothing, are not counted).
 */
export function missingChars(text: string): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    if (/[\s\p{Cc}\p{Cf}]/u.test(ch)) continue;
    const c = ch.codePointAt(0)!;
    if (!allFaces().some((f) => covers(f, c))) out.add(ch);
  }
  return [...out];
}

/**
 * Loads the export font's files (both weights) covering every character of
 * `text`. Resolves when the faces are in `document.fonts`; files that fail to
 * load are reported and skipped (the text then falls back to system fonts).
 */
export async function loadExportFonts(text: string): Promise<{ files: number; failed: string[] }> {
  const codes = new Set<number>();
  for (const ch of text) codes.add(ch.codePointAt(0)!);
  const needed = allFaces().filter((f) => [...codes].some((c) => covers(f, c)));
  const failed: string[] = [];
  await Promise.all(
    needed.map((f) => {
      let p = loaded.get(f.url);
      if (!p) {
        p = new FontFace(EXPORT_FONT_FAMILY, `url(${f.url}) format('woff2')`, { weight: String(f.weight), unicodeRange: f.unicodeRange }).load().then((face) => void document.fonts.add(face));
        loaded.set(f.url, p);
        p.catch(() => loaded.delete(f.url));
      }
      return p.catch((e: unknown) => {
        failed.push(f.url);
        console.warn('export font not loaded:', f.url, e);
      });
    }),
  );
  return { files: needed.length, failed };
}

const labelTexts = new Map<string, Promise<Record<Lang, string>>>();
/** Every character of the base map's labels in each language, in the data's worldview (to load their font files). */
export function basemapLabelText(data: Pick<Dataset, 'manifest' | 'worldview'>): Promise<Record<Lang, string>> {
  const url = basemapFiles(data.manifest, data.worldview, new URL('data/', document.baseURI))('labels');
  const none = () => Object.fromEntries(LANGS.map((l) => [l, ''])) as Record<Lang, string>;
  if (!url) return Promise.resolve(none());
  let text = labelTexts.get(url);
  if (!text) {
    text = fetch(url)
      .then((r) => r.json() as Promise<{ features: { properties: Record<string, unknown> }[] }>)
      .then((fc) => Object.fromEntries(LANGS.map((l) => [l, fc.features.map((f) => field(l, f.properties, 'name')).join('')])) as Record<Lang, string>)
      .catch(none);
    labelTexts.set(url, text);
  }
  return text;
}

/** A CSS font shorthand in the export family, then the site's stack for the language (characters the subset lacks). */
export function exportFont(px: number, weight: 400 | 700 = 400, lang: Lang = 'en'): string {
  return `${weight} ${px.toFixed(2)}px "${EXPORT_FONT_FAMILY}", ${fontStack(lang)}`;
}
