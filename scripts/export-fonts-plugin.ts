/**
 * Vite plugin: the export font, a subset of Noto Sans SC covering the
 * characters the site uses, so exported images look the same on every machine
 * without shipping the whole CJK font (7 MB as fontsource's split files).
 *
 * `import { EXPORT_FACES } from 'virtual:hsr-export-fonts'` gives
 * `{ weight, url, unicodeRange, cjk }` per file: the export chunk loads them
 * for its canvases, the page registers the CJK ones as its last-resort font
 * (`src/page-fonts.ts`). The files
 * are fontsource's unicode-range slices of `@fontsource/noto-sans-sc`, weights
 * 400 and 700: the Latin, Latin Extended, Cyrillic and Vietnamese slices whole
 * (anything typed into an English title), each CJK slice cut with `subset-font`
 * (HarfBuzz) down to the characters found in `public/data/` (names, summaries,
 * document titles, base map labels) and in `src/` (interface strings, legend,
 * stories). A Chinese character typed into a title that the site never uses
 * falls back to the system's fonts.
 *
 * Subsets are cached in `node_modules/.cache/hsr-export-fonts/<hash>/`, keyed
 * by the character set and the fontsource version.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:hsr-export-fonts';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const WEIGHTS = [400, 700] as const;
/** Slices kept whole: small, and they cover what people type in Latin scripts. */
const WHOLE = /-(latin|latin-ext|cyrillic|vietnamese)-\d+-normal\.woff2$/;

export interface FontSlice {
  file: string;
  ranges: [number, number][];
}

/** fontsource's `@font-face` blocks → file and unicode-range of each slice. */
export function parseFontsourceCss(css: string): FontSlice[] {
  const out: FontSlice[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    out.push({ file, ranges });
  }
  return out;
}

/** Code points → a CSS unicode-range (`U+4e00-4e01,U+4e2d`). */
export function unicodeRange(codes: Iterable<number>): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const a = sorted[i]!.toString(16);
    parts.push(i === j ? `U+${a}` : `U+${a}-${sorted[j]!.toString(16)}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Every character of the text files under `dir` whose name matches `re`. */
function charsOf(dir: string, re: RegExp, into: Set<number>, skip?: RegExp): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip?.test(p)) continue;
    if (e.isDirectory()) charsOf(p, re, into, skip);
    else if (re.test(e.name)) for (const ch of readFileSync(p, 'utf8')) into.add(ch.codePointAt(0)!);
  }
}

export function exportFontsPlugin(options: { root: string }): Plugin {
  const require = createRequire(join(options.root, 'package.json'));
  const pkgDir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
  let code: Promise<string> | undefined;

  async function generate(): Promise<string> {
    const chars = new Set<number>();
    // The documents' full texts are not drawn (only their titles, in manifest.json).
    charsOf(join(options.root, 'public/data'), /\.(geo)?json$/, chars, /[/\\]documents$/);
    charsOf(join(options.root, 'src'), /\.ts$/, chars);
    const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
    const hash = createHash('sha256').update(version).update(unicodeRange(chars)).digest('hex').slice(0, 16);
    const cache = join(options.root, 'node_modules/.cache/hsr-export-fonts', hash);
    mkdirSync(cache, { recursive: true });
    const { default: subsetFont } = await import('subset-font');
    const faces: { weight: number; path: string; unicodeRange: string; cjk: boolean }[] = [];
    for (const weight of WEIGHTS) {
      for (const slice of parseFontsourceCss(readFileSync(join(pkgDir, `${weight}.css`), 'utf8'))) {
        const src = join(pkgDir, 'files', slice.file);
        if (WHOLE.test(slice.file)) {
          faces.push({ weight, path: src, unicodeRange: unicodeRange(slice.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))), cjk: false });
          continue;
        }
        const used = [...chars].filter((c) => slice.ranges.some(([a, b]) => c >= a && c <= b));
        if (used.length === 0) continue;
        const out = join(cache, slice.file);
        if (!existsSync(out)) {
          const text = String.fromCodePoint(...used);
          writeFileSync(out, await subsetFont(readFileSync(src), text, { targetFormat: 'woff2' }));
        }
        faces.push({ weight, path: out, unicodeRange: unicodeRange(used), cjk: true });
      }
    }
    // `no-inline`: small files would otherwise become data: URLs, which the CSP's font-src 'self' refuses.
    const imports = faces.map((f, i) => `import f${i} from ${JSON.stringify(`/${relative(options.root, f.path).split('\\').join('/')}?url&no-inline`)};`);
    const list = faces.map((f, i) => `  { weight: ${f.weight}, url: f${i}, unicodeRange: ${JSON.stringify(f.unicodeRange)}, cjk: ${f.cjk} },`);
    return `${imports.join('\n')}\nexport const EXPORT_FACES = [\n${list.join('\n')}\n];\n`;
  }

  return {
    name: 'hsr-export-fonts',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      code ??= generate();
      return code;
    },
  };
}
