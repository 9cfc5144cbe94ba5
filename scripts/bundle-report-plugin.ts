/**
 * What is in each chunk of a build, module by module (Vite's own bundle
 * information: each module's rendered length after tree-shaking and
 * minification), written as JSON when `HSR_BUNDLE_REPORT=<file>` is set. The
 * bench reads it to say what the scripts served before the map is interactive
 * are made of (`bench/lib/modules.ts`).
 */
import { writeFileSync } from 'node:fs';
import type { Plugin } from 'vite';

export interface ChunkReport {
  file: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  /** Module id → bytes it takes in the chunk (minified, before compression). */
  modules: Record<string, number>;
}

export function bundleReportPlugin(out = process.env.HSR_BUNDLE_REPORT): Plugin {
  return {
    name: 'bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (!out) return;
      const chunks: ChunkReport[] = [];
      for (const c of Object.values(bundle)) {
        if (c.type !== 'chunk') continue;
        chunks.push({
          file: c.fileName,
          isEntry: c.isEntry,
          isDynamicEntry: c.isDynamicEntry,
          modules: Object.fromEntries(Object.entries(c.modules).map(([id, m]) => [id, m.renderedLength])),
        });
      }
      writeFileSync(out, `${JSON.stringify(chunks, null, 1)}\n`);
    },
  };
}
