import { describe, expect, it } from 'vitest';
import { headingsWithItems, legendRows, wrapText } from '../../src/export/draw.ts';
import { missingChars } from '../../src/export/fonts.ts';

/** A canvas stand-in where every character is 1 unit wide. */
const mono = { measureText: (s: string) => ({ width: [...s].length }) } as unknown as CanvasRenderingContext2D;

describe('wrapText (export footer)', () => {
  it('breaks English between words', () => {
    expect(wrapText(mono, 'Boundaries from Natural Earth, illustrative only', 20)).toEqual(['Boundaries from', 'Natural Earth,', 'illustrative only']);
  });
  it('breaks Chinese between characters, never before closing punctuation', () => {
    const lines = wrapText(mono, '引用文件：北京公报 (2017)；推进方案。', 8);
    expect(lines.join('')).toBe('引用文件：北京公报(2017)；推进方案。');
    for (const l of lines) expect(l).not.toMatch(/^[，。；：、）》」』”！？]/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(8);
  });
  it('returns no line for empty text', () => expect(wrapText(mono, '', 10)).toEqual([]));
});

describe('legendRows (export legend)', () => {
  const item = (label: string) => ({ key: label, label: { en: label, zh: label }, color: '#000000', swatch: { kind: 'line' as const } });
  const sections = [
    {
      layer: 'mechanisms' as const,
      title: { en: 'Mechanisms', zh: '机制' },
      items: [item('Short'), item('China–Central and Eastern European Countries (16+1) cooperation mechanism for health'), item('x '.repeat(400).trim())],
    },
  ];

  it('wraps a long label onto a second row instead of cutting it, at most two rows per label', () => {
    // 1920 × 1080: unit 1, a 300-px column; at 4 px a character about 65 fit beside the swatch.
    const narrow = { measureText: (s: string) => ({ width: [...s].length * 4 }) } as unknown as CanvasRenderingContext2D;
    const rows = legendRows(narrow, 1920, 1080, sections, 'en');
    expect(rows[0]).toMatchObject({ heading: true, text: 'Mechanisms' });
    expect(rows[1]).toMatchObject({ heading: false, text: 'Short' });
    expect(rows[1]!.item?.key).toBe('Short');
    // The long one: two rows, the second without a swatch, nothing lost or ellipsised.
    const long = rows.slice(2, 4);
    expect(long[0]!.item?.key).toMatch(/^China/);
    expect(long[1]!.item).toBeUndefined();
    expect(`${long[0]!.text} ${long[1]!.text}`).toBe('China–Central and Eastern European Countries (16+1) cooperation mechanism for health');
    // The very long one is cut at the end of its second row.
    expect(rows.length).toBe(6);
    expect(rows[5]!.text.endsWith('…')).toBe(true);
  });
});

describe('missingChars (export font coverage)', () => {
  it('names the characters the shipped font lacks, once each, ignoring spaces', () => {
    expect(missingChars('Health Silk Road 健康丝绸之路')).toEqual([]);
    expect(missingChars('Map 齉 齉 𠀀\n')).toEqual(['齉', '𠀀']);
  });
});

describe('headingsWithItems', () => {
  const h = (text: string) => ({ text, heading: true });
  const i = (text: string) => ({ text, heading: false });
  it('moves a heading that would end a column to the next, and leaves the others', () => {
    // Three a column: “B” would be the third row, alone at the foot of the first column.
    const rows = [h('A'), i('a1'), h('B'), i('b1'), i('b2')];
    const kept = headingsWithItems(rows, 3);
    expect(kept.map((r) => r.text)).toEqual(['A', 'a1', '', 'B', 'b1', 'b2']);
    expect(kept.indexOf(rows[2]!) % 3).toBe(0);
    // Nothing to move: the same rows.
    expect(headingsWithItems(rows, 2)).toEqual(rows);
    expect(headingsWithItems(rows, 10)).toEqual(rows);
    expect(headingsWithItems(rows, 1)).toEqual(rows);
  });
});
