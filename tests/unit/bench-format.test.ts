import { describe, expect, it } from 'vitest';
import { formatKB, formatMs, formatRatio, formatScore, formatTable } from '../../bench/lib/format.ts';
import { bytesByKind, resourceKind } from '../../bench/lib/resources.ts';
import { lazyVerdicts } from '../../bench/lib/lazy.ts';

describe('bench format', () => {
  it('formats kilobytes (1024) with one decimal below 100 KB', () => {
    expect(formatKB(1536)).toBe('1.5 KB');
    expect(formatKB(900 * 1024)).toBe('900 KB');
    expect(formatKB(102_400 + 600)).toBe('101 KB');
    expect(formatKB(undefined)).toBe('n/a');
  });

  it('formats milliseconds and seconds', () => {
    expect(formatMs(16.666)).toBe('16.7 ms');
    expect(formatMs(850.4)).toBe('850 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(Number.NaN)).toBe('n/a');
  });

  it('formats ratios and Lighthouse scores', () => {
    expect(formatRatio(1.234)).toBe('1.23×');
    expect(formatRatio(undefined)).toBe('n/a');
    expect(formatScore(0.987)).toBe('99');
    expect(formatScore(1)).toBe('100');
    expect(formatScore(null)).toBe('n/a');
  });

  it('pads a Markdown table, right-aligning all but the first column', () => {
    const t = formatTable(
      ['measure', 'site'],
      [
        ['a', '1 ms'],
        ['longer | name', '10 ms'],
      ],
    );
    expect(t.split('\n')).toEqual(['| measure        |  site |', '|:---------------|------:|', '| a              |  1 ms |', '| longer \\| name | 10 ms |']);
  });

  it('rejects rows of the wrong width', () => {
    expect(() => formatTable(['a', 'b'], [['1']])).toThrow(/row 0/);
  });
});

describe('bench resources and lazy code', () => {
  it('classifies served paths', () => {
    expect(resourceKind('/assets/index-abc.js')).toBe('js');
    expect(resourceKind('/assets/index.css?v=1')).toBe('css');
    expect(resourceKind('/data/projects.geojson')).toBe('data');
    expect(resourceKind('/index.html')).toBe('other');
    expect(
      bytesByKind([
        { path: '/a.js', bytes: 10 },
        { path: '/b.json', bytes: 5 },
        { path: '/', bytes: 1 },
      ]),
    ).toEqual({ js: 10, css: 0, data: 5, other: 1, total: 16 });
  });

  it('finds lazy features defined in eager scripts', () => {
    const v = lazyVerdicts([
      { path: 'index.js', text: 'customElements.define(`hsr-reader`,X);customElements.define(`hsr-map`,Y)' },
      { path: 'hook.js', text: 'x' },
    ]);
    expect(v.find((x) => x.name === 'reader')?.eagerIn).toEqual(['index.js']);
    expect(v.find((x) => x.name === 'presentation')?.eagerIn).toEqual([]);
    expect(v.find((x) => x.name === 'export')?.eagerIn).toEqual([]);
  });
});
