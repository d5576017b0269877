/**
 * The DfE disadvantage gap index: rank every pupil of a cohort by attainment (ties share the mean of their
 * ranks), take the mean rank of the focus group (e.g. disadvantaged pupils) and of the others, divide the
 * difference by the cohort size and multiply by 20. 0 means no gap; 10 means every focus pupil is below
 * every other pupil. Negative means the focus group does better. Pupils of different year groups are ranked
 * within their own year group (`rankWithin`), each rank scaled by its year group's size, so mixed cohorts
 * compare like with like; for one year group this is exactly the DfE index.
 */
export interface RankedPupil {
  score: number;
  focus: boolean;
  /** Pupils are ranked only against others with the same key (e.g. year group). */
  rankWithin?: number | string;
}

export function gapIndex(pupils: readonly RankedPupil[]): number | null {
  const byGroup = new Map<number | string, RankedPupil[]>();
  for (const p of pupils) {
    const key = p.rankWithin ?? 0;
    byGroup.set(key, [...(byGroup.get(key) ?? []), p]);
  }
  let focusSum = 0;
  let focusCount = 0;
  let otherSum = 0;
  let otherCount = 0;
  for (const group of byGroup.values()) {
    const sorted = [...group].sort((a, b) => a.score - b.score);
    const n = sorted.length;
    let i = 0;
    while (i < n) {
      let j = i;
      while (j + 1 < n && (sorted[j + 1] as RankedPupil).score === (sorted[i] as RankedPupil).score) j++;
      // ranks i+1..j+1 tie: each gets their mean, scaled to the year group's size
      const scaled = ((i + 1 + j + 1) / 2 - 0.5) / n;
      for (let k = i; k <= j; k++) {
        if ((sorted[k] as RankedPupil).focus) {
          focusSum += scaled;
          focusCount++;
        } else {
          otherSum += scaled;
          otherCount++;
        }
      }
      i = j + 1;
    }
  }
  if (focusCount === 0 || otherCount === 0) return null;
  return 20 * (otherSum / otherCount - focusSum / focusCount);
}
