/**
 * Encodes the composed export off the main thread: an ImageBitmap in, file
 * bytes out. PNG: OffscreenCanvas `convertToBlob`, then the dpi written into
 * `pHYs`. PDF: the pixels deflated (native `CompressionStream`) and placed as
 * one image on a page of the printed size (`pdf.ts`) — no PNG is made and
 * decoded again, which for A3 at 300 dpi (17 Mpx) would block for seconds.
 */
import { setPngDpi } from './png-dpi.ts';

export type EncodeRequest =
  | ({ id: number; bitmap: ImageBitmap; dpi: number } & ({ kind: 'png' } | { kind: 'pdf'; title: string; lang: string } | { kind: 'rgb' }))
  /** A handout: pages already deflated by `rgb` requests (one per page keeps only one page's pixels in memory). */
  | { id: number; kind: 'pages'; title: string; lang: string; pages: { width: number; height: number; dpi: number; deflatedRgb: Uint8Array }[] };

export interface EncodeResponse {
  id: number;
  buffer?: ArrayBuffer;
  error?: string;
}

/** The bitmap's pixels as RGB (the export is opaque: drawn on white), deflated (zlib, as PDF's FlateDecode reads). */
async function deflatedRgb(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  const out = new Response(stream.readable).arrayBuffer();
  // Row bands keep the RGBA copy small (getImageData of a whole A3 page is 70 MB).
  const band = Math.max(1, Math.floor((4 << 20) / (width * 4)));
  for (let y = 0; y < height; y += band) {
    const h = Math.min(band, height - y);
    const rgba = ctx.getImageData(0, y, width, h).data;
    const rgb = new Uint8Array(width * h * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i]!;
      rgb[j + 1] = rgba[i + 1]!;
      rgb[j + 2] = rgba[i + 2]!;
    }
    await writer.write(rgb);
  }
  await writer.close();
  return new Uint8Array(await out);
}

self.onmessage = async (e: MessageEvent<EncodeRequest>) => {
  const req = e.data;
  const post = (r: EncodeResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(r, transfer);
  try {
    if (req.kind === 'pages') {
      const { pagesPdf } = await import('./pdf.ts');
      const bytes = await pagesPdf({ title: req.title, lang: req.lang, pages: req.pages });
      const buffer = bytes.slice().buffer;
      post({ id: req.id, buffer }, [buffer]);
      return;
    }
    const { bitmap } = req;
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: req.kind !== 'png' })!;
    ctx.drawImage(bitmap, 0, 0);
    const { width, height } = bitmap;
    bitmap.close();
    let bytes: Uint8Array;
    if (req.kind === 'png') {
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      bytes = setPngDpi(new Uint8Array(await blob.arrayBuffer()), req.dpi);
    } else if (req.kind === 'rgb') {
      bytes = await deflatedRgb(ctx, width, height);
    } else {
      const pixels = await deflatedRgb(ctx, width, height);
      const { imagePdf } = await import('./pdf.ts');
      bytes = await imagePdf({ width, height, dpi: req.dpi, deflatedRgb: pixels, title: req.title, lang: req.lang });
    }
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    post({ id: req.id, buffer }, [buffer]);
  } catch (err) {
    post({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
};
