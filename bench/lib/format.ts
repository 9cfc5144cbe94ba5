/**
 * Text formatting for the bench's report: fixed-width tables (also valid
 * Markdown, so the printed table can be pasted into the README as is) and units.
 */

/** 1 KB = 1024 bytes throughout the bench (as Lighthouse's budgets count). */
export const KB = 1024;

export type Align = 'left' | 'right';

/**
 * A Markdown table padded to fixed widths. Cells are strings; columns after the
 * first are right-aligned unless `align` says otherwise. `|` inside a cell is escaped.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const cols = headers.length;
  for (const [i, r] of rows.entries()) {
    if (r.length !== cols) throw new Error(`row ${i} has ${r.length} cells, expected ${cols}`);
  }
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const al = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const body = [headers, ...rows].map((r) => r.map(esc));
  const width = headers.map((_, i) => Math.max(3, ...body.map((r) => [...r[i]!].length)));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(width[i]! - [...s].length);
    return al(i) === 'left' ? s + fill : fill + s;
  };
  const line = (r: readonly string[]) => `| ${r.map(pad).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (al(i) === 'left' ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(body[0]!), rule, ...body.slice(1).map(line)].join('\n');
}

/** Bytes as KB (1024) with one decimal below 100 KB, none above; "n/a" when missing. */
export function formatKB(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'n/a';
  const kb = bytes / KB;
  return `${kb < 100 ? kb.toFixed(1) : Math.round(kb).toString()} KB`;
}

/** Milliseconds: "850 ms" below 10 s, "12.3 s" above; "n/a" when missing. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  return ms < 10_000 ? `${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A ratio as "1.23×"; "n/a" when missing. */
export function formatRatio(r: number | undefined): string {
  return r === undefined || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}×`;
}

/** A Lighthouse category score (0–1) as 0–100; "n/a" when missing. */
export function formatScore(score: number | null | undefined): string {
  return score === undefined || score === null || !Number.isFinite(score) ? 'n/a' : Math.round(score * 100).toString();
}
