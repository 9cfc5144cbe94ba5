import { describe, expect, it } from 'vitest';
import { readViewArg } from '../../scripts/view-arg.ts';

describe('the export CLI’s --view', () => {
  it('takes a link of the site (its query’s view too) or a hash', () => {
    expect(readViewArg('https://example.org/hsr/#map=3/30/100&layers=projects')).toEqual({
      ok: true,
      hash: '#map=3%2F30%2F100&layers=projects',
      url: 'https://example.org/hsr/#map=3/30/100&layers=projects',
    });
    expect(readViewArg('https://example.org/hsr/?lang=zh')).toMatchObject({ ok: true, hash: '#lang=zh' });
    expect(readViewArg('https://example.org/hsr/')).toEqual({ ok: true, hash: '', url: 'https://example.org/hsr/' });
    expect(readViewArg('#sel=project-23&lang=zh')).toEqual({ ok: true, hash: '#sel=project-23&lang=zh' });
    expect(readViewArg('layers=projects')).toEqual({ ok: true, hash: '#layers=projects' });
  });

  it('refuses, saying why, what the site would not read as a view', () => {
    for (const [view, why] of [
      ['not a view', /does not know "not a view"/],
      ['ftp://example.org/#map=3/30/100', /not a link of the site/],
      ['https://', /not a valid URL/],
      ['#zoom=3', /does not know "zoom"/],
      ['#map=far/away/x', /map=far\/away\/x is not a camera/],
      ['#', /no view in it/],
    ] as const) {
      const r = readViewArg(view);
      expect(r.ok, view).toBe(false);
      if (!r.ok) expect(r.error, view).toMatch(why);
    }
  });
});
