/**
 * Deterministic serialisation: the same seeds always give the same bytes.
 * Features sorted by id, keys in the order the builders set them, coordinates
 * rounded, one feature per line (so `git diff` shows one changed feature as one
 * changed line), a trailing newline.
 */
import { createHash } from 'node:crypto';
import type { Geometry, Position } from 'geojson';
import type { LayerFeature } from './layers/context.ts';
import { simplify } from '@turf/simplify';
import { geometryBounds, toBBox, type BBox } from '../src/data/bounds.ts';

/**
 * Decimal places kept: 4 (≈ 11 m) for points and lines; 3 (≈ 110 m) for
 * polygons, which come from simplified Natural Earth 50m outlines anyway and
 * make up most of the bytes. The map shows zoom ≤ 8 (≈ 600 m a pixel).
 */
export const COORD_DIGITS = 4;
export const POLYGON_DIGITS = 3;

function roundPos(p: Position, digits: number): Position {
  const f = 10 ** digits;
  return p.map((x) => Math.round(x * f) / f);
}

/** Rounds a line, dropping points that became equal to their predecessor. */
function roundLine(line: Position[], digits: number): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const r = roundPos(p, digits);
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out;
}

export function roundGeometry(g: Geometry, digits = COORD_DIGITS): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPos(g.coordinates, digits) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map((p) => roundPos(p, digits)) };
    case 'LineString':
      return { type: 'LineString', coordinates: roundLine(g.coordinates, digits) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => roundLine(l, digits)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => roundLine(r, digits)).filter((r) => r.length >= 4) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((poly) => poly.map((r) => roundLine(r, digits)).filter((r) => r.length >= 4)).filter((poly) => poly.length > 0),
      };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => roundGeometry(x, digits)) };
  }
}

/**
 * Douglas–Peucker tolerance for lines, in degrees: ≈ 1 px at zoom 8, the map's
 * maximum. Routes are smooth curves sampled densely (bezier splines) or shipping
 * lanes with a vertex every few hundred metres; most of those vertices draw
 * nothing a screen can show.
 */
export const LINE_TOLERANCE = 0.003;

const simplifyPath = (line: Position[]): Position[] =>
  line.length <= 2 ? line : simplify({ type: 'LineString', coordinates: line }, { tolerance: LINE_TOLERANCE, highQuality: true, mutate: false }).coordinates;

/** Lines simplified to `LINE_TOLERANCE` (other geometries unchanged). */
export function simplifyLines(g: Geometry): Geometry {
  if (g.type === 'LineString') return { type: 'LineString', coordinates: simplifyPath(g.coordinates) };
  if (g.type === 'MultiLineString') return { type: 'MultiLineString', coordinates: g.coordinates.map(simplifyPath) };
  return g;
}

/** Rounds a feature's geometry to what is shipped: polygons to POLYGON_DIGITS, the rest to COORD_DIGITS; lines simplified first. */
export function roundShipped(g: Geometry): Geometry {
  return roundGeometry(simplifyLines(g), g.type === 'Polygon' || g.type === 'MultiPolygon' ? POLYGON_DIGITS : COORD_DIGITS);
}

/** Rounds numbers in `[lon, lat]` pairs found in properties (place coordinates). */
function roundProps(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 2 && value.every((x) => typeof x === 'number')) return roundPos(value, 5);
    return value.map(roundProps);
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundProps(v)]));
  return value;
}

/** The `bbox` of a shipped geometry (RFC 7946: east < west across the antimeridian). */
function shippedBBox(g: Geometry): BBox | undefined {
  const b = geometryBounds(g);
  return b ? toBBox(b) : undefined;
}

/** The `bbox` of every feature as shipped, by id: an overview file carries its detailed features' (see `serializeLayer`). */
export function shippedBBoxes(features: readonly LayerFeature[]): Map<string, BBox | undefined> {
  return new Map(features.map((f) => [f.id, shippedBBox(roundShipped(f.geometry))]));
}

/**
 * A FeatureCollection as text: sorted by id, one feature per line. Every
 * feature carries its `bbox`: the bounds the site frames it by. `bboxes`
 * (from `shippedBBoxes` of the detailed features) gives an overview's features
 * the bounds of their detailed geometry, so a frame is the same whichever
 * outlines are loaded.
 */
export function serializeLayer(features: readonly LayerFeature[], bboxes?: ReadonlyMap<string, BBox | undefined>): string {
  const sorted = [...features].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = sorted.map((f) => {
    const geometry = roundShipped(f.geometry);
    const bbox = bboxes?.get(f.id) ?? shippedBBox(geometry);
    return JSON.stringify({ type: 'Feature', id: f.id, ...(bbox ? { bbox } : {}), geometry, properties: roundProps(f.properties) });
  });
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Pretty JSON with a trailing newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a spreadsheet program reads as the start of a formula in a text cell (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet programs read the
 * Chinese correctly), safe to open in one: a text cell that a spreadsheet would
 * evaluate (`=HYPERLINK(…)`, `+`, `-`, `@`, a tab or a carriage return first)
 * gets a leading `'`, as OWASP advises; numbers (`lon`, `lat`, `value`) stay
 * numbers. Every row has the header's width (short rows are padded).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  const cell = (v: string | number | undefined) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`CSV: ${v} is not a number a spreadsheet can read`);
      return String(v);
    }
    const s = v === undefined ? '' : FORMULA_START.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const line = (r: readonly (string | number | undefined)[], i: number) => {
    if (r.length > header.length) throw new Error(`CSV: row ${i} has ${r.length} cells for a header of ${header.length}`);
    return [...r, ...Array<undefined>(header.length - r.length)].map(cell).join(',');
  };
  return `\ufeff${[header, ...rows].map(line).join('\r\n')}\r\n`;
}
