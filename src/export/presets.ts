/**
 * Export sizes: slide, paper and social presets, and parsing of a custom
 * `WIDTHxHEIGHT`. Pure.
 */
import type { Bilingual } from '../data/contract.ts';

export type PresetId = 'slide-hd' | 'slide-4k' | 'a4-portrait' | 'a4-landscape' | 'a3-portrait' | 'a3-landscape' | 'square';

export interface SizePreset {
  id: PresetId;
  label: Bilingual;
  width: number;
  height: number;
  /** Resolution written into the PNG (pHYs) and used for the PDF page size. */
  dpi: number;
}

/** Millimetres at `dpi` → pixels. ISO 216: A4 is 210 × 297 mm, A3 297 × 420 mm. */
const mm = (v: number, dpi: number) => Math.round((v / 25.4) * dpi);

/** Screen resolution assumed for slide and social presets (CSS reference pixel). */
export const SCREEN_DPI = 96;
export const PRINT_DPI = 300;

export const PRESETS: readonly SizePreset[] = [
  { id: 'slide-hd', label: { en: 'Slide 16:9 — 1920 × 1080', zh: '幻灯片 16:9 — 1920 × 1080' }, width: 1920, height: 1080, dpi: SCREEN_DPI },
  { id: 'slide-4k', label: { en: 'Slide 16:9 — 3840 × 2160', zh: '幻灯片 16:9 — 3840 × 2160' }, width: 3840, height: 2160, dpi: SCREEN_DPI },
  { id: 'a4-portrait', label: { en: 'A4 portrait, 300 dpi', zh: 'A4 纵向，300 dpi' }, width: mm(210, PRINT_DPI), height: mm(297, PRINT_DPI), dpi: PRINT_DPI },
  { id: 'a4-landscape', label: { en: 'A4 landscape, 300 dpi', zh: 'A4 横向，300 dpi' }, width: mm(297, PRINT_DPI), height: mm(210, PRINT_DPI), dpi: PRINT_DPI },
  { id: 'a3-portrait', label: { en: 'A3 portrait, 300 dpi', zh: 'A3 纵向，300 dpi' }, width: mm(297, PRINT_DPI), height: mm(420, PRINT_DPI), dpi: PRINT_DPI },
  { id: 'a3-landscape', label: { en: 'A3 landscape, 300 dpi', zh: 'A3 横向，300 dpi' }, width: mm(420, PRINT_DPI), height: mm(297, PRINT_DPI), dpi: PRINT_DPI },
  { id: 'square', label: { en: 'Square 1080 × 1080 (social media)', zh: '方形 1080 × 1080（社交媒体）' }, width: 1080, height: 1080, dpi: SCREEN_DPI },
];

export function presetById(id: string): SizePreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** `"3840x2160"` (or `×`, `X`, `*`) → `{ width, height }`, or null when malformed. */
export function parseSize(text: string): { width: number; height: number } | null {
  const m = /^\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*$/.exec(text);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  return width >= 16 && height >= 16 ? { width, height } : null;
}

/** Page size in PostScript points (1/72 in) of an image printed at `dpi`. */
export function pageSizePt(width: number, height: number, dpi: number): { width: number; height: number } {
  return { width: (width * 72) / dpi, height: (height * 72) / dpi };
}
