import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/data/dataset.ts';
import { defaultState, type AppState } from '../../src/state/app-state.ts';
import { unknownValuesPatch } from '../../src/state/known-values.ts';
import { EMPTY_MANIFEST, feat } from '../helpers/features.ts';

const box = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
const data = makeDataset(
  { ...EMPTY_MANIFEST, documents: [{ file: 'communique-2017.en.txt', title_en: 'C', title_zh: '公报', date: '2017-08-18', language: 'en', sha256: 'x' }] },
  {
    mechanisms: [feat('mechanisms', 'mech-sco', box, { countries: ['CN', 'KZ'] })],
    projects: [feat('projects', 'project-23', { type: 'Point', coordinates: [14, 50] }, { countries: ['CZ'], status: 'planned' })],
  },
);
const state = (p: Partial<AppState>): AppState => ({ ...defaultState(), ...p });

describe('unknownValuesPatch', () => {
  it('leaves a view the data knows alone', () => {
    const s = state({
      mechanisms: ['mech-sco'],
      selected: 'project-23',
      reader: { doc: 'communique-2017.en.txt', quote: null },
      filters: { ...defaultState().filters, country: 'CZ', statuses: ['planned'] },
    });
    expect(unknownValuesPatch(s, data)).toBeNull();
  });

  it('drops well-formed values that name nothing: mechanism, country, status, document, feature', () => {
    const s = state({
      mechanisms: ['mech-sco', 'unknown'],
      selected: 'nope',
      reader: { doc: 'nope.en.txt', quote: 'x' },
      filters: { ...defaultState().filters, country: 'ZZ', statuses: ['planned', 'held'] },
    });
    expect(unknownValuesPatch(s, data)).toEqual({ mechanisms: ['mech-sco'], selected: null, reader: null, filters: { country: null, statuses: ['planned'] } });
  });

  it('keeps what a layer that failed to load might have held', () => {
    const s = state({ mechanisms: ['unknown'], selected: 'nope', filters: { ...defaultState().filters, country: 'ZZ' } });
    expect(unknownValuesPatch(s, data, ['mechanisms'])).toBeNull();
  });
});
