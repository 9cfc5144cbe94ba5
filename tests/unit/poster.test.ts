import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTER_SHAPES, posterFile, posterView } from '../../src/app/poster.ts';
import { posterMarkup, posterProblem } from '../../scripts/poster-plugin.ts';
import { opensDefaultView, POSTER_TIMING_ID } from '../../src/app/poster-paint.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { WORLDVIEWS } from '../../src/data/worldviews.ts';
import { LANGS } from '../../src/data/vocabulary.ts';
import { DEFAULT_LAYERS } from '../../src/layers/registry.ts';

const PUBLIC = resolve('public');

describe('poster', () => {
  it('is committed for every language, worldview and shape of window, drawn from the data the build ships', () => {
    for (const lang of LANGS) for (const wv of WORLDVIEWS) for (const s of POSTER_SHAPES) expect(existsSync(join(PUBLIC, posterFile(lang, wv, s.id))), posterFile(lang, wv, s.id)).toBe(true);
    expect(posterProblem(PUBLIC)).toBeNull();
  });

  it('is the default view’s picture only', () => {
    expect(posterView(defaultState('zh', 'cn'))).toEqual({ lang: 'zh', worldview: 'cn' });
    expect(posterView({ ...defaultState(), camera: { lon: 100, lat: 30, zoom: 4, bearing: 0, pitch: 0 } })).toBeNull();
    expect(posterView({ ...defaultState(), layers: DEFAULT_LAYERS.slice(1) })).toBeNull();
    expect(posterView({ ...defaultState(), filters: { ...defaultState().filters, direction: 'maritime' } })).toBeNull();
  });

  it('puts the build’s default worldview in the page, the narrow picture for a phone', () => {
    const html = posterMarkup('cn', { wide: { width: 705, height: 548 }, narrow: { width: 293, height: 512 } });
    expect(html).toContain(`<source media="(max-width: 720px)" srcset="${posterFile('en', 'cn', 'narrow')}" width="293" height="512" />`);
    expect(html).toContain(`<img src="${posterFile('en', 'cn', 'wide')}" width="705" height="548"`);
    // Its paint is reported (Element Timing) under the name the entry script waits for.
    expect(html).toContain(`elementtiming="${POSTER_TIMING_ID}"`);
  });

  it('waits for the poster only at an address with no view in it', () => {
    expect(opensDefaultView({ hash: '', search: '' })).toBe(true);
    expect(opensDefaultView({ hash: '#', search: '?test' })).toBe(true);
    expect(opensDefaultView({ hash: '#map=4/30/100', search: '' })).toBe(false);
    expect(opensDefaultView({ hash: '#lang=zh&wv=cn', search: '?test' })).toBe(false);
    expect(opensDefaultView({ hash: '', search: '?embed' })).toBe(false);
  });
});
