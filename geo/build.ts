/**
 * The data build: seeds → validated GeoJSON in `public/data/`.
 *
 *   npm run data            write public/data/
 *   npm run data -- --check regenerate in memory and fail if anything differs
 *
 * Reads `seeds/` only; writes `public/data/` only, as a whole (a failed build
 * leaves it as it was). Fails (exit 1) listing every data error by table,
 * record and field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOutputs, type BuildLog } from './outputs.ts';
import { DataError } from './errors.ts';
import { listFiles, writeOutputAtomically } from './write-output.ts';

const OUT = 'public/data';

function main() {
  const check = process.argv.includes('--check');
  const started = performance.now();
  let outputs: Map<string, string>;
  const log: BuildLog = {};
  try {
    outputs = buildOutputs('seeds', log);
  } catch (e) {
    if (e instanceof DataError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  // Records with no place are drawn at country interior points: say which, every build.
  const placed = log.countryPlaced ?? [];
  if (placed.length) {
    console.log(`${placed.length} point records name no place and are drawn at country interior points (precision "country"):`);
    for (const c of placed) console.log(`  ${c.layer}: ${c.id} → ${c.drawnAt.join(' ')}`);
  }
  const existing = new Set(listFiles(OUT));
  if (check) {
    const changed: string[] = [];
    for (const [file, content] of outputs) {
      const path = join(OUT, file);
      if (!existsSync(path)) changed.push(`missing  ${file}`);
      else if (readFileSync(path, 'utf8') !== content) changed.push(`differs  ${file}`);
      existing.delete(file);
    }
    for (const extra of existing) changed.push(`extra    ${extra}`);
    if (changed.length) {
      console.error(`public/data is out of date with seeds/ — run \`npm run data\` and commit:\n  ${changed.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`data check: ${outputs.size} files regenerate byte-for-byte (${Math.round(performance.now() - started)} ms)`);
    return;
  }
  // All or nothing: a failed write leaves public/data as it was (write-output.ts).
  writeOutputAtomically(OUT, outputs);
  console.log(`data: wrote ${outputs.size} files to ${OUT}/ (${Math.round(performance.now() - started)} ms)`);
}

main();
