import { describe, expect, it } from 'vitest';
import { readChapterList } from '../../scripts/chapter-list.ts';

describe('the export CLI’s --chapters', () => {
  it('reads chapters and ranges, 1-based, in the order given, each once', () => {
    expect(readChapterList('1,4-6,10', 10)).toEqual({ ok: true, chapters: [1, 4, 5, 6, 10] });
    expect(readChapterList('10, 1', 10)).toEqual({ ok: true, chapters: [10, 1] });
    expect(readChapterList('2-3,3,2', 5)).toEqual({ ok: true, chapters: [2, 3] });
    expect(readChapterList('7', 7)).toEqual({ ok: true, chapters: [7] });
  });

  it('refuses, saying why, what is not a chapter of the story', () => {
    for (const [list, why] of [
      ['0', /no chapter 0 \(the story has 1–10\)/],
      ['11', /no chapter 11/],
      ['9-12', /no chapter 11/],
      ['5-2', /runs backwards/],
      ['', /"" is not a chapter/],
      ['1,,2', /"" is not a chapter/],
      ['one', /"one" is not a chapter/],
      ['1.5', /"1.5" is not a chapter/],
      ['-3', /"-3" is not a chapter/],
    ] as const) {
      const r = readChapterList(list, 10);
      expect(r.ok, list).toBe(false);
      if (!r.ok) expect(r.error, list).toMatch(why);
    }
  });
});
