/**
 * Encodes an image to PNG off the main thread: an ImageBitmap in, PNG bytes
 * out (OffscreenCanvas `convertToBlob`). PNG compression of a 4K frame takes
 * seconds in software; here it does not block the page.
 */
interface EncodeRequest {
  id: number;
  bitmap: ImageBitmap;
}

self.onmessage = async (e: MessageEvent<EncodeRequest>) => {
  const { id, bitmap } = e.data;
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const buffer = await blob.arrayBuffer();
    (self as unknown as Worker).postMessage({ id, buffer }, [buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
