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

  describe('concept columns', () => {
    const CONCEPT_HEADER = `${HEADER},concept:FRACTIONS,Concept:Place_Value,concept:inference`;

    it("reads concept grades on the line's scale as points, and leaves empty cells out", () => {
      const { rows, errors } = check(
        [
          CONCEPT_HEADER,
          'V857200021001,MATHS,SCHOOL_STEPS,Y5 S,2026-03-24,PERIODIC,Y5 W,Y5 S+,',
          'V857200021001,READING,SCHOOL_STEPS,Y5 S,2026-03-24,PERIODIC,,,Y5 B',
          'V857200021001,WRITING,SCHOOL_STEPS,Y5 S,2026-03-24,PERIODIC,,,',
        ].join('\n'),
      );
      expect(errors).toEqual([]);
      expect(rows[0]?.concepts).toEqual([
        { concept: 'FRACTIONS', grade: 'Y5 W', points: pointsFor('SCHOOL_STEPS', 'Y5 W') },
        { concept: 'PLACE_VALUE', grade: 'Y5 S+', points: pointsFor('SCHOOL_STEPS', 'Y5 S+') },
      ]);
      expect(rows[1]?.concepts).toEqual([
        { concept: 'INFERENCE', grade: 'Y5 B', points: pointsFor('SCHOOL_STEPS', 'Y5 B') },
      ]);
      expect(rows[2]?.concepts).toEqual([]);
    });

    it('rejects the whole file for a column naming an unknown concept', () => {
      const { rows, errors } = check(
        [
          `${HEADER},concept:FRACTIONS,concept:GEOMETRY`,
          'V857200021001,MATHS,SCHOOL_STEPS,Y5 S,2026-03-24,PERIODIC,Y5 W,Y5 W',
        ].join('\n'),
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        { line: 1, message: expect.stringMatching(/unknown or repeated concept.*GEOMETRY/) },
      ]);
    });

    it('fails a line whose concept is of another subject, not periodic, or off the scale', () => {
      const { errors } = check(
        [
          CONCEPT_HEADER,
          'V857200021001,READING,SCHOOL_STEPS,Y5 S,2026-03-24,PERIODIC,Y5 W,,',
          'V857200021001,MATHS,KS2_SCALED,104,2026-07-08,STATUTORY,104,,',
          'V857200021001,MATHS,SCHOOL_STEPS,Y5 S,2026-07-01,PERIODIC,Y99 Z,,',
        ].join('\n'),
      );
      expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
      expect(errors[0]?.message).toMatch(/FRACTIONS is a concept of periodic MATHS/);
      expect(errors[1]?.message).toMatch(/FRACTIONS is a concept of periodic MATHS/);
      expect(errors[2]?.message).toMatch(/FRACTIONS grade "Y99 Z" is not on the SCHOOL_STEPS scale/);
    });
  });
});
