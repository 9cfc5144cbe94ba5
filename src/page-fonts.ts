/**
 * The page's last-resort font for Chinese: the CJK slices of the Noto Sans SC
 * subset the build ships for exports (`virtual:hsr-export-fonts`), registered
 * under a family of our own that both languages' font stacks name after the
 * system CJK fonts (`src/i18n/locales`). A machine with PingFang, YaHei or Noto
 * Sans CJK never fetches them; one with no CJK font at all (a fresh Linux
 * install, a kiosk) fetches, from the site itself, only the slices whose
 * characters it draws, instead of showing boxes for every Chinese word.
 *
 * The faces are added unloaded: the browser loads a face when text needs it,
 * as for an `@font-face` rule (shadow roots included). Map labels are drawn
 * into a canvas by MapLibre, which does not wait for a font: they still need a
 * system CJK font (README, Choices).
 */
import { EXPORT_FACES } from 'virtual:hsr-export-fonts';

export const PAGE_CJK_FAMILY = 'HSR Noto Sans SC';

export function registerPageFonts(fonts: FontFaceSet = document.fonts): number {
  let n = 0;
  for (const f of EXPORT_FACES) {
    if (!f.cjk) continue;
    fonts.add(new FontFace(PAGE_CJK_FAMILY, `url(${f.url}) format('woff2')`, { weight: String(f.weight), unicodeRange: f.unicodeRange, display: 'swap' }));
    n++;
  }
  return n;
}
