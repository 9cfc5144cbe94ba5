/**
 * The export CLI's `--chapters`: which chapters of a story `--all` and
 * `--handout` make, as a person would write them: `1,4-6,10` (1-based, in the
 * order given, each once). Anything else is an error naming what is wrong.
 */
export type ChapterList = { ok: true; chapters: number[] } | { ok: false; error: string };

export function readChapterList(list: string, count: number): ChapterList {
  const chapters: number[] = [];
  for (const part of list.split(',').map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return { ok: false, error: `--chapters ${list}: "${part}" is not a chapter or a range (expected e.g. 1,4-6)` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return { ok: false, error: `--chapters ${list}: the range ${part} runs backwards` };
    for (let n = from; n <= to; n++) {
      if (n < 1 || n > count) return { ok: false, error: `--chapters ${list}: there is no chapter ${n} (the story has 1–${count})` };
      if (!chapters.includes(n)) chapters.push(n);
    }
  }
  return { ok: true, chapters };
}
