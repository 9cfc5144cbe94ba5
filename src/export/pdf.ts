/**
 * The PDF of an export: one page (a handout: one per chapter) the size of the image at its resolution
 * (A4 at 300 dpi → 595 × 842 pt), the image placed full-page. The image goes
 * in as already-deflated RGB (an image XObject with FlateDecode), so pdf-lib
 * neither decodes a PNG nor compresses anything itself. Runs in the encoding
 * worker; pdf-lib is loaded only when a PDF is asked for.
 */
import { concatTransformationMatrix, drawObject, popGraphicsState, PDFDocument, pushGraphicsState } from 'pdf-lib';
import { pageSizePt } from './presets.ts';

export interface PdfImage {
  width: number;
  height: number;
  dpi: number;
  /** width × height × 3 bytes (RGB, rows top to bottom), zlib-deflated. */
  deflatedRgb: Uint8Array;
  title: string;
  /** The document's language tag (BCP 47, as HTML's `lang`: `htmlLang` in i18n/i18n.ts). */
  lang: string;
}

export async function imagePdf(o: PdfImage): Promise<Uint8Array> {
  return pagesPdf({ title: o.title, lang: o.lang, pages: [o] });
}

export interface PdfPages {
  title: string;
  lang: string;
  /** One image per page, each the page's full size at its resolution (a handout: one per chapter). */
  pages: Omit<PdfImage, 'title' | 'lang'>[];
}

/** A PDF with one page per image, in order. */
export async function pagesPdf(o: PdfPages): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(o.title);
  doc.setLanguage(o.lang);
  doc.setCreator('Health Silk Road Map');
  doc.setProducer('Health Silk Road Map (pdf-lib)');
  doc.setCreationDate(new Date());
  for (const p of o.pages) {
    const image = doc.context.register(
      doc.context.stream(p.deflatedRgb, { Type: 'XObject', Subtype: 'Image', Width: p.width, Height: p.height, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode' }),
    );
    const size = pageSizePt(p.width, p.height, p.dpi);
    const page = doc.addPage([size.width, size.height]);
    const name = page.node.newXObject('Image', image);
    // An image XObject fills the unit square: scale it to the page.
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(size.width, 0, 0, size.height, 0, 0), drawObject(name), popGraphicsState());
  }
  return doc.save();
}
