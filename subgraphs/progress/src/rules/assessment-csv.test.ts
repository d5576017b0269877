import { describe, expect, it } from 'vitest';
import { checkAssessmentCsv } from './assessment-csv.ts';
import { pointsFor, SCALE_BY_ID } from './scales.ts';

const check = (text: string) =>
  checkAssessmentCsv(text, pointsFor, (id) => SCALE_BY_ID.has(id), '2026-11-01');
const HEADER = 'upn,subject,scale,grade,assessed_on,kind';

describe('assessment CSV checks', () => {
  it('reads good rows and places them in their academic year and term', () => {
    const { rows, errors } = check(`${HEADER}\nV857200021001,MATHS,KS2_SCALED,104,2026-07-08,STATUTORY\n`);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ points: 28.6, academicYear: 2025, term: 3, kind: 'STATUTORY' });
  });

  it('lists every bad line: check letter, grade, future date, duplicate', () => {
    const { errors } = check(
      [
        HEADER,
        'A857200021001,MATHS,KS2_SCALED,104,2026-07-08,STATUTORY',
        'V857200021001,MATHS,KS2_SCALED,130,2026-07-08,STATUTORY',
        'V857200021001,READING,SCHOOL_STEPS,Y6 S,2099-01-01,PERIODIC',
        'V857200021001,WRITING,SCHOOL_STEPS,Y6 S,2026-03-24,PERIODIC',
        'V857200021001,WRITING,SCHOOL_STEPS,Y6 S,2026-03-24,PERIODIC',
      ].join('\n'),
    );
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 6]);
    expect(errors[0]?.message).toMatch(/check letter A, expected V/);
    expect(errors[1]?.message).toMatch(/grade "130" is not on the KS2_SCALED scale/);
    expect(errors[2]?.message).toMatch(/in the future/);
    expect(errors[3]?.message).toMatch(/duplicates line 5/);
  });
});
