import { describe, expect, it } from 'vitest';
import { paddingAround, zoomToPlace } from '../../src/map/padding.ts';

const map = { left: 0, top: 0, right: 1920, bottom: 1080 };

describe('padding around what covers the map', () => {
  it('keeps the margin on every side when nothing covers the map', () => {
    expect(paddingAround(map, [], 60)).toEqual({ top: 60, right: 60, bottom: 60, left: 60 });
    expect(paddingAround(map, [null, undefined], 60)).toEqual({ top: 60, right: 60, bottom: 60, left: 60 });
  });

  it('pushes in the side a panel hugs: a caption on the left, a detail panel on the right', () => {
    const caption = { left: 24, top: 24, right: 677, bottom: 1056 };
    expect(paddingAround(map, [caption], 65)).toEqual({ top: 65, right: 65, bottom: 65, left: 677 + 65 });
    const detail = { left: 1528, top: 12, right: 1908, bottom: 1068 };
    expect(paddingAround(map, [detail], 60).right).toBe(1920 - 1528 + 60);
  });

  it('pushes in the bottom for a phone sheet, and ignores what lies outside the map', () => {
    const phone = { left: 0, top: 0, right: 390, bottom: 700 };
    const sheet = { left: 8, top: 420, right: 382, bottom: 692 };
    expect(paddingAround(phone, [sheet], 24)).toEqual({ top: 24, right: 24, bottom: 700 - 420 + 24, left: 24 });
    expect(paddingAround(phone, [{ left: 400, top: 0, right: 600, bottom: 700 }], 24)).toEqual({ top: 24, right: 24, bottom: 24, left: 24 });
  });

  it('pushes in the bottom for a sheet nearly as tall as the map is wide (what leaves most of the map free)', () => {
    const phone = { left: 0, top: 0, right: 390, bottom: 659 };
    const sheet = { left: 8, top: 272, right: 374, bottom: 692 };
    const p = paddingAround(phone, [sheet], 60);
    expect(p.left).toBe(60);
    expect(p.right).toBe(60);
    expect(p.bottom).toBeGreaterThan(659 - 272);
  });

  it('always leaves some of the map free', () => {
    const p = paddingAround({ left: 0, top: 0, right: 300, bottom: 300 }, [{ left: 0, top: 0, right: 290, bottom: 300 }], 30);
    expect(300 - p.left - p.right).toBeGreaterThanOrEqual(80);
  });
});

describe('zoomToPlace', () => {
  // Where a point at `lat` is drawn, `zoom` and `y` given, relative to the world's top and bottom edges (Web Mercator).
  const edges = (lat: number, y: number, zoom: number) => {
    const phi = (lat * Math.PI) / 180;
    const m = (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
    const size = 512 * 2 ** zoom;
    return { top: y - m * size, bottom: y + (1 - m) * size };
  };

  it('gives a zoom at which the world still covers the map with the point at that height', () => {
    // A phone's first view: a point just south of the equator, to be drawn in the free area above the detail sheet.
    for (const [lat, y, h] of [
      [-2.3, 140, 682],
      [60, 600, 700],
      [-70, 50, 900],
      [0, 400, 800],
    ] as const) {
      const z = zoomToPlace(lat, y, h);
      const e = edges(lat, y, z);
      expect(e.top, `${lat} ${y} ${h}`).toBeLessThanOrEqual(0);
      expect(e.bottom, `${lat} ${y} ${h}`).toBeGreaterThanOrEqual(h);
      // And not much closer than that.
      const tight = edges(lat, y, z - 0.1);
      expect(tight.top > 0 || tight.bottom < h, `${lat} ${y} ${h}`).toBe(true);
    }
  });

  it('asks for no more than a world as tall as the map for a point in its middle at the equator', () => {
    expect(zoomToPlace(0, 400, 800)).toBeCloseTo(Math.log2(800 / 512) + 0.05, 6);
  });
});
