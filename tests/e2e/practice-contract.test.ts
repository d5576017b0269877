import type { Viewer } from '@commonroom/auth';
import { demoAdoptionCohorts, demoSelection, demoStaff } from '@commonroom/demo';
import {
  demoConsultancies,
  demoCpdActivities,
  demoPracticeCpd,
  TEACHING_ROLES,
} from '@commonroom/practice/demo';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './contract.ts';

let hub: TestHub;
const anonymous: Viewer = { role: 'anonymous' };
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: `lead-${trustId}`, trustId });

/** The practices the search for "reading" finds; progress is seeded with just the schools that adopted them. */
const FOUND = ['PR-0005', 'PR-0002', 'PR-0007'];
const ADOPTING = [
  ...new Set(
    demoAdoptionCohorts()
      .filter((a) => FOUND.includes(a.practiceId))
      .map((a) => a.urn),
  ),
];
/** The schools that received the demo consultancy engagements (CE-003's, St Paul's, adopted PR-0002 too). */
const RECEIVING = demoConsultancies().map((c) => c.toUrn);

beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    practiceUnderTest,
    progressUnderTest({ urns: [...new Set([...ADOPTING, ...RECEIVING])] }),
  ]);
});
afterAll(() => hub?.close());

/** practice-search.graphql verbatim, measured impact (from the progress subgraph) included. */
const IMPACT = ' impact { effect { value cohort suppressed } }';
function practiceSearch() {
  const operation = contractOperation('practice-search');
  expect(operation).toContain(IMPACT);
  return operation;
}

interface Effect {
  value: number | null;
  cohort: number | null;
  suppressed: boolean;
}

interface SearchData {
  practices: {
    totalCount: number;
    nodes: {
      id: string;
      title: string;
      summary: string;
      school: { urn: number; name: string };
      adoptions: { school: { name: string }; impact: { effect: Effect } | null }[];
    }[];
  };
}

/**
 * A measured, positive effect over the whole cohort (every demo cohort pupil has assessments to measure), as an
 * anonymous reader sees it: the cohort rounded to the nearest 5, like every count shown to readers of
 * aggregates only (docs/disclosure-control.md).
 */
const positive = (cohort: number) => ({
  value: expect.toSatisfy((v: number) => v > 0),
  cohort: Math.floor(cohort / 5 + 0.5) * 5,
  suppressed: false,
});

describe('contract: practice-search.graphql, anonymous, through the gateway', () => {
  it('finds public practices ranked, with the publishing and adopting schools named by the schools subgraph', async () => {
    const res = await hub.query<SearchData>(anonymous, practiceSearch(), { text: 'reading' });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const { practices } = res.data as SearchData;
    expect(practices.totalCount).toBe(3);
    // Title matches first (weight A; the shorter document ranks higher), then the phonics practice that
    // mentions reading only in its problem (weight B). The retired practice about reading is left out.
    expect(practices.nodes.map((n) => n.id)).toEqual(['PR-0005', 'PR-0002', 'PR-0007']);
    expect(practices.nodes[1]).toEqual({
      id: 'PR-0002',
      title: 'Reciprocal reading in Year 7 tutor time',
      summary:
        'Small groups read a shared text and take turns to predict, clarify, question and summarise, three mornings a week.',
      school: { urn: 136530, name: 'Catmose College' },
      adoptions: [
        { school: { name: 'Casterton College Rutland' }, impact: { effect: positive(24) } },
        {
          school: { name: "St Paul's Catholic School, a Voluntary Academy" },
          impact: { effect: positive(20) },
        },
      ],
    });
    expect(practices.nodes[0]?.adoptions).toEqual([
      { school: { name: 'Catmose College' }, impact: { effect: positive(18) } },
    ]);
    // Edith Weston applied it to four pupils (AD-0009): too few to show, so the effect is suppressed.
    expect(practices.nodes[2]).toMatchObject({
      school: { urn: 122512, name: 'Richard Bonington Primary and Nursery School' },
      adoptions: [
        { school: { name: 'Brookside Primary School' }, impact: { effect: positive(9) } },
        {
          school: { name: 'Edith Weston Academy' },
          impact: { effect: { value: null, cohort: null, suppressed: true } },
        },
      ],
    });
  });

  it('never shows a trust-only practice to an outsider, in search or through _entities', async () => {
    const search = (viewer: Viewer) =>
      hub.query<SearchData>(viewer, practiceSearch(), {
        text: 'self-explanation prompts science',
      });
    expect((await search(anonymous)).data?.practices).toEqual({ totalCount: 0, nodes: [] });
    expect((await search(trustLeader('TR0963'))).data?.practices.totalCount).toBe(0);
    expect((await search({ role: 'la_officer', sub: 'la', laCode: '857' })).data?.practices.totalCount).toBe(
      0,
    );
    const insider = await search(trustLeader('TR0962'));
    expect(insider.data?.practices.nodes.map((n) => n.id)).toEqual(['PR-0006']);

    const byId = await hub.query<{ practice: unknown }>(
      anonymous,
      '{ practice(id: "PR-0006") { id title } }',
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.practice).toBeNull();
    // The publishing school seen through the gateway lists none of its trust-only practices to an outsider.
    const school = await hub.query<{ school: { practices: { totalCount: number } } }>(
      trustLeader('TR0963'),
      '{ school(urn: 136629) { name practices(first: 3) { totalCount nodes { id } } } }',
    );
    expect(school.data?.school.practices.totalCount).toBe(0);
    // And the subgraph itself answers a gateway `_entities` call for it with null.
    const entities = await hub.subgraphs.practice?.request<{ _entities: unknown[] }>(
      trustLeader('TR0963'),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Practice { id title } } }',
      { r: [{ __typename: 'Practice', id: 'PR-0006' }] },
    );
    expect(entities?.data?._entities).toEqual([null]);
  });
});

interface TrustData {
  trust: {
    id: string;
    name: string;
    schools: {
      urn: number;
      name: string;
      cpd: { hoursPerTeacher: number | null; schoolBasedShare: number | null } | null;
      practices: { totalCount: number; nodes: { id: string; title: string }[] };
    }[];
  };
}

/** The cpd and practices parts of trust-overview.graphql (progress and parents come from other subgraphs). */
const TRUST_OVERVIEW_PRACTICE_PART = `query TrustOverview($trustId: ID!, $academicYear: Int!) {
  trust(id: $trustId) {
    id
    name
    schools {
      urn
      name
      cpd(academicYear: $academicYear) { hoursPerTeacher schoolBasedShare }
      practices(first: 3) { totalCount nodes { id title } }
    }
  }
}`;

describe('contract: trust-overview.graphql (cpd and practices), as a trust leader', () => {
  it('gives every school of the trust its CPD figures and published practices', async () => {
    const operation = contractOperation('trust-overview');
    expect(operation).toContain('cpd(academicYear: $academicYear) { hoursPerTeacher schoolBasedShare }');
    expect(operation).toContain('practices(first: 3) { totalCount nodes { id title } }');
    const res = await hub.query<TrustData>(trustLeader('TR0963'), TRUST_OVERVIEW_PRACTICE_PART, {
      trustId: 'TR0963',
      academicYear: 2024,
    });
    expect(res.errors).toBeUndefined();
    const trust = (res.data as TrustData).trust;
    expect(trust).toMatchObject({ id: 'TR0963', name: 'Rutland Beacon Schools Trust' });
    expect(trust.schools.map((s) => s.urn)).toEqual([137340, 137358, 138113, 139481]);

    // CPD recomputed from the demo definition: hours in 2024/25 over heads, teachers, SENCOs and guides.
    const { schools } = demoSelection();
    for (const s of trust.schools) {
      const record = schools.find((r) => r.urn === s.urn);
      if (!record) throw new Error(`${s.urn} is a demo school`);
      const activities = [...demoCpdActivities(record), ...demoPracticeCpd()].filter(
        (a) => a.urn === s.urn && a.academicYear === 2024,
      );
      const hours = activities.reduce((sum, a) => sum + a.hours, 0);
      const schoolBased = activities.filter((a) => a.schoolBased).reduce((sum, a) => sum + a.hours, 0);
      const teachers = demoStaff(record).staff.filter((m) => TEACHING_ROLES.has(m.role)).length;
      expect(s.cpd?.hoursPerTeacher).toBeCloseTo(hours / teachers, 1);
      expect(s.cpd?.schoolBasedShare).toBeCloseTo(schoolBased / hours, 3);
    }

    const practices = Object.fromEntries(trust.schools.map((s) => [s.name, s.practices]));
    expect(practices['Brooke Hill Academy']).toEqual({
      totalCount: 1,
      nodes: [{ id: 'PR-0001', title: 'Hinge-point questions for assessment for learning in maths' }],
    });
    expect(practices['Casterton College Rutland']).toEqual({
      totalCount: 1,
      nodes: [{ id: 'PR-0005', title: 'Cross-age peer tutoring in reading' }],
    });
    // Catmose Primary's practice is still a draft: only its own staff see it.
    expect(practices['Catmose Primary']).toEqual({ totalCount: 0, nodes: [] });
  });

  it("keeps a school's CPD from another trust's leader", async () => {
    const res = await hub.query<TrustData>(trustLeader('TR0964'), TRUST_OVERVIEW_PRACTICE_PART, {
      trustId: 'TR0963',
      academicYear: 2024,
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(res.data?.trust.schools.every((s) => s.cpd === null)).toBe(true);
  });
});

interface EvidenceData {
  practices: {
    nodes: {
      id: string;
      evidence: {
        adoptions: number;
        schools: number;
        measured: number | null;
        withPositiveEffect: number | null;
      };
    }[];
  };
}

const EVIDENCE = `query ($text: String!) {
  practices(search: $text, first: 5) { nodes { id evidence { adoptions schools measured withPositiveEffect } } }
}`;

describe("a practice's evidence: adoptions with a measured, positive effect, from the progress subgraph", () => {
  it('counts them for anyone, leaving a suppressed effect out of both counts', async () => {
    const res = await hub.query<EvidenceData>(anonymous, EVIDENCE, { text: 'reading' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.practices.nodes).toEqual([
      { id: 'PR-0005', evidence: { adoptions: 1, schools: 1, measured: 1, withPositiveEffect: 1 } },
      { id: 'PR-0002', evidence: { adoptions: 2, schools: 2, measured: 2, withPositiveEffect: 2 } },
      // AD-0009's cohort of four is suppressed: not measured, and not counted as positive.
      { id: 'PR-0007', evidence: { adoptions: 2, schools: 2, measured: 1, withPositiveEffect: 1 } },
    ]);
  });

  it('counts as positive only adoptions whose whole confidence interval is above zero', async () => {
    type Impact = {
      effect: { value: number | null; suppressed: boolean };
      interval: { lower: number; upper: number; level: number } | null;
      conclusion: string | null;
    } | null;
    const res = await hub.query<{
      practices: {
        nodes: {
          id: string;
          evidence: { withPositiveEffect: number | null };
          adoptions: { impact: Impact }[];
        }[];
      };
    }>(
      anonymous,
      `query ($text: String!) { practices(search: $text, first: 5) { nodes { id evidence { withPositiveEffect }
         adoptions { impact { effect { value suppressed } interval { lower upper level } conclusion } } } } }`,
      { text: 'reading' },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.practices.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const practice of nodes) {
      const impacts = practice.adoptions.map((a) => a.impact);
      for (const impact of impacts) {
        if (!impact || impact.effect.suppressed || impact.effect.value === null) {
          expect(impact?.interval ?? null, practice.id).toBeNull();
          expect(impact?.conclusion ?? null, practice.id).toBeNull();
          continue;
        }
        const { lower, upper, level } = impact.interval ?? { lower: Number.NaN, upper: Number.NaN, level: 0 };
        expect(level).toBe(0.95);
        expect(lower).toBeLessThanOrEqual(impact.effect.value);
        expect(upper).toBeGreaterThanOrEqual(impact.effect.value);
        expect(impact.conclusion).toBe(lower > 0 ? 'POSITIVE' : upper < 0 ? 'NEGATIVE' : 'UNCLEAR');
      }
      expect(practice.evidence.withPositiveEffect, practice.id).toBe(
        impacts.filter((i) => i?.conclusion === 'POSITIVE').length,
      );
    }
  });

  it('keeps the cohort ids it is computed from out of the API', async () => {
    const res = await hub.query(anonymous, '{ practice(id: "PR-0002") { evidence { adoptionCohortIds } } }');
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toMatch(/adoptionCohortIds/);
  });

  it("keeps the practice subgraph's counts when the progress subgraph is down", async () => {
    await hub.subgraphs.progress?.pause();
    try {
      const res = await hub.query<EvidenceData>(anonymous, EVIDENCE, { text: 'reading' });
      expect(res.status).toBe(200);
      expect(res.data?.practices.nodes.find((n) => n.id === 'PR-0002')?.evidence).toEqual({
        adoptions: 2,
        schools: 2,
        measured: null,
        withPositiveEffect: null,
      });
      expect(res.errors?.length).toBeGreaterThan(0);
    } finally {
      await hub.subgraphs.progress?.resume();
    }
  });
});

interface MeasureData {
  value: number | null;
  cohort: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface ConsultancyData {
  school: {
    consultancies:
      | {
          id: string;
          subject: string;
          toSchool: { name: string };
          departmentProgress: {
            subject: string | null;
            reason: string | null;
            beforeYear: number;
            duringYears: number[];
            afterYear: number | null;
            before: MeasureData;
            during: MeasureData;
            after: MeasureData;
            change: MeasureData;
          } | null;
        }[]
      | null;
  };
}

const CONSULTANCIES = `query ($urn: Int!) { school(urn: $urn) { consultancies {
  id subject toSchool { name }
  departmentProgress {
    subject reason beforeYear duringYears afterYear
    before { value cohort suppressed reason } during { value cohort suppressed reason }
    after { value cohort suppressed reason } change { value cohort suppressed reason }
  }
} } }`;

/** A figure over more than five pupils, shown. */
const shown = () => ({
  value: expect.any(Number),
  cohort: expect.toSatisfy((n: number) => n > 5),
  suppressed: false,
  reason: null,
});

describe("a consultancy engagement: the receiving department's progress before and during, from progress", () => {
  const laOfficer: Viewer = { role: 'la_officer', sub: 'la-856', laCode: '856' };

  it('shows maths at Castle Mead Academy the year before and the year of the engagement, and the year after', async () => {
    const res = await hub.query<ConsultancyData>(laOfficer, CONSULTANCIES, { urn: 147068 });
    expect(res.errors).toBeUndefined();
    const [engagement] = res.data?.school.consultancies ?? [];
    expect(engagement).toMatchObject({
      id: 'CE-001',
      subject: 'MATHS',
      toSchool: { name: 'Castle Mead Academy' },
      departmentProgress: {
        subject: 'MATHS',
        reason: null,
        beforeYear: 2022,
        duringYears: [2023],
        afterYear: 2024,
        before: shown(),
        during: shown(),
        after: shown(),
        change: shown(),
      },
    });
    const p = engagement?.departmentProgress;
    // An LA officer sees aggregates only (docs/disclosure-control.md): means to 1 decimal, pupils to the
    // nearest 5; the change is rounded from the exact figures, so it is within 0.1 of the rounded ones'.
    for (const m of [p?.before, p?.during, p?.after, p?.change]) {
      expect(Math.round((m?.value ?? 0) * 10) / 10).toBe(m?.value);
      expect((m?.cohort ?? 0) % 5).toBe(0);
    }
    expect(Math.abs((p?.change.value ?? 0) - ((p?.during.value ?? 0) - (p?.before.value ?? 0)))).toBeLessThan(
      0.11,
    );
  });

  it("shows English (reading and writing) while it runs, and says science can't be measured", async () => {
    const trustLeader: Viewer = { role: 'trust_leader', sub: 'lead', trustId: 'TR0963' };
    const english = await hub.query<ConsultancyData>(trustLeader, CONSULTANCIES, { urn: 146232 });
    expect(english.errors).toBeUndefined();
    expect(english.data?.school.consultancies?.find((c) => c.id === 'CE-003')).toMatchObject({
      subject: 'ENGLISH',
      departmentProgress: {
        subject: 'ENGLISH',
        beforeYear: 2023,
        duringYears: [2024, 2025],
        afterYear: null,
        before: shown(),
        during: shown(),
        after: { value: null, suppressed: false, reason: 'Not yet: the engagement is still running.' },
        change: shown(),
      },
    });
    const science = await hub.query<ConsultancyData>(trustLeader, CONSULTANCIES, { urn: 137340 });
    expect(science.errors).toBeUndefined();
    expect(
      science.data?.school.consultancies?.find((c) => c.id === 'CE-002')?.departmentProgress,
    ).toMatchObject({
      subject: null,
      reason: expect.stringContaining('SCIENCE has no periodic assessments'),
      before: { value: null, suppressed: false },
      change: { value: null, suppressed: false },
    });
  });

  it('is closed to anonymous callers, like the engagements themselves', async () => {
    const res = await hub.query<ConsultancyData>(anonymous, CONSULTANCIES, { urn: 147068 });
    expect(res.data?.school.consultancies ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });
});

describe('a consultancy engagement started and closed through the gateway', () => {
  it("is started by the supporting trust, closed, and the receiving department's progress follows it", async () => {
    const trustLeader: Viewer = { role: 'trust_leader', sub: 'lead-962', trustId: 'TR0962' };
    const started = await hub.query<{ startConsultancy: { id: string } }>(
      trustLeader,
      `mutation ($input: StartConsultancyInput!) { startConsultancy(input: $input) { id } }`,
      {
        input: {
          fromUrn: 136530,
          fromDepartmentId: 'D136530-MAT',
          toUrn: 147068,
          toDepartmentId: 'D147068-MAT',
          subject: 'MATHS',
          teamStaffIds: ['S136530-02'],
          aims: 'A second year of joint planning in maths.',
          startedOn: '2024-09-02',
        },
      },
    );
    expect(started.errors).toBeUndefined();
    const id = started.data?.startConsultancy.id as string;
    const closed = await hub.query(
      trustLeader,
      'mutation ($id: ID!) { closeConsultancy(id: $id, endedOn: "2025-07-18") { endedOn } }',
      { id },
    );
    expect(closed.errors).toBeUndefined();
    const res = await hub.query<ConsultancyData>(trustLeader, CONSULTANCIES, { urn: 147068 });
    expect(res.errors).toBeUndefined();
    expect(res.data?.school.consultancies?.find((c) => c.id === id)).toMatchObject({
      subject: 'MATHS',
      toSchool: { name: 'Castle Mead Academy' },
      departmentProgress: { subject: 'MATHS', beforeYear: 2023, duringYears: [2024], afterYear: 2025 },
    });
    // The receiving school's own LA officer may read it but not change it.
    const refused = await hub.query(
      { role: 'la_officer', sub: 'la-856', laCode: '856' },
      'mutation ($id: ID!) { closeConsultancy(id: $id, endedOn: "2025-07-19") { endedOn } }',
      { id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
