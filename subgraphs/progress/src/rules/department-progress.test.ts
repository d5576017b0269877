import { DEFAULT_POLICY as P, policyWithThreshold } from '@commonroom/disclosure';
import { describe, expect, it } from 'vitest';
import {
  departmentProgressChange,
  measuredSubjectOf,
  type PupilYearProgress,
  yearsToLoad,
} from './department-progress.ts';

/** Pupils `P0…P(n-1)` in a year, each with the given progress in every periodic subject given. */
function year(
  academicYear: number,
  n: number,
  progress: Partial<Record<'READING' | 'WRITING' | 'MATHS', number>>,
  from = 0,
): PupilYearProgress[] {
  return Array.from({ length: n }, (_, i) => ({ pupilId: `P${from + i}`, academicYear, progress }));
}

const MATHS_2023 = { subject: 'MATHS', startedOn: '2023-09-04', endedOn: '2024-07-19' };

describe('measuredSubjectOf', () => {
  it("maps a department's subject onto the periodic subjects, and science onto nothing", () => {
    expect(['MATHS', 'maths', 'Mathematics', 'ENGLISH', 'english', 'READING'].map(measuredSubjectOf)).toEqual(
      ['MATHS', 'MATHS', 'MATHS', 'ENGLISH', 'ENGLISH', 'READING'],
    );
    expect(measuredSubjectOf('SCIENCE')).toBeNull();
    expect(measuredSubjectOf('HISTORY')).toBeNull();
  });
});

describe('departmentProgressChange', () => {
  it('compares the year before with the years it ran, and the year after, by academic year of the dates', () => {
    const rows = [
      ...year(2021, 10, { MATHS: -2 }),
      ...year(2022, 8, { MATHS: -0.5 }),
      ...year(2022, 2, { MATHS: 0.5 }, 8),
      ...year(2023, 10, { MATHS: 0.25 }),
      ...year(2024, 7, { MATHS: 1 }),
    ];
    expect(departmentProgressChange(MATHS_2023, rows, 'pupils', P)).toEqual({
      subject: 'MATHS',
      reason: null,
      beforeYear: 2022,
      // (8 × −0.5 + 2 × 0.5) / 10 = −0.3
      before: { value: -0.3, cohort: 10, suppressed: false, reason: null, code: null },
      duringYears: [2023],
      during: { value: 0.25, cohort: 10, suppressed: false, reason: null, code: null },
      afterYear: 2024,
      after: { value: 1, cohort: 7, suppressed: false, reason: null, code: null },
      change: { value: 0.55, cohort: 20, suppressed: false, reason: null, code: null },
    });
  });

  it('counts English as reading and writing together, only for pupils with both', () => {
    const rows = [
      ...year(2023, 6, { READING: 1, WRITING: 0 }),
      ...year(2023, 3, { READING: 5 }, 6),
      ...year(2024, 6, { READING: 2, WRITING: 1 }),
    ];
    const result = departmentProgressChange(
      { subject: 'ENGLISH', startedOn: '2025-01-06', endedOn: null },
      rows,
      'pupils',
      P,
    );
    // Began in January 2025, so in the academic year 2024/25; still running, so during runs to the latest year.
    expect(result).toMatchObject({
      subject: 'ENGLISH',
      beforeYear: 2023,
      before: { value: 0.5, cohort: 6, suppressed: false },
      duringYears: [2024],
      during: { value: 1.5, cohort: 6, suppressed: false },
      afterYear: null,
      after: {
        value: null,
        cohort: 0,
        suppressed: false,
        reason: 'Not yet: the engagement is still running.',
      },
      change: { value: 1, cohort: 12 },
    });
  });

  it('averages over every pupil-year of a long engagement, counting pupils once', () => {
    const rows = [
      ...year(2022, 6, { MATHS: 0 }),
      ...year(2023, 6, { MATHS: 1 }),
      ...year(2024, 6, { MATHS: 2 }),
    ];
    const result = departmentProgressChange(
      { subject: 'MATHS', startedOn: '2023-10-01', endedOn: '2025-03-01' },
      rows,
      'pupils',
      P,
    );
    expect(result.duringYears).toEqual([2023, 2024]);
    expect(result.during).toEqual({ value: 1.5, cohort: 6, suppressed: false, reason: null, code: null });
    expect(result.after).toMatchObject({
      value: null,
      cohort: 0,
      reason: 'No results in this subject for 2025.',
    });
  });

  it('suppresses a window of 1–5 pupils, and the change with it', () => {
    const rows = [...year(2022, 5, { MATHS: -1 }), ...year(2023, 12, { MATHS: 1 })];
    const result = departmentProgressChange(MATHS_2023, rows, 'pupils', P);
    expect(result.before).toEqual({
      value: null,
      cohort: null,
      suppressed: true,
      reason:
        'c: withheld to protect confidentiality — a group of 5 or fewer, or a figure from which one could be worked out.',
      code: 'c',
    });
    expect(result.during).toMatchObject({ value: 1, cohort: 12, suppressed: false });
    expect(result.change).toMatchObject({ value: null, cohort: null, suppressed: true });
    // The threshold is a setting.
    expect(departmentProgressChange(MATHS_2023, rows, 'pupils', policyWithThreshold(3)).change).toMatchObject(
      {
        value: 2,
        suppressed: false,
      },
    );
  });

  it('rounds means to 1 decimal and pupils to the nearest 5 for viewers who see aggregates only', () => {
    const rows = [...year(2022, 12, { MATHS: -0.33 }), ...year(2023, 13, { MATHS: 0.26 })];
    const result = departmentProgressChange(MATHS_2023, rows, 'aggregates', P);
    expect(result.before).toMatchObject({ value: -0.3, cohort: 10 });
    expect(result.during).toMatchObject({ value: 0.3, cohort: 15 });
    // The change is worked out exactly (0.59), then rounded, over 25 pupils.
    expect(result.change).toMatchObject({ value: 0.6, cohort: 25 });
  });

  it('explains when there are no results to compare', () => {
    const result = departmentProgressChange(MATHS_2023, year(2023, 8, { MATHS: 1 }), 'pupils', P);
    expect(result.before).toEqual({
      value: null,
      cohort: 0,
      suppressed: false,
      reason: 'No results in this subject for 2022.',
      code: null,
    });
    expect(result.change).toMatchObject({ value: null, suppressed: false, reason: expect.any(String) });
  });

  it('measures nothing for science, and says why', () => {
    const result = departmentProgressChange(
      { subject: 'SCIENCE', startedOn: '2025-01-06', endedOn: null },
      year(2024, 20, { MATHS: 1 }),
      'pupils',
      P,
    );
    expect(result.subject).toBeNull();
    expect(result.reason).toMatch(/SCIENCE has no periodic assessments/);
    for (const m of [result.before, result.during, result.after, result.change])
      expect(m).toEqual({ value: null, cohort: null, suppressed: false, reason: result.reason, code: null });
  });

  it('loads from the year before to the year after (or on, while it runs)', () => {
    expect(yearsToLoad(MATHS_2023)).toEqual({ from: 2022, to: 2024 });
    expect(yearsToLoad({ subject: 'MATHS', startedOn: '2025-01-06', endedOn: null })).toEqual({
      from: 2023,
      to: null,
    });
  });
});
