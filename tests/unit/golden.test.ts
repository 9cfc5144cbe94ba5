import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { comparePng, GOLDEN_TOLERANCE } from '../helpers/golden.ts';

/** A 200 × 100 picture: sea blue, with a block of `colour` at `x`. */
function picture(x: number, colour: [number, number, number]): Buffer {
  const png = new PNG({ width: 200, height: 100 });
  for (let y = 0; y < 100; y++)
    for (let i = 0; i < 200; i++) {
      const k = (y * 200 + i) * 4;
      const c = i >= x && i < x + 40 && y >= 30 && y < 70 ? colour : [200, 220, 235];
      png.data.set([...c, 255], k);
    }
  return PNG.sync.write(png);
}

describe('golden pictures', () => {
  it('match themselves, and fail when a panel moves over the map or a colour changes', () => {
    const base = picture(10, [255, 255, 255]);
    expect(comparePng(base, base).share).toBe(0);
    // The same block moved: 8 % of the pixels change.
    expect(comparePng(base, picture(60, [255, 255, 255])).share).toBeGreaterThan(GOLDEN_TOLERANCE);
    // Recoloured in place.
    expect(comparePng(base, picture(10, [180, 60, 40])).share).toBeGreaterThan(GOLDEN_TOLERANCE);
    // Another size is a failure.
    const small = new PNG({ width: 10, height: 10 });
    expect(comparePng(base, PNG.sync.write(small)).share).toBe(1);
  });
});
