/**
 * The presenter view's preview of a chapter: the projection puts the camera's
 * centre in the middle of the area the caption leaves, north up, east right;
 * rings across the antimeridian stay whole.
 */
import { describe, expect, it } from 'vitest';
import { geometryPath, pointsOf, projector, PREVIEW } from '../../src/ui/chapter-preview.ts';

describe('chapter preview', () => {
  const padding = { top: 60, right: 60, bottom: 60, left: 700 };
  const p = projector({ lon: 100, lat: 30, zoom: 3, bearing: 0, pitch: 0 }, PREVIEW, padding);

  it('puts the centre in the middle of the free area, east to the right and north up', () => {
    const [x, y] = p([100, 30]);
    expect(x).toBeCloseTo(700 + (1920 - 760) / 2, 6);
    expect(y).toBeCloseTo(540, 6);
    expect(p([110, 30])[0]).toBeGreaterThan(x);
    expect(p([100, 40])[1]).toBeLessThan(y);
    // 360° is the world's width at zoom 3: 512 × 8 pixels.
    expect(p([101, 30])[0] - x).toBeCloseTo((512 * 8) / 360, 6);
  });

  it('draws a ring across the antimeridian in one piece, near the centre', () => {
    const east = projector({ lon: 175, lat: -17, zoom: 5, bearing: 0, pitch: 0 }, PREVIEW, padding);
    const d = geometryPath(
      {
        type: 'Polygon',
        coordinates: [
          [
            [177, -18],
            [181, -18],
            [181, -16],
            [177, -16],
            [177, -18],
          ],
        ],
      },
      east,
    );
    const xs = [...d.matchAll(/([-\d.]+),([-\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(200);
    expect(pointsOf({ type: 'Point', coordinates: [-179, -17] }, east)[0]![0]).toBeGreaterThan(east([175, -17])[0]);
  });
});
