/**
 * The data build's output is written all or nothing: a write that fails midway
 * leaves the output folder exactly as it was.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listFiles, writeOutputAtomically } from '../../geo/write-output.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A parent folder holding `data/` with the files of an earlier build. */
function earlierBuild(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'hsr-out-'));
  dirs.push(parent);
  const out = join(parent, 'data');
  mkdirSync(join(out, 'overview'), { recursive: true });
  writeFileSync(join(out, 'manifest.json'), 'old manifest');
  writeFileSync(join(out, 'projects.geojson'), 'old projects');
  writeFileSync(join(out, 'records.csv'), 'old records');
  writeFileSync(join(out, 'overview', 'zones.geojson'), 'old zones');
  return { parent, out };
}

const snapshot = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('writing the data build', () => {
  it('replaces the output with exactly the new files (stale ones gone)', () => {
    const { parent, out } = earlierBuild();
    writeOutputAtomically(
      out,
      new Map([
        ['manifest.json', 'new manifest'],
        ['basemap/countries.geojson', 'countries'],
      ]),
    );
    expect(snapshot(out)).toEqual({ 'basemap/countries.geojson': 'countries', 'manifest.json': 'new manifest' });
    // Nothing staged is left beside it.
    expect(readdirSync(parent)).toEqual(['data']);
  });

  it('leaves the output exactly as it was when a path is blocked midway', () => {
    const { parent, out } = earlierBuild();
    const before = snapshot(out);
    // "manifest.json" first, then a file under "manifest.json/": the second cannot be written.
    const files = new Map([
      ['manifest.json', 'new manifest'],
      ['projects.geojson', 'new projects'],
      ['manifest.json/nested.csv', 'x'],
    ]);
    expect(() => writeOutputAtomically(out, files)).toThrow();
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['data']);
  });
});
