/**
 * The neutral hatch of disputed areas: diagonal lines in the base map's border
 * colour on a transparent tile, made here (no sprite file, no request) and added
 * to a map when its style first asks for it (MapLibre's missing-image resolver),
 * so every map — the live one and the export's — has it, after any style change too.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP_PALETTES, HATCH_IMAGE } from './basemap-style.ts';

/** Tile side in device pixels, and its pixel ratio: lines 8 CSS pixels apart at any zoom. */
const SIZE = 32;
const RATIO = 4;

/** The hatch tile's RGBA pixels: one antialiased diagonal (45°), wrapping seamlessly across tiles. */
export function hatchPixels(size = SIZE, lineWidth = 1.3 * RATIO, rgb: [number, number, number] = hexRgb(BASEMAP_PALETTES.light.border), alpha = 0.75): Uint8ClampedArray {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance to the nearest line x + y ≡ 0 (mod size), across the tile's wrap.
      const d = ((x + y + 0.5) % size) / Math.SQRT2;
      const dist = Math.min(d, size / Math.SQRT2 - d);
      const cover = Math.max(0, Math.min(1, lineWidth / 2 - dist + 0.5));
      const i = (y * size + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = Math.round(255 * alpha * cover);
    }
  }
  return data;
}

function hexRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Makes `map` add the hatch whenever its style needs it. */
export function provideHatch(map: MapLibreMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (id !== HATCH_IMAGE || map.hasImage(HATCH_IMAGE)) return;
    map.addImage(HATCH_IMAGE, { width: SIZE, height: SIZE, data: hatchPixels() }, { pixelRatio: RATIO });
  });
}
