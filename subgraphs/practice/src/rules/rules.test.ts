import { describe, expect, it } from 'vitest';
import { academicYearOf, cpdFigures, totalCpd } from './cpd.ts';
import { EEF_STRANDS, eefStrand } from './eef-strands.ts';
import { adoptionValues, type CpdActivityInput, cohortSchool, cpdValues, practiceValues } from './inputs.ts';
import { rankExperts } from './matching.ts';
import { canSeePractice, type ViewerScope } from './visibility.ts';

describe('rankExperts', () => {
  const expert = (id: string, skills: string[], region: string, availability = 'AVAILABLE', days = 4) => ({
    id,
    skills,
    region,
    availability: availability as 'AVAILABLE' | 'LIMITED' | 'UNAVAILABLE',
    daysPerMonth: days,
  });
  const request = { skills: ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'], region: 'East Midlands' };

  it('puts more matched skills first, then the same region, then availability and days', () => {
    const ranked = rankExperts(request, [
      expert('far-all', ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'], 'London'),
      expert('near-one', ['FINANCE'], 'East Midlands'),
      expert('near-two-limited', ['FINANCE', 'PROCUREMENT'], 'East Midlands', 'LIMITED', 9),
      expert('near-two', ['FINANCE', 'BUDGET_PLANNING'], 'East Midlands', 'AVAILABLE', 1),
      expert('far-two', ['FINANCE', 'BUDGET_PLANNING'], 'North East', 'AVAILABLE', 20),
    ]);
    expect(ranked.map((m) => m.expert.id)).toEqual([
      'far-all',
      'near-two',
      'near-two-limited',
      'far-two',
      'near-one',
    ]);
    expect(ranked[0]).toMatchObject({ skillOverlap: 1, sameRegion: false });
    expect(ranked[1]?.matchedSkills).toEqual(['FINANCE', 'BUDGET_PLANNING']);
    expect(ranked[1]?.skillOverlap).toBeCloseTo(0.667);
  });

  it('leaves out the unavailable and those with none of the skills; ties break by id', () => {
    const ranked = rankExperts(request, [
      expert('b', ['FINANCE'], 'East Midlands'),
      expert('a', ['FINANCE'], 'East Midlands'),
      expert('busy', ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'], 'East Midlands', 'UNAVAILABLE'),
      expert('hr', ['HR'], 'East Midlands'),
    ]);
    expect(ranked.map((m) => m.expert.id)).toEqual(['a', 'b']);
  });
});

describe('CPD figures', () => {
  it('are shares of hours, and hours per teaching member of staff', () => {
    const totals = totalCpd([
      { hours: 10, schoolBased: true, inTeam: true, focus: 'ASSESSMENT_FOR_LEARNING' },
      { hours: 6, schoolBased: false, inTeam: true, focus: 'OTHER' },
      { hours: 4, schoolBased: true, inTeam: false, focus: 'LEADERSHIP' },
    ]);
    expect(cpdFigures(totals, 4)).toEqual({
      activities: 3,
      hours: 20,
      teachers: 4,
      hoursPerTeacher: 5,
      schoolBasedShare: 0.7,
      teamShare: 0.8,
      assessmentForLearningShare: 0.5,
    });
  });

  it('gives null shares with no hours and null per teacher when teachers are unknown', () => {
    expect(cpdFigures(totalCpd([]), 10)).toMatchObject({
      hours: 0,
      hoursPerTeacher: 0,
      schoolBasedShare: null,
    });
    expect(
      cpdFigures(totalCpd([{ hours: 3, schoolBased: true, inTeam: false, focus: 'OTHER' }]), null),
    ).toMatchObject({
      hoursPerTeacher: null,
      schoolBasedShare: 1,
    });
  });

  it('names academic years by the calendar year they start', () => {
    expect(academicYearOf('2025-09-01')).toBe(2025);
    expect(academicYearOf('2026-08-31')).toBe(2025);
    expect(academicYearOf('2026-01-15')).toBe(2025);
  });
});

describe('canSeePractice', () => {
  const ketton = { urn: 141453, laCode: '857', trustId: 'TR0964' };
  const oakham = { urn: 120181, laCode: '857', trustId: null };
  const anonymous: ViewerScope = { urn: null, laCodes: [], trustId: null };
  const laOfficer857: ViewerScope = { urn: null, laCodes: ['857'], trustId: null };
  const kettonStaff: ViewerScope = { urn: 141453, laCodes: ['857'], trustId: 'TR0964' };
  const otherTrustLeader: ViewerScope = { urn: null, laCodes: ['857', '891'], trustId: 'TR0966' };
  const sameTrustStaff: ViewerScope = { urn: 139858, laCodes: ['857'], trustId: 'TR0964' };
  const nottsStaff: ViewerScope = { urn: 122512, laCodes: ['891'], trustId: 'TR0966' };
  const p = (
    visibility: 'TRUST' | 'LOCAL_AUTHORITY' | 'PUBLIC',
    status: 'DRAFT' | 'PUBLISHED' | 'RETIRED' = 'PUBLISHED',
  ) => ({
    visibility,
    status,
  });

  it('shows public practices to everyone, retired ones included', () => {
    for (const scope of [anonymous, laOfficer857, nottsStaff]) {
      expect(canSeePractice(scope, p('PUBLIC'), ketton)).toBe(true);
      expect(canSeePractice(scope, p('PUBLIC', 'RETIRED'), ketton)).toBe(true);
    }
  });

  it('shows LA practices to whoever works in the LA', () => {
    expect(canSeePractice(laOfficer857, p('LOCAL_AUTHORITY'), oakham)).toBe(true);
    expect(canSeePractice(otherTrustLeader, p('LOCAL_AUTHORITY'), oakham)).toBe(true);
    expect(canSeePractice(kettonStaff, p('LOCAL_AUTHORITY'), oakham)).toBe(true);
    expect(canSeePractice(nottsStaff, p('LOCAL_AUTHORITY'), oakham)).toBe(false);
    expect(canSeePractice(anonymous, p('LOCAL_AUTHORITY'), oakham)).toBe(false);
  });

  it('keeps trust practices in the trust (and a maintained school’s in the school)', () => {
    expect(canSeePractice(sameTrustStaff, p('TRUST'), ketton)).toBe(true);
    expect(canSeePractice(kettonStaff, p('TRUST'), ketton)).toBe(true);
    expect(canSeePractice(otherTrustLeader, p('TRUST'), ketton)).toBe(false);
    expect(canSeePractice(laOfficer857, p('TRUST'), ketton)).toBe(false);
    expect(canSeePractice({ urn: 120181, laCodes: ['857'], trustId: null }, p('TRUST'), oakham)).toBe(true);
    expect(canSeePractice(laOfficer857, p('TRUST'), oakham)).toBe(false);
  });

  it('shows drafts only to the publishing school', () => {
    expect(canSeePractice(kettonStaff, p('PUBLIC', 'DRAFT'), ketton)).toBe(true);
    expect(canSeePractice(sameTrustStaff, p('PUBLIC', 'DRAFT'), ketton)).toBe(false);
    expect(canSeePractice(anonymous, p('PUBLIC', 'DRAFT'), ketton)).toBe(false);
  });
});

describe('input rules', () => {
  const base = { title: 'T', summary: 'S', problem: 'P', approach: 'A', visibility: 'PUBLIC' as const };

  it('refuses an empty title and an unknown strand, naming the field', () => {
    expect(() => practiceValues({ ...base, title: '  ' }, 137358, 'S137358-01')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }),
    );
    expect(() => practiceValues({ ...base, strand: 'LEARNING_STYLES' }, 137358, 'S137358-01')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.strand' } }),
    );
  });

  it('always counts the caller as an author and refuses authors from other schools', () => {
    expect(practiceValues({ ...base, authorIds: ['S137358-03'] }, 137358, 'S137358-01').authorIds).toEqual([
      'S137358-01',
      'S137358-03',
    ]);
    expect(() => practiceValues({ ...base, authorIds: ['S141453-01'] }, 137358, 'S137358-01')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'input.authorIds' }) }),
    );
  });

  it('reads the school from a cohort id and refuses another school’s cohort', () => {
    expect(cohortSchool('K141453-AD-0001')).toBe(141453);
    expect(cohortSchool('141453')).toBeNull();
    const adoption = {
      practiceId: 'PR-0001',
      cohortId: 'K141453-Y5',
      subject: 'maths',
      yearGroup: 5,
      academicYear: 2025,
      startedOn: '2025-09-15',
    };
    expect(adoptionValues(adoption, 141453)).toMatchObject({ subject: 'MATHS', cohortId: 'K141453-Y5' });
    expect(() => adoptionValues(adoption, 120181)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN', field: 'input.cohortId' } }),
    );
    expect(() => adoptionValues({ ...adoption, startedOn: '2025-02-30' }, 141453)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'input.startedOn' }) }),
    );
  });

  it('derives the academic year of CPD and keeps it to the school’s staff', () => {
    const cpd: CpdActivityInput = {
      type: 'COACHING',
      title: 'Coaching',
      hours: 2,
      startedOn: '2026-03-02',
      endedOn: '2026-03-02',
      schoolBased: true,
      inTeam: false,
      focus: 'OTHER',
    };
    expect(cpdValues(cpd, 141453, 'S141453-04')).toMatchObject({ staffId: 'S141453-04', academicYear: 2025 });
    expect(() => cpdValues({ ...cpd, staffId: 'S120181-02' }, 141453, 'S141453-04')).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN', field: 'input.staffId' } }),
    );
    expect(() => cpdValues({ ...cpd, hours: 0 }, 141453, 'S141453-04')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'input.hours' }) }),
    );
  });
});

describe('EEF strands', () => {
  it('have unique ids and Toolkit-shaped figures', () => {
    expect(new Set(EEF_STRANDS.map((s) => s.id)).size).toBe(EEF_STRANDS.length);
    for (const s of EEF_STRANDS) {
      expect(s.cost).toBeGreaterThanOrEqual(1);
      expect(s.cost).toBeLessThanOrEqual(5);
      expect(s.evidenceStrength).toBeLessThanOrEqual(5);
    }
    expect(eefStrand('METACOGNITION')).toMatchObject({
      name: 'Metacognition and self-regulation',
      impactMonths: 7,
    });
  });
});
