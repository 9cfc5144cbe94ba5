/**
 * Tolerant golden pictures: a screenshot or an export compared with the one
 * committed in `tests/golden/` (pixelmatch, anti-aliasing ignored), failing
 * when more than a small share of its pixels differ. `npm run golden` makes
 * them again (`UPDATE_GOLDEN=1`) after a change meant to alter the picture:
 * look at each before committing it. A missing golden fails: it never passes
 * by writing itself.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const GOLDEN_DIR = resolve('tests/golden');
const ARTIFACTS = resolve('tests/.artifacts/golden');
/** The share of pixels allowed to differ (label placement, a rounded pixel). */
export const GOLDEN_TOLERANCE = 0.005;
/** pixelmatch's per-pixel threshold (OKLab distance): colours must change visibly to count. */
const PIXEL_THRESHOLD = 0.12;

export interface GoldenResult {
  /** The share of pixels that differ (1 when the sizes differ). */
  share: number;
  /** What to say when it fails: where the actual picture and the difference were written. */
  message: string;
}

/** The share of differing pixels between two PNGs of the same size (1 when the sizes differ), and the difference image. */
export function comparePng(expected: Buffer, actual: Buffer): { share: number; diff: PNG | null } {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) return { share: 1, diff: null };
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  return { share: n / (a.width * a.height), diff };
}

/** Compares `png` with the golden `name` (or writes it, with `UPDATE_GOLDEN=1`). */
export function golden(name: string, png: Buffer): GoldenResult {
  const file = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, png);
    return { share: 0, message: `wrote ${file}` };
  }
  if (!existsSync(file)) return { share: 1, message: `no golden picture ${file}: make it with npm run golden, and look at it` };
  const { share, diff } = comparePng(readFileSync(file), png);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.actual.png`), png);
  if (diff) writeFileSync(join(ARTIFACTS, `${name}.diff.png`), PNG.sync.write(diff));
  return { share, message: `${name}: ${(share * 100).toFixed(2)} % of pixels differ from ${file} (actual and difference in ${ARTIFACTS})` };
}
