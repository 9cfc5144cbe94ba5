/**
 * Self-hosted Noto Sans SC for exports, so an image looks the same on every
 * machine: a subset covering the characters the site uses, in unicode-range
 * slices (`virtual:hsr-export-fonts`, made by scripts/export-fonts-plugin.ts).
 * Vite emits the files as assets of this lazy chunk (never of the main bundle);
 * only the slices covering the characters an export draws are fetched
 * (`font-src 'self'`), through `FontFace`, before any text is drawn. The faces
 * are registered under a family name of our own so the live page's font stacks
 * are untouched.
 */
import { EXPORT_FACES } from 'virtual:hsr-export-fonts';

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

/**
 * Loads the export font's files (both weights) covering every character of
 * `text`. Resolves when the faces are in `document.fonts`; files that fail to
 * load are reported and skipped (the text then falls back to system fonts).
 */
export async function loadExportFonts(text: string): Promise<{ files: number; failed: string[] }> {
  faces ??= EXPORT_FACES.map((f) => ({ ...f, ranges: parseUnicodeRange(f.unicodeRange) }));
  const codes = new Set<number>();
  for (const ch of text) codes.add(ch.codePointAt(0)!);
  const needed = faces.filter((f) => [...codes].some((c) => f.ranges.some(([a, b]) => c >= a && c <= b)));
  const failed: string[] = [];
  await Promise.all(
    needed.map((f) => {
      let p = loaded.get(f.url);
      if (!p) {
        p = new FontFace(EXPORT_FONT_FAMILY, `url(${f.url}) format('woff2')`, { weight: String(f.weight), unicodeRange: f.unicodeRange })
          .load()
          .then((face) => void document.fonts.add(face));
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

/** A CSS font shorthand in the export family. */
export function exportFont(px: number, weight: 400 | 700 = 400): string {
  return `${weight} ${px.toFixed(2)}px "${EXPORT_FONT_FAMILY}", sans-serif`;
}
