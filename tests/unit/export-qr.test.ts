/**
 * The QR code of an export: the code `uqr` makes for a view's link decodes
 * back to it (read with jsQR from pixels drawn as the export draws them), and
 * the layout gives it whole pixels per module in the map's corner, clear of
 * the scale bar and the legend, or leaves it out when the map is too small.
 */
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { qrModules } from '../../src/export/qr.ts';
import { layoutExport } from '../../src/export/compose.ts';

/** The modules drawn `scale` pixels each on white with a quiet zone, as RGBA. */
function rasterise(modules: boolean[][], scale: number, quiet = 4) {
  const n = modules.length;
  const size = (n + 2 * quiet) * scale;
  const px = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
          px[i] = px[i + 1] = px[i + 2] = 0;
        }
    }),
  );
  return { px, size };
}

const box = (b: { x: number; y: number; w: number; h: number }) => ({ l: b.x, t: b.y, r: b.x + b.w, b: b.y + b.h });
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

describe('QR codes in exports', () => {
  it('encode a view link that decodes back to it', () => {
    const link = 'https://example.org/hsr/#map=3.2/30/100&layers=directions,projects&sel=project-23&lang=zh&v=1';
    const m = qrModules(link);
    expect(m.length).toBeGreaterThan(20);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    const { px, size } = rasterise(m, 3, 2);
    expect(jsQR(px, size, size)?.data).toBe(link);
  });

  it('sit beside or below the map, clear of it and of the legend, whole pixels per module', () => {
    const modules = qrModules('https://example.org/hsr/#story=health-silk-road&chapter=3&lang=en&v=1').length;
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
      [2480, 3508],
    ] as const) {
      const l = layoutExport({ width, height, showTitle: true, showSubtitle: true, legendRows: 30, footerLines: 3, qr: { modules, linkLines: 3 } });
      const q = l.qr!;
      expect(q, `${width}×${height}`).not.toBeNull();
      expect(Number.isInteger(q.module) && q.module >= 2).toBe(true);
      expect(q.code.w).toBe(modules * q.module);
      expect(Number.isInteger(q.code.x) && Number.isInteger(q.code.y)).toBe(true);
      const map = box(l.map);
      const panel = box(q.panel);
      expect(overlap(map, panel), `map ${width}×${height}`).toBe(false);
      // The quiet zone: two modules of white panel on every side of the code.
      expect(q.code.x - q.panel.x).toBeGreaterThanOrEqual(2 * q.module);
      expect(panel.r - (q.code.x + q.code.w)).toBeGreaterThanOrEqual(2 * q.module);
      expect(overlap(box(l.scaleBar), panel)).toBe(false);
      expect(overlap(box(l.legend!), panel), `legend ${width}×${height}`).toBe(false);
    }
  });

  it('are left out of a thumbnail too small to scan, and when not asked for', () => {
    expect(layoutExport({ width: 320, height: 180, showTitle: false, showSubtitle: false, legendRows: 0, footerLines: 0, qr: { modules: 41, linkLines: 2 } }).qr).toBeNull();
    expect(layoutExport({ width: 1920, height: 1080, showTitle: false, showSubtitle: false, legendRows: 0, footerLines: 0 }).qr).toBeNull();
  });
});
