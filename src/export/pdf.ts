/**
 * The PDF of an export: one page the size of the image at its resolution
 * (A4 at 300 dpi → 595 × 842 pt), the PNG placed full-page. pdf-lib is loaded
 * only when a PDF is asked for.
 */
import { pageSizePt } from './presets.ts';

export async function pngToPdf(png: Uint8Array, width: number, height: number, dpi: number, meta: { title: string; lang: string }): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setLanguage(meta.lang === 'zh' ? 'zh-Hans' : 'en');
  doc.setCreator('Health Silk Road Map');
  doc.setProducer('Health Silk Road Map (pdf-lib)');
  doc.setCreationDate(new Date());
  const image = await doc.embedPng(png);
  const size = pageSizePt(width, height, dpi);
  const page = doc.addPage([size.width, size.height]);
  page.drawImage(image, { x: 0, y: 0, width: size.width, height: size.height });
  return doc.save();
}
