/**
 * Finding the quotes of the map's features in a source document, for the
 * reader. A quote is matched the way the data build checks it
 * (`geo/quotes.ts`): both texts have their whitespace normalised — runs
 * collapsed to one space, and dropped next to CJK characters, where line
 * breaks carry no meaning — and nothing else. Matches are mapped back to
 * character ranges of the original text, so the reader can mark them while
 * showing the document exactly as it is.
 *
 * Pure: no DOM, no fetching.
 */
import type { BaseProps } from './contract.ts';

/** The same CJK class as `geo/quotes.ts` (CJK punctuation, ideographs, full-width forms). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const WS = /\s/;

/** A half-open range `[start, end)` of UTF-16 indices into the original text. */
export interface TextRange {
  start: number;
  end: number;
}

/** Text with its whitespace normalised, and where each of its characters came from. */
export interface NormalisedText {
  text: string;
  /** `map[i]` is the index in the original text of `text[i]`. */
  map: number[];
}

/**
 * Normalises whitespace exactly as `normaliseWhitespace` in `geo/quotes.ts`
 * (`s.replace(/\s+/g, ' ').replace(aroundCjk, '').trim()`), remembering the
 * original index of every character kept.
 */
export function normaliseWithMap(source: string): NormalisedText {
  let text = '';
  const map: number[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i]!;
    if (!WS.test(ch)) {
      text += ch;
      map.push(i);
      i++;
      continue;
    }
    let j = i;
    while (j < n && WS.test(source[j]!)) j++;
    // One space survives a run only between two non-CJK characters (and never at either end).
    const prev = text.length > 0 ? text[text.length - 1]! : undefined;
    const next = j < n ? source[j]! : undefined;
    if (prev !== undefined && next !== undefined && !CJK.test(prev) && !CJK.test(next)) {
      text += ' ';
      map.push(i);
    }
    i = j;
  }
  return { text, map };
}

/** The whitespace-normalised form of a quote (what the data build compares). */
export function normaliseQuote(quote: string): string {
  return normaliseWithMap(quote).text;
}

/**
 * Every occurrence of `quote` in the document, as ranges of the original text
 * (overlapping occurrences included). Empty when the quote is blank or absent.
 */
export function findQuote(doc: string | NormalisedText, quote: string): TextRange[] {
  const d = typeof doc === 'string' ? normaliseWithMap(doc) : doc;
  const q = normaliseQuote(quote);
  if (!q) return [];
  const out: TextRange[] = [];
  for (let at = d.text.indexOf(q); at !== -1; at = d.text.indexOf(q, at + 1)) {
    out.push({ start: d.map[at]!, end: d.map[at + q.length - 1]! + 1 });
  }
  return out;
}

/** One feature's citation of the document. */
export interface DocCitation {
  /** Feature id. */
  id: string;
  quote: string;
}

/**
 * The citations of `doc` made by the features, in feature order: each
 * feature's `sources` and the sources of its `figures`, without repeats.
 */
export function citationsOf(features: Iterable<{ properties: BaseProps }>, doc: string): DocCitation[] {
  const out: DocCitation[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const p = f.properties;
    const cites = [...p.sources, ...(p.figures ?? []).map((fig) => fig.source)];
    for (const c of cites) {
      if (c.doc !== doc) continue;
      const key = `${p.id}\u0000${normaliseQuote(c.quote)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: p.id, quote: c.quote });
    }
  }
  return out;
}

/** A cited passage found in the document. */
export interface CitedRange extends TextRange {
  /** The quote as normalised (identical quotes of several features share one range). */
  quote: string;
  /** Features citing this passage, in the order of `citations`. */
  ids: string[];
}

/**
 * Ranges of all quotes of all citations in the document, sorted by start then
 * end. Identical quotes become one range listing every feature citing them.
 * `missing` lists the citations whose quote does not occur (the data build
 * rejects those, so it is empty for the real data).
 */
export function citedRanges(text: string | NormalisedText, citations: readonly DocCitation[]): { ranges: CitedRange[]; missing: DocCitation[] } {
  const d = typeof text === 'string' ? normaliseWithMap(text) : text;
  const byQuote = new Map<string, { ids: string[]; found: TextRange[] }>();
  const missing: DocCitation[] = [];
  for (const c of citations) {
    const q = normaliseQuote(c.quote);
    let entry = byQuote.get(q);
    if (!entry) {
      entry = { ids: [], found: findQuote(d, c.quote) };
      byQuote.set(q, entry);
    }
    if (entry.found.length === 0) missing.push(c);
    else if (!entry.ids.includes(c.id)) entry.ids.push(c.id);
  }
  const ranges: CitedRange[] = [];
  for (const [quote, { ids, found }] of byQuote) for (const r of found) ranges.push({ ...r, quote, ids: [...ids] });
  ranges.sort((a, b) => a.start - b.start || a.end - b.end || (a.quote < b.quote ? -1 : a.quote > b.quote ? 1 : 0));
  return { ranges, missing };
}

/** A stretch of the document with the same marking throughout. */
export interface Segment extends TextRange {
  /** Inside the quote the reader was opened on. */
  active: boolean;
  /** Features citing some passage that covers this stretch (empty: plain text). */
  ids: string[];
}

/**
 * Cuts `[0, length)` into consecutive segments where overlapping passages are
 * resolved: each segment knows whether it lies in an active range and which
 * features cite it. Neighbouring segments with the same marking are merged.
 */
export function segments(length: number, cited: readonly CitedRange[], active: readonly TextRange[] = []): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const r of [...cited, ...active]) {
    cuts.add(Math.max(0, Math.min(length, r.start)));
    cuts.add(Math.max(0, Math.min(length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    if (end <= start) continue;
    const isActive = active.some((r) => r.start <= start && r.end >= end);
    const ids: string[] = [];
    for (const r of cited) if (r.start <= start && r.end >= end) for (const id of r.ids) if (!ids.includes(id)) ids.push(id);
    const last = out[out.length - 1];
    if (last && last.end === start && last.active === isActive && sameIds(last.ids, ids)) last.end = end;
    else out.push({ start, end, active: isActive, ids });
  }
  return out;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A piece of a paragraph: its text and its marking. */
export interface Part {
  text: string;
  start: number;
  active: boolean;
  ids: string[];
}

export interface Paragraph {
  /** Offset of the paragraph in the document. */
  start: number;
  parts: Part[];
}

/**
 * The document as paragraphs (one per non-blank line, as the source files are
 * written), each cut into parts along the segments. A passage that runs over
 * a line break becomes a part in each paragraph it touches.
 */
export function layoutDocument(text: string, segs: readonly Segment[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const lineRe = /[^\r\n]+/g;
  let k = 0;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    if (!m[0].trim()) continue;
    const start = m.index;
    const end = start + m[0].length;
    while (k < segs.length && segs[k]!.end <= start) k++;
    const parts: Part[] = [];
    for (let j = k; j < segs.length && segs[j]!.start < end; j++) {
      const s = segs[j]!;
      const a = Math.max(s.start, start);
      const b = Math.min(s.end, end);
      if (b > a) parts.push({ text: text.slice(a, b), start: a, active: s.active, ids: s.ids });
    }
    if (segs.length === 0) parts.push({ text: m[0], start, active: false, ids: [] });
    paragraphs.push({ start, parts });
  }
  return paragraphs;
}
