import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, expectedPoints, type PointInTime, subjectYearResult } from './progress.ts';

/** A pupil in Year 3 in 2024, assessed termly from Year 2 (2023) with the given points. */
function history(points: number[]): PointInTime[] {
  return points.map((p, i) => ({
    academicYear: 2023 + Math.floor(i / 3),
    term: ((i % 3) + 1) as 1 | 2 | 3,
    yearGroup: 2 + Math.floor(i / 3),
    points: p,
  }));
}

describe('expected standard and progress', () => {
  it('puts the expected standard at level 2b (15) at the end of Year 2 and 4b (27) at the end of Year 6', () => {
    expect(expectedPoints(2, 3)).toBe(15);
    expect(expectedPoints(6, 3)).toBe(27);
    expect(expectedPoints(3, 1)).toBe(16);
  });

  it('measures progress from the last assessment of the year before, against 1 point a term', () => {
    // baseline summer 2023 = 15; summer 2024 = 19: gain 4 over 3 terms, expected 3 → +1
    const r = subjectYearResult(history([13, 14, 15, 16, 17.5, 19]), 2024);
    expect(r).toMatchObject({ attainment: 19, expected: 18, atExpected: true, progress: 1, stuck: false });
  });

  it('measures from the first assessment of the year when there is none before', () => {
    const r = subjectYearResult(history([13, 13.5, 14]), 2023);
    // 14 − 13 = 1 over 2 terms, expected 2 → −1; 14 < 15 so below expected
    expect(r).toMatchObject({ attainment: 14, progress: -1, atExpected: false });
  });

  it('returns null for a year without assessments and ignores later ones', () => {
    expect(subjectYearResult(history([13, 14, 15]), 2024)).toBeNull();
    expect(subjectYearResult(history([13, 14, 15, 3, 3, 3]), 2023)?.attainment).toBe(15);
  });
});

describe('stuck pupils', () => {
  it('flags no gain across the last 3 periodic assessments, early in the year', () => {
    const r = subjectYearResult(history([13, 14, 15, 16, 16, 16]), 2024);
    expect(r).toMatchObject({ stuck: true, stuckReason: 'NO_GAIN' });
  });

  it('does not flag a dip that is recovered within the window', () => {
    expect(subjectYearResult(history([13, 14, 15, 16, 15.5, 17]), 2024)?.stuck).toBe(false);
  });

  it('uses the trust setting for how many assessments make a stall', () => {
    const stall = history([13, 14, 15, 16, 17, 17]);
    expect(subjectYearResult(stall, 2024)?.stuck).toBe(false);
    expect(subjectYearResult(stall, 2024, { ...DEFAULT_SETTINGS, stuckAfterAssessments: 2 })?.stuck).toBe(
      true,
    );
  });

  it('flags less than half the expected gain since the key stage began', () => {
    // KS2 starts in Year 3; baseline summer of Year 2 = 15; summer of Year 3 = 16.2: 1.2 < 0.5 × 3
    const r = subjectYearResult(history([13, 14, 15, 15.4, 15.8, 16.2]), 2024);
    expect(r).toMatchObject({ stuck: true, stuckReason: 'BELOW_KEY_STAGE_MINIMUM' });
  });
});
