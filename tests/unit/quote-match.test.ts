/**
 * Quote matching for the reader: the same normalisation as the data build,
 * ranges mapped back to the original text, overlapping passages resolved and
 * the document laid out as marked paragraphs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseWhitespace, quoteInDocument } from '../../geo/quotes.ts';
import type { BaseProps } from '../../src/data/contract.ts';
import { citationsOf, citedRanges, findQuote, layoutDocument, normaliseWithMap, segments, type DocCitation } from '../../src/data/quote-match.ts';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('normaliseWithMap', () => {
  it.each([
    ['plain', 'a b', 'a b'],
    ['runs of whitespace', 'a \n\t  b', 'a b'],
    ['ends trimmed', '  a b \n', 'a b'],
    ['line break inside Chinese', '卫生\n交流', '卫生交流'],
    ['space between Chinese and Latin', '共 20 家', '共20家'],
    ['ideographic space', 'a\u3000b', 'a b'],
    ['full-width punctuation next to a space', '合作 ，交流', '合作，交流'],
    ['empty', ' \n ', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseWithMap(input).text).toBe(expected);
  });

  it('agrees with the data build on random text', () => {
    const alphabet = ['a', 'B', ' ', '\n', '\t', '\u3000', '卫', '生', '，', '“', '1', '.', '\r', 'é'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: Math.floor(rand() * 16) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(normaliseWithMap(s).text, JSON.stringify(s)).toBe(normaliseWhitespace(s));
    }
  });

  it('maps every kept character to its original position', () => {
    const src = '  推进“一带一路”\n卫生  交流 and   more ';
    const { text, map } = normaliseWithMap(src);
    expect(map).toHaveLength(text.length);
    for (let i = 0; i < text.length; i++) {
      const original = src[map[i]!]!;
      if (text[i] === ' ') expect(original).toMatch(/\s/);
      else expect(original).toBe(text[i]);
    }
  });
});

describe('findQuote', () => {
  const doc = 'Title\n\nThe forum was held in\nPrague, the Czech Republic.\n国家卫生计生委关于推进“一带一路”\n卫生交流合作三年实施方案\nThe forum was held in Prague again.';

  it.each([
    ['exact text', 'the Czech Republic', ['the Czech Republic']],
    ['across a line break (English)', 'held in Prague, the Czech', ['held in\nPrague, the Czech']],
    ['across a line break (Chinese)', '“一带一路”卫生交流合作', ['“一带一路”\n卫生交流合作']],
    ['every occurrence', 'The forum was held in', ['The forum was held in', 'The forum was held in']],
    ['quote with its own odd whitespace', '  Prague,\n the   Czech ', ['Prague, the Czech']],
  ])('finds %s', (_name, quote, expected) => {
    expect(findQuote(doc, quote).map((r) => slice(doc, r))).toEqual(expected);
  });

  it.each([
    ['case differs', 'the czech republic'],
    ['punctuation differs', 'Prague the Czech'],
    ['absent', 'Vienna'],
    ['blank', '   '],
  ])('does not find a quote when %s', (_name, quote) => {
    expect(findQuote(doc, quote)).toEqual([]);
  });
});

describe('citedRanges and segments', () => {
  const doc = 'AAA bbb CCC ddd EEE';
  const cites: DocCitation[] = [
    { id: 'f1', quote: 'bbb CCC' },
    { id: 'f2', quote: 'CCC ddd' },
    { id: 'f3', quote: 'bbb CCC' },
    { id: 'f4', quote: 'not there at all' },
  ];

  it('merges identical quotes and reports the missing ones', () => {
    const { ranges, missing } = citedRanges(doc, cites);
    expect(ranges.map((r) => [slice(doc, r), r.ids])).toEqual([
      ['bbb CCC', ['f1', 'f3']],
      ['CCC ddd', ['f2']],
    ]);
    expect(missing).toEqual([{ id: 'f4', quote: 'not there at all' }]);
  });

  it('lists a feature once per passage, however often it cites it', () => {
    const { ranges } = citedRanges(doc, [
      { id: 'f1', quote: 'bbb CCC' },
      { id: 'f1', quote: ' bbb\nCCC ' },
    ]);
    expect(ranges.map((r) => r.ids)).toEqual([['f1']]);
  });

  it('resolves overlaps into consecutive segments that cover the text', () => {
    const { ranges } = citedRanges(doc, cites);
    const segs = segments(doc.length, ranges, findQuote(doc, 'CCC ddd'));
    expect(segs.map((s) => [slice(doc, s), s.active, s.ids])).toEqual([
      ['AAA ', false, []],
      ['bbb ', false, ['f1', 'f3']],
      ['CCC', true, ['f1', 'f3', 'f2']],
      [' ddd', true, ['f2']],
      [' EEE', false, []],
    ]);
    expect(segs.map((s) => slice(doc, s)).join('')).toBe(doc);
  });

  it('is one plain segment when nothing is cited', () => {
    expect(segments(5, [])).toEqual([{ start: 0, end: 5, active: false, ids: [] }]);
  });
});

describe('layoutDocument', () => {
  it('splits lines into paragraphs and cuts a passage that spans a line break', () => {
    const doc = 'First line\n\nSecond line goes\non here.\n';
    const { ranges } = citedRanges(doc, [{ id: 'x', quote: 'goes on' }]);
    const paras = layoutDocument(doc, segments(doc.length, ranges));
    expect(paras.map((p) => p.parts.map((x) => [x.text, x.ids]))).toEqual([
      [['First line', []]],
      [
        ['Second line ', []],
        ['goes', ['x']],
      ],
      [
        ['on', ['x']],
        [' here.', []],
      ],
    ]);
  });

  it('keeps every character of every non-blank line', () => {
    const doc = 'a\r\n  \r\nb c\nd';
    const paras = layoutDocument(doc, segments(doc.length, []));
    expect(paras.map((p) => p.parts.map((x) => x.text).join(''))).toEqual(['a', 'b c', 'd']);
  });
});

describe('citationsOf', () => {
  const props = (id: string, sources: BaseProps['sources'], figures: BaseProps['figures'] = []) => ({ properties: { id, sources, figures } as unknown as BaseProps });

  it('collects sources and figure sources of one document, without repeats', () => {
    const fs = [
      props('a', [
        { doc: 'd1', quote: 'one' },
        { doc: 'd2', quote: 'two' },
        { doc: 'd1', quote: ' one ' },
      ]),
      props('b', [{ doc: 'd2', quote: 'x' }], [{ label: { en: '', zh: '' }, value: 1, unit: { en: '', zh: '' }, source: { doc: 'd1', quote: 'fig' } }]),
    ];
    expect(citationsOf(fs, 'd1')).toEqual([
      { id: 'a', quote: 'one' },
      { id: 'b', quote: 'fig' },
    ]);
  });
});

describe('the real data', () => {
  it('finds every quote of every feature in its document', () => {
    const dir = 'public/data';
    const features = readdirSync(dir)
      .filter((f) => f.endsWith('.geojson'))
      .flatMap((f) => (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { features: { properties: BaseProps }[] }).features);
    expect(features.length).toBeGreaterThan(100);
    for (const doc of readdirSync(`${dir}/documents`)) {
      const text = readFileSync(`${dir}/documents/${doc}`, 'utf8');
      const cites = citationsOf(features, doc);
      const { ranges, missing } = citedRanges(text, cites);
      expect(missing, doc).toEqual([]);
      for (const c of cites) expect(quoteInDocument(c.quote, text)).toBe(true);
      expect(ranges.length, doc).toBeGreaterThan(0);
    }
  });
});
