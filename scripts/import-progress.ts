import type { CtfSummary } from '@commonroom/progress/ctf';

/** What an import says as it goes: one line per file on the terminal, a summary at the end. */
export interface CtfTotals {
  files: number;
  pupils: number;
  inserted: number;
  updated: number;
  unchanged: number;
  moved: number;
  rejected: number;
  resultsWritten: number;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Counts files and pupils as they are imported and writes, after each file, where the import is: files done of
 * all, pupils so far, the rate, and the time left — estimated from the bytes still to read at the rate so far
 * (files differ a lot in size). `now` is a parameter so a test can drive the clock.
 */
export function ctfProgress(sizes: number[], write: (line: string) => void, now: () => number = Date.now) {
  const started = now();
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let bytesDone = 0;
  const totals: CtfTotals = {
    files: 0,
    pupils: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    moved: 0,
    rejected: 0,
    resultsWritten: 0,
  };
  const step = (file: string, what: string) => {
    bytesDone += sizes[totals.files] ?? 0;
    totals.files++;
    const elapsed = Math.max(now() - started, 1);
    const left = bytesDone > 0 ? (elapsed / bytesDone) * (totalBytes - bytesDone) : 0;
    write(
      `[${totals.files}/${sizes.length}] ${file}: ${what} · ${totals.pupils} pupils, ` +
        `${Math.round((totals.pupils * 1000) / elapsed)}/s, ${seconds(elapsed)} so far, about ${seconds(left)} left\n`,
    );
  };
  return {
    totals,
    imported(file: string, r: CtfSummary) {
      for (const key of ['inserted', 'updated', 'unchanged', 'moved', 'resultsWritten'] as const)
        totals[key] += r[key];
      totals.pupils += r.inserted + r.updated + r.unchanged;
      step(
        file,
        `→ ${r.urn}: ${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.moved} moved here`,
      );
    },
    rejected(file: string) {
      totals.rejected++;
      step(file, 'rejected');
    },
    summary() {
      return (
        `${totals.files} file(s), ${totals.pupils} pupils in ${seconds(now() - started)}: ${totals.inserted} inserted, ` +
        `${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.moved} moved, ` +
        `${totals.rejected} file(s) rejected; ${totals.resultsWritten} key-stage results written`
      );
    },
  };
}
