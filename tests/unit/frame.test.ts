/**
 * Framing a chapter's subjects: the box around them is continuous across the
 * antimeridian, and the fitted camera puts every corner of it inside the part
 * of the viewport the padding leaves free — checked by projecting the corners
 * back to screen pixels with Web Mercator written out here, not the module's.
 */
import { describe, expect, it } from 'vitest';
import { fitBox, type Box, type FitOptions } from '../../src/story/frame.ts';
import type { Camera } from '../../src/state/app-state.ts';
import type { Padding } from '../../src/map/padding.ts';

/** Screen pixel of a longitude/latitude for a camera (MapLibre: 512 px tiles, padding shifts the centre). */
function project(cam: Camera, vp: { width: number; height: number }, pad: Padding, lon: number, lat: number): [number, number] {
  const world = 512 * 2 ** cam.zoom;
  const mx = (l: number) => ((l + 180) / 360) * world;
  const my = (phi: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (phi * Math.PI) / 360)) / Math.PI) / 2) * world;
  // The nearest copy of the world: longitudes east of 180° are drawn there.
  let dl = lon - cam.lon;
  while (dl > 180) dl -= 360;
  while (dl < -180) dl += 360;
  const dx = mx(cam.lon + dl) - mx(cam.lon);
  const dy = my(lat) - my(cam.lat);
  const b = (-cam.bearing * Math.PI) / 180;
  const cx = pad.left + (vp.width - pad.left - pad.right) / 2;
  const cy = pad.top + (vp.height - pad.top - pad.bottom) / 2;
  return [cx + dx * Math.cos(b) - dy * Math.sin(b), cy + dx * Math.sin(b) + dy * Math.cos(b)];
}

const corners = (b: Box): [number, number][] => [
  [b[0][0], b[0][1]],
  [b[1][0], b[0][1]],
  [b[1][0], b[1][1]],
  [b[0][0], b[1][1]],
];

describe('fitBox', () => {
  const vp = { width: 1280, height: 720 };
  const pad: Padding = { top: 43, right: 43, bottom: 43, left: 483 };
  const opts: FitOptions = { maxZoom: 8, minZoom: 0.5, bearing: 0, pitch: 0 };

  /** The corners' screen extent, and whether it fills the free area on one axis (a tight fit). */
  function check(box: Box, cam: Camera, tol = 0.5) {
    const pts = corners(box).map(([x, y]) => project(cam, vp, pad, x, y));
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(pad.left - tol);
      expect(x).toBeLessThanOrEqual(vp.width - pad.right + tol);
      expect(y).toBeGreaterThanOrEqual(pad.top - tol);
      expect(y).toBeLessThanOrEqual(vp.height - pad.bottom + tol);
    }
    const wide = Math.max(...xs) - Math.min(...xs) >= vp.width - pad.left - pad.right - 1;
    const tall = Math.max(...ys) - Math.min(...ys) >= vp.height - pad.top - pad.bottom - 1;
    return wide || tall;
  }

  it.each<[string, Box]>([
    [
      'a wide box (the Economic Belt)',
      [
        [14, 34],
        [120, 56],
      ],
    ],
    [
      'a tall box (Australia to Mongolia)',
      [
        [113, -43],
        [120, 52],
      ],
    ],
    [
      'a box across the antimeridian (India to Fiji)',
      [
        [68, -20],
        [182, 35],
      ],
    ],
    [
      'a high-latitude box (Russia)',
      [
        [19.6, 41.2],
        [190.2, 81.9],
      ],
    ],
  ])('fits %s tightly into the free area', (_, box) => {
    const cam = fitBox(box, vp, pad, opts);
    expect(check(box, cam)).toBe(true);
  });

  it('stops at maxZoom for a small box or a point, centred on it', () => {
    const box: Box = [
      [15.5, 49.4],
      [15.9, 50.2],
    ];
    const cam = fitBox(box, vp, pad, { ...opts, maxZoom: 5.6 });
    expect(cam.zoom).toBe(5.6);
    check(box, cam);
    const [x, y] = project(cam, vp, pad, 15.7, (49.4 + 50.2) / 2);
    expect(x).toBeCloseTo(pad.left + (vp.width - pad.left - pad.right) / 2, 0);
    expect(y).toBeCloseTo(pad.top + (vp.height - pad.top - pad.bottom) / 2, 0);
    expect(
      fitBox(
        [
          [100, 30],
          [100, 30],
        ],
        vp,
        pad,
        { ...opts, maxZoom: 4 },
      ),
    ).toMatchObject({ lon: 100, zoom: 4 });
  });

  it('fits a rotated map, keeping bearing and pitch', () => {
    const box: Box = [
      [60, 20],
      [120, 50],
    ];
    const cam = fitBox(box, vp, pad, { ...opts, bearing: 30, pitch: 20 });
    expect(cam).toMatchObject({ bearing: 30, pitch: 20 });
    check(box, cam);
    // Rotated, the same box needs more room than unrotated.
    expect(cam.zoom).toBeLessThan(fitBox(box, vp, pad, opts).zoom);
  });

  it('keeps the window inside the world: MapLibre would move a view that shows past the poles', () => {
    const small = { width: 1024, height: 640 };
    const p: Padding = { top: 38, right: 38, bottom: 38, left: 396 };
    const box: Box = [
      [12.1, 34.3],
      [190.2, 81.9],
    ]; // the Economic Belt, Russia's Arctic islands included
    const cam = fitBox(box, small, p, opts);
    const yOf = (lat: number) => {
      const world = 512 * 2 ** cam.zoom;
      const my = (phi: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (phi * Math.PI) / 360)) / Math.PI) / 2) * world;
      return p.top + (small.height - p.top - p.bottom) / 2 + my(lat) - my(cam.lat);
    };
    expect(yOf(85.051129)).toBeLessThanOrEqual(0.01);
    expect(yOf(-85.051129)).toBeGreaterThanOrEqual(small.height - 0.01);
    // The box is still whole on screen, left of nothing and right of the caption's padding.
    expect(yOf(81.9)).toBeGreaterThanOrEqual(0);
    expect(yOf(34.3)).toBeLessThanOrEqual(small.height);
    // Unconstrained it would have been centred higher (the box's middle): the fit moved it.
    expect(cam.lat).toBeLessThan(68);
  });

  it('never goes below minZoom, even when the box cannot fit', () => {
    expect(
      fitBox(
        [
          [-170, -80],
          [170, 80],
        ],
        { width: 300, height: 200 },
        pad,
        opts,
      ).zoom,
    ).toBe(0.5);
  });

  it('returns a centre longitude in -180…180 for a box past the antimeridian', () => {
    const cam = fitBox(
      [
        [170, -20],
        [200, 0],
      ],
      vp,
      pad,
      opts,
    );
    expect(cam.lon).toBeCloseTo(-175, 6);
  });
});
