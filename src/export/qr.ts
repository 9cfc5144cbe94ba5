/**
 * The QR code of a view's link, as a grid of modules (true = dark), by `uqr`
 * (small, no DOM: it runs in the page and in Node tests). Error correction M
 * (15 %): a print with a crease or a projected slide's glare still scans. The
 * quiet zone is the export's to draw (white panel around the code).
 */
import { encode } from 'uqr';

export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 0 }).data;
}
