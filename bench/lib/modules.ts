/**
 * Groups a build's modules (`scripts/bundle-report-plugin.ts`) by where they
 * come from — an npm package, or a folder of the site's own `src/` — so the
 * bench can say what the scripts served before interactive are made of.
 */

export interface ModuleChunk {
  file: string;
  /** Module id → bytes in the chunk (minified, before compression). */
  modules: Record<string, number>;
}

/** `@scope/name` or `name` for a module under node_modules; `src/<folder>` for the site's own; else the id's last part. */
export function moduleGroup(id: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '').replace(/\\/g, '/');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = /\/src\/([^/]+)\//.exec(clean);
  if (src) return `src/${src[1]}`;
  if (/\/src\/[^/]+$/.test(clean)) return 'src';
  return clean.split('/').pop() ?? clean;
}

/** Bytes per group over the chunks named, largest first. */
export function groupModules(chunks: readonly ModuleChunk[], files?: ReadonlySet<string>): { group: string; bytes: number; modules: number }[] {
  const by = new Map<string, { bytes: number; modules: number }>();
  for (const c of chunks) {
    if (files && !files.has(c.file)) continue;
    for (const [id, bytes] of Object.entries(c.modules)) {
      const g = moduleGroup(id);
      const e = by.get(g) ?? { bytes: 0, modules: 0 };
      e.bytes += bytes;
      e.modules += 1;
      by.set(g, e);
    }
  }
  return [...by.entries()].map(([group, e]) => ({ group, ...e })).sort((a, b) => b.bytes - a.bytes || a.group.localeCompare(b.group));
}
