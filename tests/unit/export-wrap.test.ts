import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/export/draw.ts';

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
