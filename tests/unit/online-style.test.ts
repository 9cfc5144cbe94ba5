/**
 * The opt-in online base map: only https URLs count, and the CSP grows by
 * exactly the configured origins (nothing when none is configured).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onlineStyleCsp, parseStyleUrl, styleOrigins } from '../../src/map/online-style.ts';

const csp = /content="(default-src[^"]*)"/.exec(readFileSync('index.html', 'utf8'))![1]!;

describe('online style configuration', () => {
  it('accepts absolute https URLs only', () => {
    expect(parseStyleUrl('https://tiles.openfreemap.org/styles/liberty')?.origin).toBe('https://tiles.openfreemap.org');
    for (const bad of [undefined, '', 'http://tiles.example/style.json', 'javascript:alert(1)', '/styles/x.json', 'not a url']) expect(parseStyleUrl(bad), String(bad)).toBeNull();
  });

  it('lists the style origin and the extra ones, deduplicated and sorted', () => {
    expect(styleOrigins('https://a.example/style.json', 'https://tiles.b.example/x, https://a.example/y http://insecure.example')).toEqual(['https://a.example', 'https://tiles.b.example']);
    // Extra origins alone do not switch anything on.
    expect(styleOrigins(undefined, 'https://tiles.b.example')).toEqual([]);
  });

  it('leaves the CSP untouched by default', () => {
    expect(onlineStyleCsp(csp, [])).toBe(csp);
    expect(csp).toContain("connect-src 'self';");
  });

  it('allows the configured origins to be fetched and shown, and nothing else', () => {
    const out = onlineStyleCsp(csp, ['https://a.example', 'https://tiles.b.example']);
    expect(out).toContain("connect-src 'self' https://a.example https://tiles.b.example;");
    expect(out).toMatch(/img-src 'self' data: blob: https:\/\/a\.example https:\/\/tiles\.b\.example;/);
    expect(out).toContain("script-src 'self';");
    expect(out).not.toContain('unsafe-eval');
  });
});
