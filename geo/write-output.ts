/**
 * Writes the build's files as one step. Everything goes into a fresh folder
 * beside the output, is read back and compared, and only then replaces the
 * output folder (two renames on the same file system). A build that fails
 * midway — a blocked path, a full disk — leaves the output exactly as it was,
 * never half old and half new.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** Every file under `dir`, as paths relative to it (sorted). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir)
    .map((p) => relative(dir, p))
    .sort();
}

/** Why the written folder is not exactly `files`, or null when it is. */
function difference(dir: string, files: ReadonlyMap<string, string>): string | null {
  const written = listFiles(dir);
  const expected = [...files.keys()].sort();
  if (written.join('\n') !== expected.join('\n')) return `wrote ${written.length} files, expected ${expected.length}`;
  for (const f of expected) if (readFileSync(join(dir, f), 'utf8') !== files.get(f)) return `${f} reads back differently`;
  return null;
}

/**
 * Replaces `outDir` with exactly `files` (path relative to `outDir` → content),
 * or throws and leaves `outDir` untouched.
 */
export function writeOutputAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staged = mkdtempSync(join(parent, `.${basename(outDir)}.new-`));
  try {
    for (const [file, content] of files) {
      const path = join(staged, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    const diff = difference(staged, files);
    if (diff) throw new Error(`the new output does not read back as built: ${diff}`);
  } catch (e) {
    rmSync(staged, { recursive: true, force: true });
    throw e;
  }
  const previous = existsSync(outDir) ? `${staged}.previous` : null;
  if (previous) renameSync(outDir, previous);
  try {
    renameSync(staged, outDir);
  } catch (e) {
    if (previous) renameSync(previous, outDir);
    rmSync(staged, { recursive: true, force: true });
    throw e;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
}
