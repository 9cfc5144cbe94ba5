import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { crc32, dpiToPpm, pngChunks, readPngInfo, setPngDpi } from '../../src/export/png-dpi.ts';

/** A real PNG from an independent encoder (pngjs): a w×h gradient, no pHYs. */
function samplePng(w: number, h: number): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) png.data.set([i % 256, (i * 7) % 256, 128, 255], i * 4);
  return new Uint8Array(PNG.sync.write(png));
}

describe('PNG resolution (pHYs)', () => {
  it('computes the CRC-32 PNG uses (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('stores 300 dpi as 11811 pixels per metre', () => {
    expect(dpiToPpm(300)).toBe(11811);
    expect(dpiToPpm(96)).toBe(3780);
  });

  it.each([72, 96, 150, 300, 600])('writes %i dpi right after IHDR and reads it back; the image is unchanged', (dpi) => {
    const src = samplePng(37, 21);
    expect(readPngInfo(src)).toEqual({ width: 37, height: 21, dpi: null });
    const out = setPngDpi(src, dpi);
    const chunks = pngChunks(out);
    expect(chunks.map((c) => c.type).slice(0, 2)).toEqual(['IHDR', 'pHYs']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(readPngInfo(out)).toEqual({ width: 37, height: 21, dpi });
    // An independent decoder accepts it and sees the same pixels.
    const a = PNG.sync.read(Buffer.from(src));
    const b = PNG.sync.read(Buffer.from(out));
    expect(Buffer.compare(a.data, b.data)).toBe(0);
  });

  it('replaces an existing pHYs instead of adding a second', () => {
    const out = setPngDpi(setPngDpi(samplePng(4, 4), 96), 300);
    expect(pngChunks(out).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(readPngInfo(out).dpi).toBe(300);
  });

  it('rejects a file that is not a PNG, a truncated one and a bad dpi', () => {
    expect(() => readPngInfo(new TextEncoder().encode('GIF89a not a png'))).toThrow(/not a PNG/);
    const png = samplePng(8, 8);
    expect(() => pngChunks(png.subarray(0, 40))).toThrow(/truncated/);
    expect(() => setPngDpi(png, 0)).toThrow(/dpi/);
    expect(() => setPngDpi(png, Number.NaN)).toThrow(/dpi/);
  });
});
