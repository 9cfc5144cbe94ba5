/**
 * PNG chunk helpers: write the resolution (`pHYs`) into a PNG so print software
 * places a 300 dpi export at its physical size, and read size and resolution
 * back (tests, CLI). Pure byte manipulation, no DOM: runs in Node and browsers.
 *
 * PNG layout (ISO/IEC 15948 §5): an 8-byte signature, then chunks of
 * `length (4, big-endian) · type (4 ASCII) · data · CRC-32 (4)` where the CRC
 * covers type and data. `pHYs` (§11.3.5.3) holds pixels per unit X and Y
 * (4 bytes each) and a unit byte (1 = metre); it must come before the first
 * `IDAT`, so it is placed right after `IHDR` (always the first chunk).
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const INCH_M = 0.0254;

let table: Uint32Array | undefined;
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309 / ITU-T V.42, the one PNG and zlib use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk (its length field) in the file. */
  offset: number;
  data: Uint8Array;
  crcOk: boolean;
}

/** The chunks of a PNG, in order. Throws on a file that is not a PNG or is cut short. */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngChunk[] = [];
  let p = 8;
  while (p + 12 <= bytes.length) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(...bytes.subarray(p + 4, p + 8));
    const end = p + 12 + len;
    if (end > bytes.length) throw new Error(`truncated PNG chunk ${type} at ${p}`);
    const data = bytes.subarray(p + 8, p + 8 + len);
    out.push({ type, offset: p, data, crcOk: crc32(bytes.subarray(p + 4, p + 8 + len)) === view.getUint32(p + 8 + len) });
    p = end;
    if (type === 'IEND') break;
  }
  if (out.at(-1)?.type !== 'IEND') throw new Error('truncated PNG: no IEND chunk');
  return out;
}

/** Builds one chunk: length, type, data, CRC. */
export function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Dots per inch → pixels per metre, as `pHYs` stores it (300 dpi → 11811). */
export function dpiToPpm(dpi: number): number {
  return Math.round(dpi / INCH_M);
}

/**
 * Returns a copy of `png` whose `pHYs` chunk says `dpi` (any existing `pHYs` is
 * replaced). The image data is untouched.
 */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (!(dpi > 0)) throw new Error(`invalid dpi ${dpi}`);
  const chunks = pngChunks(png);
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  const ppm = dpiToPpm(dpi);
  view.setUint32(0, ppm);
  view.setUint32(4, ppm);
  data[8] = 1; // unit: metre
  const phys = makeChunk('pHYs', data);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of chunks) {
    if (c.type === 'pHYs') continue;
    parts.push(png.subarray(c.offset, c.offset + 12 + c.data.length));
    if (c.type === 'IHDR') parts.push(phys);
  }
  const out = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let p = 0;
  for (const b of parts) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

export interface PngInfo {
  width: number;
  height: number;
  /** From `pHYs` when its unit is the metre, rounded to 0.1; null without one. */
  dpi: number | null;
}

/** Width, height and resolution of a PNG. */
export function readPngInfo(png: Uint8Array): PngInfo {
  const chunks = pngChunks(png);
  const ihdr = chunks.find((c) => c.type === 'IHDR');
  if (!ihdr) throw new Error('PNG has no IHDR');
  const hv = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  const phys = chunks.find((c) => c.type === 'pHYs');
  let dpi: number | null = null;
  if (phys && phys.data[8] === 1) {
    const pv = new DataView(phys.data.buffer, phys.data.byteOffset, phys.data.byteLength);
    dpi = Math.round(pv.getUint32(0) * INCH_M * 10) / 10;
  }
  return { width: hv.getUint32(0), height: hv.getUint32(4), dpi };
}
