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
 * as for an `@font-face` rule (shadow roots included). `<hsr-app>` adds them
 * at once for a Chinese page or a story; an English map's few Chinese words (the shell's
 * Chinese line, the language switch, original names in the legend) wait until
 * the map's first full frame, so that on such a machine they do not fetch a
 * dozen slices ahead of it. Map labels are drawn into a canvas by MapLibre,
 * which does not wait for a font: they still need a system CJK font (README,
 * Choices).
 */
export const PAGE_CJK_FAMILY = 'HSR Noto Sans SC';

let registered: Promise<void> | undefined;

/**
 * Adds the faces to the page (once; later calls return the same promise). The
 * list of files (6 KB gzip, shared with the export chunk) is a chunk of its
 * own, fetched here: it is not part of the scripts the first frame waits for.
 */
export function registerPageFonts(): Promise<void> {
  registered ??= import('virtual:hsr-export-fonts')
    .then(({ EXPORT_FACES }) => {
      for (const f of EXPORT_FACES) {
        if (f.cjk) document.fonts.add(new FontFace(PAGE_CJK_FAMILY, `url(${f.url}) format('woff2')`, { weight: String(f.weight), unicodeRange: f.unicodeRange, display: 'swap' }));
      }
    })
    .catch((e: unknown) => console.warn('the site’s Chinese font could not be registered:', e));
  return registered;
}
