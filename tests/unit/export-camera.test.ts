import { describe, expect, it } from 'vitest';
import { cssSize, exportCamera, framedSize, liveViewOf, loadRatio, renderRatio, type LiveView } from '../../src/export/camera.ts';

const live = (p: Partial<LiveView> = {}): LiveView => ({ center: [100, 30], zoom: 3, bearing: 0, pitch: 0, width: 1280, height: 800, padding: { top: 0, right: 0, bottom: 0, left: 0 }, ...p });

describe('exportCamera', () => {
  it('keeps centre, bearing and pitch of the live map', () => {
    const c = exportCamera(live({ bearing: 35, pitch: 20 }), 1920, 845);
    expect(c.center).toEqual([100, 30]);
    expect(c.bearing).toBe(35);
    expect(c.pitch).toBe(20);
  });

  it('adds log2 of the scale that fits the live view into the export (contain)', () => {
    // Twice the CSS size each way: one zoom level in.
    expect(exportCamera(live(), 2560, 1600).zoom).toBeCloseTo(4, 12);
    // A wider export: the height decides (1.0), so the same zoom and more area left and right.
    const wide = exportCamera(live(), 1920, 800);
    expect(wide.scale).toBe(1);
    expect(wide.zoom).toBe(3);
    // A taller one: the width decides.
    expect(exportCamera(live(), 640, 800).zoom).toBeCloseTo(2, 12);
  });

  it('never zooms out past one world’s width (a wide image of a world view would draw countries twice)', () => {
    // The live view shows 1280 px of a 1024-px world at zoom 1: a 3840-px-wide export would repeat it.
    const world = exportCamera(live({ zoom: 1 }), 3840, 1600);
    expect(512 * 2 ** world.zoom).toBeCloseTo(3840, 6);
    expect(world.scale).toBeCloseTo(2 ** (world.zoom - 1), 12);
    // Closer views are untouched.
    expect(exportCamera(live(), 2560, 1600).zoom).toBeCloseTo(4, 12);
  });

  it('frames the area the padding leaves free (a story caption is not exported)', () => {
    const padded = live({ padding: { top: 40, right: 40, bottom: 40, left: 640 } });
    expect(framedSize(padded)).toEqual({ width: 600, height: 720 });
    // 1200 × 1440 CSS shows the 600 × 720 free area at twice the size.
    expect(exportCamera(padded, 1200, 1440).zoom).toBeCloseTo(4, 12);
    // Degenerate padding still gives a finite camera.
    expect(Number.isFinite(exportCamera(live({ padding: { top: 900, right: 0, bottom: 0, left: 0 } }), 100, 100).zoom)).toBe(true);
  });

  it('reads the live view from a map-like object', () => {
    const v = liveViewOf({
      getCenter: () => ({ lng: 10, lat: 20 }),
      getZoom: () => 2.5,
      getBearing: () => -15,
      getPitch: () => 5,
      getPadding: () => ({ top: 1, left: 300 }),
      getContainer: () => ({ clientWidth: 1000, clientHeight: 700 }) as HTMLElement,
    });
    expect(v).toEqual({ center: [10, 20], zoom: 2.5, bearing: -15, pitch: 5, width: 1000, height: 700, padding: { top: 1, right: 0, bottom: 0, left: 300 } });
  });
});

describe('off-screen canvas sizes', () => {
  it('gives the CSS size and the exact ratio of an output size', () => {
    expect(cssSize(3840, 1690, 2)).toEqual({ cssW: 1920, cssH: 845, pixelRatio: 2 });
    const a4 = cssSize(2480, 2785, 2480 / 1080);
    expect(a4.cssW).toBe(1080);
    expect(Math.round(a4.cssW * a4.pixelRatio)).toBe(2480);
    expect(Math.round(a4.cssH * a4.pixelRatio)).toBe(2785);
  });

  it('loads at a smaller ratio only where the canvas keeps exactly its CSS size', () => {
    // MapLibre: canvas = round(ratio × css) px, CSS = canvas / ratio.
    const css = (c: number, r: number) => Math.round(r * c) / r;
    for (const [w, h, r] of [
      [1920, 845, 2],
      [1920, 845, 1],
      [1920, 847, 2],
      [1080, 1213, 2480 / 1080],
    ] as const) {
      const k = loadRatio(w, h, r);
      expect(k).toBeLessThanOrEqual(r);
      expect(css(w, k)).toBe(css(w, r));
      expect(css(h, k)).toBe(css(h, r));
    }
    // 1920 × 845 at 2: 0.2 keeps 384 × 169 px exact; 847 (prime to 1920) only at whole ratios; at 1, none smaller.
    expect(loadRatio(1920, 845, 2)).toBeCloseTo(0.2, 12);
    expect(loadRatio(1920, 847, 2)).toBe(1);
    expect(loadRatio(1920, 847, 1)).toBe(1);
  });
});

describe('renderRatio (supersampling)', () => {
  it('draws outputs below 2 device pixels per CSS pixel at twice their ratio, when that fits', () => {
    expect(renderRatio(1, 1920, 845, 8192)).toBe(2);
    expect(renderRatio(0.6667, 1920, 845, 8192)).toBeCloseTo(1.3334, 4);
  });
  it('leaves outputs from 2 as they are (their resolution smooths the edges)', () => {
    expect(renderRatio(2, 1920, 845, 8192)).toBe(2);
    expect(renderRatio(2.3, 1080, 1500, 8192)).toBe(2.3);
  });
  it('does not supersample past the device limit', () => {
    expect(renderRatio(1.5, 3000, 2000, 8192)).toBe(1.5);
    expect(renderRatio(1, 4096, 2000, 8192)).toBe(2);
    expect(renderRatio(1, 4097, 2000, 8192)).toBe(1);
  });
});
