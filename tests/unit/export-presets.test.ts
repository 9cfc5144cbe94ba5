import { describe, expect, it } from 'vitest';
import { pageSizePt, parseSize, PRESETS, presetById } from '../../src/export/presets.ts';
import { largestFitting } from '../../src/export/render-map.ts';

describe('export size presets', () => {
  it('has the slide, paper and square sizes the issue asks for', () => {
    const sizes = Object.fromEntries(PRESETS.map((p) => [p.id, [p.width, p.height, p.dpi]]));
    expect(sizes).toEqual({
      'slide-hd': [1920, 1080, 96],
      'slide-4k': [3840, 2160, 96],
      // ISO 216 at 300 dpi: 210 × 297 mm and 297 × 420 mm.
      'a4-portrait': [2480, 3508, 300],
      'a4-landscape': [3508, 2480, 300],
      'a3-portrait': [3508, 4961, 300],
      'a3-landscape': [4961, 3508, 300],
      square: [1080, 1080, 96],
    });
    for (const p of PRESETS) expect(p.label.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(presetById('a4-portrait')?.width).toBe(2480);
    expect(presetById('a5')).toBeUndefined();
  });

  it('prints an A4 export on an A4 page (595 × 842 pt)', () => {
    const p = presetById('a4-portrait')!;
    const pt = pageSizePt(p.width, p.height, p.dpi);
    expect(pt.width).toBeCloseTo(595.2, 0);
    expect(pt.height).toBeCloseTo(841.9, 0);
  });
});

describe('parseSize', () => {
  it.each([
    ['3840x2160', { width: 3840, height: 2160 }],
    ['1920×1080', { width: 1920, height: 1080 }],
    [' 800 X 600 ', { width: 800, height: 600 }],
    ['1080*1080', { width: 1080, height: 1080 }],
  ])('reads %j', (text, size) => expect(parseSize(text)).toEqual(size));

  it.each(['', '3840', '3840x', 'x2160', '3840x2160x2', '-10x20', '1.5x20', '10x10', '3840 by 2160', '1e3x1e3', '9999999x10'])('rejects %j', (text) => {
    expect(parseSize(text)).toBeNull();
  });
});

describe('largestFitting', () => {
  it('keeps a size that fits', () => expect(largestFitting(1920, 1080, 8192)).toEqual({ width: 1920, height: 1080 }));
  it('shrinks the longer side to the limit, keeping the shape', () => {
    expect(largestFitting(16384, 9216, 8192)).toEqual({ width: 8192, height: 4608 });
    expect(largestFitting(3000, 12000, 4096)).toEqual({ width: 1024, height: 4096 });
  });
  it('never rounds up past the limit', () => {
    const r = largestFitting(10001, 7777, 4096);
    expect(r.width).toBeLessThanOrEqual(4096);
    expect(r.height).toBeLessThanOrEqual(4096);
    expect(r.width).toBe(4096);
  });
});
