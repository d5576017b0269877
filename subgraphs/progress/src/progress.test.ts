import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { type DemoAdoption, demoAdoptionCohorts, demoPupils, demoSelection } from '@commonroom/demo';
import { DEFAULT_POLICY, publishCount, publishValue } from '@commonroom/disclosure';
import type { SchoolRecord } from '@commonroom/school-list';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapIndex } from './rules/gap-index.ts';
import { SCALES } from './rules/scales.ts';
import { progressUnderTest } from './testing.ts';

/** Trust TR0965 (four small Rutland primaries), a maintained Rutland school, a 3-pupil special school, and one school in Nottingham (891). */
const TRUST = 'TR0965';
const TRUST_URNS = [142401, 142544, 144847, 146397];
const MAINTAINED = 120181;
const TINY = 120355;
const ELSEWHERE = 122750;
const YEAR = 2025;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(
    progressUnderTest({ urns: [...TRUST_URNS, MAINTAINED, TINY, ELSEWHERE] }),
  );
});
afterAll(() => subgraph?.close());

const school = (urn: number) => demoSelection().schools.find((s) => s.urn === urn) as SchoolRecord;
const staffOf = (urn: number, staffId = `S${urn}-01`): Viewer => ({
  role: 'school_staff',
  sub: 't',
  urn,
  staffId,
});
const laOfficer = (laCode: string): Viewer => ({ role: 'la_officer', sub: 't', laCode });
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 't', trustId });
const anonymous: Viewer = { role: 'anonymous' };
const carer: Viewer = { role: 'carer', sub: 't', carerId: 'C1' };
const provider: Viewer = { role: 'provider', sub: 't', providerId: 'PR1' };

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on School { urn progress(academicYear: ${YEAR}) { pupils stuckPupils stuckWithoutPlan onTrack { value cohort suppressed reason } disadvantagedGap { value suppressed reason } } }
    ... on Pupil { id displayName yearGroup upn learningGuide { id } }
    ... on LocalAuthority { code gaps(academicYear: ${YEAR}, subject: MATHS, by: DISADVANTAGED) { group attainment { value cohort suppressed } } }
    ... on Trust { id gapTrend(subject: MATHS, by: DISADVANTAGED, fromYear: 2021) { academicYear gap { value suppressed } gapIndex { value suppressed } } }
  }
}`;

type Entities = { _entities: (Record<string, unknown> | null)[] };

const pupilOf = (urn: number, n = 0) => {
  const pupil = demoPupils(school(urn)).filter((p) => p.onRollTo === YEAR)[n];
  if (!pupil) throw new Error(`no pupil at ${urn}`);
  return pupil;
};

describe('progress subgraph: _entities', () => {
  it('resolves School, Pupil, LocalAuthority and Trust representations for a trust leader', async () => {
    const pupil = pupilOf(142401);
    const res = await subgraph.request<Entities>(trustLeader(TRUST), ENTITIES, {
      representations: [
        { __typename: 'School', urn: 142401 },
        { __typename: 'Pupil', id: pupil.id },
        { __typename: 'Trust', id: TRUST },
      ],
    });
    expect(res.errors).toBeUndefined();
    const [s, p, t] = res.data?._entities ?? [];
    expect(s).toMatchObject({ urn: 142401, progress: { onTrack: { suppressed: false } } });
    expect((s?.progress as { pupils: number } | undefined)?.pupils).toBeGreaterThan(100);
    expect(p).toMatchObject({ id: pupil.id, upn: pupil.upn, learningGuide: { id: pupil.learningGuideId } });
    expect(t?.gapTrend as unknown[]).toHaveLength(5);
  });

  it('resolves LocalAuthority gaps for its officer', async () => {
    const res = await subgraph.request<Entities>(laOfficer('857'), ENTITIES, {
      representations: [{ __typename: 'LocalAuthority', code: '857' }],
    });
    expect(res.errors).toBeUndefined();
    const groups = (res.data?._entities[0]?.gaps ?? []) as { group: string; attainment: { value: number } }[];
    expect(groups.map((g) => g.group)).toEqual(['DISADVANTAGED', 'NOT_DISADVANTAGED']);
    const [dis, others] = groups;
    expect(others?.attainment.value).toBeGreaterThan(dis?.attainment.value ?? 1);
  });

  it('gives null and FORBIDDEN for a pupil the caller may not see', async () => {
    const pupil = pupilOf(142401);
    for (const viewer of [
      laOfficer('857'),
      staffOf(MAINTAINED),
      trustLeader('TR0001'),
      anonymous,
      carer,
      provider,
    ]) {
      const res = await subgraph.request<Entities>(
        viewer,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id } } }',
        {
          r: [{ __typename: 'Pupil', id: pupil.id }],
        },
      );
      expect(res.data?._entities).toEqual([null]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('resolves 300 pupils in one SQL query', async () => {
    const ids = TRUST_URNS.flatMap((urn) => demoPupils(school(urn)).map((p) => p.id)).slice(0, 300);
    subgraph.resetQueryCount();
    const res = await subgraph.request<Entities>(
      trustLeader(TRUST),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id upn } } }',
      {
        r: ids.map((id) => ({ __typename: 'Pupil', id })),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((p) => p?.id)).toEqual(ids);
    expect(subgraph.queryCount()).toBe(1);
  });

  it("gives a trust's schools' progress (the trust overview) in one SQL query", async () => {
    subgraph.resetQueryCount();
    const res = await subgraph.request<Entities>(
      trustLeader(TRUST),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { urn progress(academicYear: 2025) { pupils stuckPupils stuckWithoutPlan onTrack { value } disadvantagedGap { value suppressed } } } } }',
      {
        r: TRUST_URNS.map((urn) => ({ __typename: 'School', urn })),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toHaveLength(4);
    expect(subgraph.queryCount()).toBe(1);
  });
});

describe('progress subgraph: who sees what', () => {
  const PROGRESS =
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { progress(academicYear: 2025) { pupils } } } }';
  const STUCK = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { stuckPupils(academicYear: ${YEAR}, first: 5) { totalCount nodes { id } } } } }`;

  it('shows school progress to its staff, trust leaders and LA officers, and to nobody else', async () => {
    const grants: [Viewer, number][] = [
      [staffOf(142401), 142401],
      [trustLeader(TRUST), 142401],
      [laOfficer('857'), 142401],
      [laOfficer('857'), MAINTAINED],
      [laOfficer('891'), ELSEWHERE],
    ];
    for (const [viewer, urn] of grants) {
      const res = await subgraph.request<Entities>(viewer, PROGRESS, { r: [{ __typename: 'School', urn }] });
      expect(res.errors, `${viewer.role} ${urn}`).toBeUndefined();
    }
    const denials: [Viewer, number][] = [
      [staffOf(142544), 142401],
      [trustLeader(TRUST), MAINTAINED],
      [trustLeader('TR0966'), 142401],
      [laOfficer('891'), 142401],
      [anonymous, 142401],
      [carer, 142401],
      [provider, 142401],
    ];
    for (const [viewer, urn] of denials) {
      const res = await subgraph.request<Entities>(viewer, PROGRESS, { r: [{ __typename: 'School', urn }] });
      expect(res.errors?.[0]?.extensions?.code, `${viewer.role} ${urn}`).toBe('FORBIDDEN');
    }
  });

  it('lists stuck pupils to the school and its trust, never to an LA officer', async () => {
    for (const viewer of [staffOf(142401), trustLeader(TRUST)]) {
      const res = await subgraph.request<Entities>(viewer, STUCK, {
        r: [{ __typename: 'School', urn: 142401 }],
      });
      expect(res.errors).toBeUndefined();
    }
    for (const viewer of [laOfficer('857'), staffOf(142544), anonymous]) {
      const res = await subgraph.request<Entities>(viewer, STUCK, {
        r: [{ __typename: 'School', urn: 142401 }],
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("keeps LA and trust gaps to the LA's officers and the trust's leaders", async () => {
    const LA =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on LocalAuthority { gaps(academicYear: 2025, subject: MATHS, by: SEX) { group } } ... on Trust { gaps(academicYear: 2025, subject: MATHS, by: SEX) { group } } } }';
    const cases: [Viewer, Record<string, string>, boolean][] = [
      [laOfficer('857'), { __typename: 'LocalAuthority', code: '857' }, true],
      [laOfficer('891'), { __typename: 'LocalAuthority', code: '857' }, false],
      [trustLeader(TRUST), { __typename: 'LocalAuthority', code: '857' }, false],
      [staffOf(142401), { __typename: 'LocalAuthority', code: '857' }, false],
      [trustLeader(TRUST), { __typename: 'Trust', id: TRUST }, true],
      [trustLeader('TR0966'), { __typename: 'Trust', id: TRUST }, false],
      [laOfficer('857'), { __typename: 'Trust', id: TRUST }, false],
      [anonymous, { __typename: 'Trust', id: TRUST }, false],
    ];
    for (const [viewer, rep, allowed] of cases) {
      const res = await subgraph.request(viewer, LA, { r: [rep] });
      if (allowed) expect(res.errors).toBeUndefined();
      else expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('lets a learning guide list their own pupils, in full', async () => {
    const pupil = pupilOf(142401);
    const res = await subgraph.request<{
      myPupils: { id: string; learningTargets: { kind: string }[]; reviews: unknown[] }[];
    }>(
      staffOf(142401, pupil.learningGuideId),
      '{ myPupils { id upn learningTargets { kind area ratings { rating } } reviews { heldOn nextReviewOn } reviewOverdue(asOf: "2026-07-20") } }',
    );
    expect(res.errors).toBeUndefined();
    const mine = res.data?.myPupils.find((p) => p.id === pupil.id);
    expect(mine?.learningTargets.map((t) => t.kind).sort()).toEqual(['ACADEMIC', 'NON_COGNITIVE']);
    expect(mine?.reviews.length).toBeGreaterThan(0);
  });
});

describe('progress subgraph: numbers', () => {
  it('suppresses small groups, their complement (so subtraction gives nothing), and a gap when either side is small', async () => {
    const res = await subgraph.request<Entities>(
      laOfficer('857'),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { gaps(academicYear: 2025, subject: MATHS, by: LOOKED_AFTER) { group attainment { value cohort suppressed reason code } attainmentGap { value suppressed } } } } }',
      { r: [{ __typename: 'School', urn: 144847 }] },
    );
    expect(res.errors).toBeUndefined();
    const groups = res.data?._entities[0]?.gaps as {
      group: string;
      attainment: Record<string, unknown>;
      attainmentGap: Record<string, unknown>;
    }[];
    const lookedAfter = groups.find((g) => g.group === 'LOOKED_AFTER');
    const others = groups.find((g) => g.group === 'NOT_LOOKED_AFTER');
    // Looked-after children are 0.8% of pupils: in one school, a handful.
    const [lac] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from progress.pupil_results where urn = 144847 and academic_year = 2025 and subject = 'MATHS' and looked_after`,
    );
    expect(lac?.n).toBeGreaterThanOrEqual(1);
    expect(lac?.n).toBeLessThanOrEqual(5);
    expect(lookedAfter?.attainment).toMatchObject({ value: null, cohort: null, suppressed: true });
    expect(lookedAfter?.attainment).toMatchObject({ code: 'c' });
    expect(lookedAfter?.attainment.reason).toMatch(/^c: withheld to protect confidentiality/);
    expect(others?.attainmentGap).toMatchObject({ value: null, suppressed: true });
    // Secondary suppression: the complement would give the small group away by subtraction from the total.
    expect(others?.attainment).toMatchObject({ value: null, cohort: null, suppressed: true, code: 'c' });
    // One reason for both: it must not tell which of the two is the small group.
    expect(others?.attainment.reason).toBe(lookedAfter?.attainment.reason);
  });

  it('shows a school with no pupils assessed as empty, not suppressed', async () => {
    const res = await subgraph.request<Entities>(laOfficer('857'), ENTITIES, {
      representations: [{ __typename: 'School', urn: TINY }],
    });
    expect(res.errors).toBeUndefined();
    const progress = res.data?._entities[0]?.progress as Record<string, Record<string, unknown>>;
    expect(progress.pupils).toBe(0);
    expect(progress.onTrack).toMatchObject({ value: null, cohort: 0, suppressed: false });
  });

  it('counts stuck pupils and those without a plan, and pages through them', async () => {
    const urn = 142401;
    const [counts] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(distinct pupil_id)::int as n from progress.pupil_results where urn = ${urn} and academic_year = ${YEAR} and stuck`,
    );
    const res = await subgraph.request<Entities>(staffOf(urn), ENTITIES, {
      representations: [{ __typename: 'School', urn }],
    });
    const progress = res.data?._entities[0]?.progress as { stuckPupils: number; stuckWithoutPlan: number };
    expect(progress.stuckPupils).toBe(counts?.n);
    expect(progress.stuckPupils).toBeGreaterThan(0);
    expect(progress.stuckWithoutPlan).toBeGreaterThan(0);
    expect(progress.stuckWithoutPlan).toBeLessThan(progress.stuckPupils);

    const PAGE = `query ($urn: Int!, $after: String) { _entities(representations: [{ __typename: "School", urn: $urn }]) { ... on School { stuckPupils(academicYear: ${YEAR}, first: 3, after: $after) { totalCount nodes { id yearGroup progressPlan { barriers reviewOn } } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      _entities: {
        stuckPupils: {
          totalCount: number;
          nodes: { id: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }[];
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: Awaited<ReturnType<typeof subgraph.request<Page>>> = await subgraph.request<Page>(
        staffOf(urn),
        PAGE,
        { urn, after },
      );
      expect(page.errors).toBeUndefined();
      const conn = page.data?._entities[0]?.stuckPupils;
      seen.push(...(conn?.nodes.map((n) => n.id) ?? []));
      if (!conn?.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(progress.stuckPupils);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('gives the DfE gap index the SQL computes and the rule function agrees on', async () => {
    const res = await subgraph.request<Entities>(trustLeader(TRUST), ENTITIES, {
      representations: [{ __typename: 'Trust', id: TRUST }],
    });
    const trend = res.data?._entities[0]?.gapTrend as { academicYear: number; gapIndex: { value: number } }[];
    const rows = await queryRows<{ attainment: number; disadvantaged: boolean; year_group: number }>(
      subgraph.db,
      sql`select attainment, disadvantaged, year_group from progress.pupil_results where trust_id = ${TRUST} and subject = 'MATHS' and academic_year = ${YEAR}`,
    );
    const expected = gapIndex(
      rows.map((r) => ({ score: Number(r.attainment), focus: r.disadvantaged, rankWithin: r.year_group })),
    );
    const last = trend.find((t) => t.academicYear === YEAR);
    expect(last?.gapIndex.value).toBeCloseTo(expected ?? Number.NaN, 6);
    expect(last?.gapIndex.value).toBeGreaterThan(0);
  });

  it('stores the assessment scales exactly as the rules define them', async () => {
    const res = await subgraph.request<{
      assessmentScales: { id: string; grades: { grade: string; points: number }[] }[];
    }>(staffOf(142401), '{ assessmentScales { id grades { grade points } } }');
    const stored = new Map(res.data?.assessmentScales.map((s) => [s.id, s.grades]));
    for (const scale of SCALES) {
      const grades = stored.get(scale.id) ?? [];
      expect(grades.length).toBe(scale.grades.length);
      for (const g of scale.grades)
        expect(grades.find((x) => x.grade === g.grade)?.points).toBeCloseTo(g.points, 4);
    }
  });
});

describe('progress subgraph: changes', () => {
  const CREATE =
    'mutation ($input: CreateProgressPlanInput!) { createProgressPlan(input: $input) { id barriers owner { id } reviewOn } }';
  const soon = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

  it('creates a plan for a stuck pupil, so one fewer is without a plan', async () => {
    const urn = 144847;
    const COUNT = `query { _entities(representations: [{ __typename: "School", urn: ${urn} }]) { ... on School { progress(academicYear: ${YEAR}) { stuckWithoutPlan } } } }`;
    const before = (await subgraph.request<Entities>(staffOf(urn), COUNT)).data?._entities[0]?.progress as {
      stuckWithoutPlan: number;
    };
    const [unplanned] = await queryRows<{ pupil_id: string }>(
      subgraph.db,
      sql`select distinct r.pupil_id from progress.pupil_results r where r.urn = ${urn} and r.academic_year = ${YEAR} and r.stuck
          and not exists (select 1 from progress.progress_plans p where p.pupil_id = r.pupil_id and p.closed_on is null) limit 1`,
    );
    expect(unplanned).toBeDefined();
    const res = await subgraph.request<{ createProgressPlan: { owner: { id: string } } }>(
      staffOf(urn, `S${urn}-03`),
      CREATE,
      {
        input: {
          pupilId: unplanned?.pupil_id,
          barriers: 'Misses maths lessons for music.',
          actions: 'Move the music lesson.',
          reviewOn: soon,
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createProgressPlan.owner.id).toBe(`S${urn}-03`);
    const after = (await subgraph.request<Entities>(staffOf(urn), COUNT)).data?._entities[0]?.progress as {
      stuckWithoutPlan: number;
    };
    expect(after.stuckWithoutPlan).toBe(before.stuckWithoutPlan - 1);
  });

  it('rejects bad plans naming the field, and plans for another school', async () => {
    const pupil = pupilOf(142401);
    const bad = await subgraph.request(staffOf(142401), CREATE, {
      input: { pupilId: pupil.id, barriers: ' ', actions: 'x', reviewOn: soon },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'barriers' });
    const late = await subgraph.request(staffOf(142401), CREATE, {
      input: { pupilId: pupil.id, barriers: 'b', actions: 'a', reviewOn: '2099-01-01' },
    });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewOn' });
    for (const viewer of [staffOf(142544), trustLeader(TRUST), laOfficer('857')]) {
      const other = await subgraph.request(viewer, CREATE, {
        input: { pupilId: pupil.id, barriers: 'b', actions: 'a', reviewOn: soon },
      });
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('assigns a guide, adds and rates a non-cognitive target, and records a review', async () => {
    const pupil = pupilOf(142544, 1);
    const staff = staffOf(142544, 'S142544-03');
    const assigned = await subgraph.request<{ assignLearningGuide: { learningGuide: { id: string } } }>(
      staff,
      'mutation ($p: ID!) { assignLearningGuide(pupilId: $p, staffId: "S142544-04") { learningGuide { id } } }',
      { p: pupil.id },
    );
    expect(assigned.data?.assignLearningGuide.learningGuide.id).toBe('S142544-04');
    const added = await subgraph.request<{ addLearningTarget: { id: string } }>(
      staff,
      'mutation ($p: ID!) { addLearningTarget(input: { pupilId: $p, kind: NON_COGNITIVE, area: "resilience", description: "Tries again after a mistake." }) { id area } }',
      { p: pupil.id },
    );
    expect(added.errors).toBeUndefined();
    const today = new Date().toISOString().slice(0, 10);
    const rated = await subgraph.request<{ rateLearningTarget: { ratings: { rating: number }[] } }>(
      staff,
      'mutation ($t: ID!, $d: String!) { rateLearningTarget(targetId: $t, rating: 3, ratedOn: $d) { ratings { rating } } }',
      { t: added.data?.addLearningTarget.id, d: today },
    );
    expect(rated.data?.rateLearningTarget.ratings.map((r) => r.rating)).toEqual([3]);
    const badRating = await subgraph.request(
      staff,
      'mutation ($t: ID!, $d: String!) { rateLearningTarget(targetId: $t, rating: 7, ratedOn: $d) { id } }',
      { t: added.data?.addLearningTarget.id, d: today },
    );
    expect(badRating.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
    const review = await subgraph.request(
      staff,
      'mutation ($p: ID!, $h: String!, $n: String!) { recordReview(input: { pupilId: $p, heldOn: $h, notes: "Good week.", nextReviewOn: $n }) { id reviewer { id } } }',
      {
        p: pupil.id,
        h: today,
        n: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    );
    expect(review.errors).toBeUndefined();
    const future = await subgraph.request(
      staff,
      'mutation ($p: ID!) { recordReview(input: { pupilId: $p, heldOn: "2099-01-01", notes: "x", nextReviewOn: "2099-02-01" }) { id } }',
      { p: pupil.id },
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
  });

  it('imports assessments from CSV: rejects a bad file whole, and a second import changes nothing', async () => {
    const urn = 146397;
    const [a, b] = [pupilOf(urn, 0), pupilOf(urn, 1)];
    const other = pupilOf(142401);
    const IMPORT =
      'mutation ($csv: String!) { importAssessments(csv: $csv) { inserted unchanged pupilsUpdated } }';
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          subgraph.db,
          sql`select count(*)::int as n from progress.assessments where urn = ${urn}`,
        )
      )[0]?.n;
    const before = await count();
    const wrongLetter = `${a.upn[0] === 'A' ? 'B' : 'A'}${a.upn.slice(1)}`;
    const bad = [
      'upn,subject,scale,grade,assessed_on,kind',
      `${a.upn},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
      `${wrongLetter},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
      `${b.upn},SCIENCE,NC_LEVEL,9z,2026-10-01,TEACHER`,
      `${b.upn},SCIENCE,NC_LEVEL,4b,2099-10-01,TEACHER`,
      `${a.upn},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
      `${other.upn},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
      `V000000000000,SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
    ].join('\n');
    const rejected = await subgraph.request(staffOf(urn), IMPORT, { csv: bad });
    expect(rejected.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    const lines = ((rejected.errors?.[0]?.extensions?.lines ?? []) as { line: number }[]).map((l) => l.line);
    expect(lines).toEqual([3, 4, 5, 6, 7, 8]);
    expect(await count()).toBe(before);

    const good = [
      'upn,subject,scale,grade,assessed_on,kind',
      `${a.upn},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`,
      `${b.upn},MATHS,SCHOOL_STEPS,Y6 S,2026-10-02,PERIODIC`,
    ].join('\n');
    const first = await subgraph.request<{ importAssessments: { inserted: number; unchanged: number } }>(
      staffOf(urn),
      IMPORT,
      { csv: good },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.importAssessments).toMatchObject({ inserted: 2, unchanged: 0 });
    const again = await subgraph.request<{
      importAssessments: { inserted: number; unchanged: number; pupilsUpdated: number };
    }>(staffOf(urn), IMPORT, { csv: good });
    expect(again.data?.importAssessments).toEqual({ inserted: 0, unchanged: 2, pupilsUpdated: 0 });
    expect(await count()).toBe((before ?? 0) + 2);
    const [result] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from progress.pupil_results where pupil_id = ${b.id} and academic_year = 2026`,
    );
    expect(result?.n).toBe(1);
  });
});

describe('progress subgraph: intervention cohorts and the impact of adoptions', () => {
  const IMPACT = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adoption {
    impact { effect { value cohort suppressed reason } months { value suppressed } cohortSize comparisonSize }
  } } }`;
  type Impact = {
    effect: { value: number | null; cohort: number | null; suppressed: boolean; reason: string | null };
    months: { value: number | null; suppressed: boolean };
    cohortSize: number | null;
    comparisonSize: number | null;
  };
  const adoption = (id: string, cohortId: string) => ({
    __typename: 'Adoption',
    id,
    cohort: { id: cohortId },
  });
  const cohortOf = (id: string) => demoAdoptionCohorts().find((a) => a.id === id) as DemoAdoption;

  it('creates the demo cohorts from the shared definition, with the sizes given', async () => {
    const found = await queryRows<{ id: string; n: number }>(
      subgraph.db,
      sql`select c.id, count(m.pupil_id)::int as n from progress.intervention_cohorts c
          join progress.cohort_members m on m.cohort_id = c.id group by c.id order by c.id`,
    );
    const seeded = new Set([...TRUST_URNS, MAINTAINED, TINY, ELSEWHERE]);
    expect(found).toEqual(
      demoAdoptionCohorts()
        .filter((a) => seeded.has(a.urn))
        .map((a) => ({ id: a.cohortId, n: a.cohortSize }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('measures impact for anyone, batched for every adoption in a request, suppressed for small cohorts', async () => {
    const effective = cohortOf('AD-0002');
    const small = cohortOf('AD-0009');
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: { impact: Impact | null }[] }>(anonymous, IMPACT, {
      r: [
        adoption('AD-0002', effective.cohortId),
        adoption('AD-0009', small.cohortId),
        adoption('AD-9999', 'K120181-nothing'),
      ],
    });
    expect(res.errors).toBeUndefined();
    // Every cohort with its pupils' assessments and its trust's expected rate: one query for any number.
    expect(subgraph.queryCount()).toBe(1);
    const [measured, suppressed, unknown] = res.data?._entities ?? [];
    expect(measured?.impact?.effect).toMatchObject({ suppressed: false, reason: null, cohort: 10 });
    expect(measured?.impact?.effect.value).toBeGreaterThan(0);
    // 1 point a term (the default) is 0.25 points a month.
    expect(measured?.impact?.months.value).toBeCloseTo((measured?.impact?.effect.value ?? 0) / 0.25, 0);
    expect(measured?.impact?.comparisonSize).toBeGreaterThan(5);
    expect(suppressed?.impact).toMatchObject({
      effect: {
        value: null,
        cohort: null,
        suppressed: true,
        reason: expect.stringMatching(/^c: withheld to protect confidentiality/),
      },
      months: { value: null, suppressed: true },
      cohortSize: null,
      comparisonSize: null,
    });
    expect(unknown?.impact).toBeNull();
  });

  it('shows who is in a cohort only to the school and its trust', async () => {
    const { cohortId } = cohortOf('AD-0009');
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on InterventionCohort {
      id school { urn } subject yearGroup academicYear startedOn endedOn pupils { id yearGroup(academicYear: 2024) }
    } } }`;
    const r = [{ __typename: 'InterventionCohort', id: cohortId }];
    for (const viewer of [staffOf(142544), trustLeader(TRUST)]) {
      const res = await subgraph.request<{ _entities: { pupils: { yearGroup: number }[] }[] }>(
        viewer,
        query,
        { r },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0]?.pupils.map((p) => p.yearGroup)).toEqual([2, 2, 2, 2]);
    }
    for (const viewer of [anonymous, staffOf(MAINTAINED), laOfficer('857'), carer]) {
      const res = await subgraph.request<{ _entities: Record<string, unknown>[] }>(viewer, query, { r });
      expect(res.data?._entities[0]).toMatchObject({
        id: cohortId,
        school: { urn: 142544 },
        subject: 'READING',
        yearGroup: 2,
        academicYear: 2024,
        startedOn: '2024-09-15',
        endedOn: '2025-07-15',
        pupils: null,
      });
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
  });

  it("creates a cohort of the school's own pupils, and refuses another school's pupil changing nothing", async () => {
    const CREATE = `mutation ($input: CreateInterventionCohortInput!) { createInterventionCohort(input: $input) {
      id school { urn } subject yearGroup pupils { id } impact { effect { value cohort suppressed } }
    } }`;
    const year4 = demoPupils(school(MAINTAINED))
      .filter((p) => p.receptionYear === 2021 && p.onRollTo >= 2025)
      .slice(0, 7)
      .map((p) => p.id);
    const input = {
      subject: 'MATHS',
      yearGroup: 4,
      academicYear: 2025,
      startedOn: '2025-09-08',
      pupilIds: year4,
    };
    const countCohorts = async () =>
      (
        await queryRows<{ n: number }>(
          subgraph.db,
          sql`select (select count(*) from progress.intervention_cohorts)::int
                + (select count(*) from progress.cohort_members)::int as n`,
        )
      )[0]?.n;
    const before = await countCohorts();
    const refusals: [Viewer, Record<string, unknown>, string, string | undefined][] = [
      [
        staffOf(MAINTAINED),
        { ...input, pupilIds: [...year4, pupilOf(142401).id] },
        'BAD_USER_INPUT',
        'pupilIds',
      ],
      [staffOf(MAINTAINED), { ...input, yearGroup: 5 }, 'BAD_USER_INPUT', 'pupilIds'],
      [staffOf(MAINTAINED), { ...input, pupilIds: [] }, 'BAD_USER_INPUT', 'pupilIds'],
      [staffOf(MAINTAINED), { ...input, startedOn: '2025-13-01' }, 'BAD_USER_INPUT', 'startedOn'],
      [staffOf(MAINTAINED), { ...input, endedOn: '2025-09-01' }, 'BAD_USER_INPUT', 'endedOn'],
      [staffOf(142401), input, 'BAD_USER_INPUT', 'pupilIds'],
      [trustLeader(TRUST), input, 'FORBIDDEN', undefined],
      [carer, input, 'FORBIDDEN', undefined],
      [anonymous, input, 'FORBIDDEN', undefined],
    ];
    for (const [viewer, bad, code, field] of refusals) {
      const res = await subgraph.request(viewer, CREATE, { input: bad });
      const what = `${viewer.role} ${JSON.stringify(bad).slice(0, 80)}`;
      expect(res.errors?.[0]?.extensions?.code, what).toBe(code);
      expect(res.errors?.[0]?.extensions?.field, what).toBe(field);
      expect(await countCohorts(), what).toBe(before);
    }
    const res = await subgraph.request<{
      createInterventionCohort: { id: string; school: { urn: number }; pupils: { id: string }[] };
    }>(staffOf(MAINTAINED), CREATE, { input });
    expect(res.errors).toBeUndefined();
    const created = res.data?.createInterventionCohort;
    expect(created?.id).toMatch(new RegExp(`^K${MAINTAINED}-`));
    expect(created?.school.urn).toBe(MAINTAINED);
    expect(created?.pupils.map((p) => p.id)).toEqual([...year4].sort());
    expect(await countCohorts()).toBe((before ?? 0) + 1 + year4.length);
  });
});

describe("progress subgraph: what a practice's adoptions add up to", () => {
  const EVIDENCE = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on PracticeEvidence { practiceId measured withPositiveEffect }
  } }`;
  const evidence = (practiceId: string, ...adoptionIds: string[]) => ({
    __typename: 'PracticeEvidence',
    practiceId,
    adoptionCohortIds: adoptionIds.map(
      (id) => (demoAdoptionCohorts().find((a) => a.id === id) as DemoAdoption).cohortId,
    ),
  });

  it('counts measured and positive effects for many practices in one query, never counting a suppressed one', async () => {
    // Seeded here: AD-0002 (measured, positive), AD-0009 (4 pupils) and AD-0010 (5 comparable pupils), both
    // suppressed. AD-0001, AD-0003 and AD-0008 are at schools not seeded in this test: not known here.
    const r = [
      evidence('PR-0001', 'AD-0001', 'AD-0002', 'AD-0003'),
      evidence('PR-0007', 'AD-0008', 'AD-0009'),
      evidence('PR-0010', 'AD-0010'),
      evidence('PR-0004'),
    ];
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: unknown[] }>(anonymous, EVIDENCE, { r });
    expect(res.errors).toBeUndefined();
    expect(subgraph.queryCount()).toBe(1);
    expect(res.data?._entities).toEqual([
      { practiceId: 'PR-0001', measured: 1, withPositiveEffect: 1 },
      { practiceId: 'PR-0007', measured: 0, withPositiveEffect: 0 },
      { practiceId: 'PR-0010', measured: 0, withPositiveEffect: 0 },
      { practiceId: 'PR-0004', measured: 0, withPositiveEffect: 0 },
    ]);
    // The same counts as each adoption's own impact gives.
    const impacts = await subgraph.request<{ _entities: { impact: { effect: { suppressed: boolean } } }[] }>(
      anonymous,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adoption { impact { effect { suppressed } } } } }`,
      {
        r: ['AD-0009', 'AD-0010'].map((id) => ({
          __typename: 'Adoption',
          id,
          cohort: { id: evidence('x', id).adoptionCohortIds[0] },
        })),
      },
    );
    expect(impacts.data?._entities.map((e) => e.impact.effect.suppressed)).toEqual([true, true]);
  });

  it('is null without the cohort ids the practice subgraph sends', async () => {
    const res = await subgraph.request<{ _entities: unknown[] }>(anonymous, EVIDENCE, {
      r: [{ __typename: 'PracticeEvidence', practiceId: 'PR-0001' }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { practiceId: 'PR-0001', measured: null, withPositiveEffect: null },
    ]);
  });
});

describe("progress subgraph: a consultancy's receiving department, before and during", () => {
  const PROGRESS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ConsultancyEngagement {
    id departmentProgress {
      subject reason beforeYear duringYears afterYear
      before { value cohort suppressed reason } during { value cohort suppressed reason }
      after { value cohort suppressed reason } change { value cohort suppressed reason }
    }
  } } }`;
  interface M {
    value: number | null;
    cohort: number | null;
    suppressed: boolean;
    reason: string | null;
  }
  interface Change {
    subject: string | null;
    reason: string | null;
    beforeYear: number;
    duringYears: number[];
    afterYear: number | null;
    before: M;
    during: M;
    after: M;
    change: M;
  }
  type Res = { _entities: ({ id: string; departmentProgress: Change | null } | null)[] };
  const engagement = (
    id: string,
    urn: number,
    subject: string,
    startedOn: string,
    endedOn: string | null,
  ) => ({
    __typename: 'ConsultancyEngagement',
    id,
    toSchool: { urn },
    subject,
    startedOn,
    endedOn,
  });
  const MATHS = engagement('CE-M', MAINTAINED, 'MATHS', '2023-09-04', '2024-07-19');
  const ENGLISH = engagement('CE-E', MAINTAINED, 'ENGLISH', '2024-09-09', null);
  const TINY_MATHS = engagement('CE-T', TINY, 'MATHS', '2023-09-04', '2024-07-19');
  const SCIENCE = engagement('CE-S', MAINTAINED, 'SCIENCE', '2025-01-06', null);
  const NOWHERE = engagement('CE-X', 999999, 'MATHS', '2023-09-04', null);

  /** The mean progress and pupils in a year, straight from pupil_results: what the figure must be. */
  async function expected(urn: number, year: number, subjects: string[]) {
    const [row] = await queryRows<{ value: number; n: number }>(
      subgraph.db,
      sql`select round(avg(p)::numeric, 2)::float8 as value, count(*)::int as n from (
            select pupil_id, avg(progress) as p from progress.pupil_results
            where urn = ${urn} and academic_year = ${year} and subject in (${sql.join(
              subjects.map((x) => sql`${x}`),
              sql`, `,
            )})
            group by pupil_id having count(*) = ${subjects.length}) t`,
    );
    return row;
  }

  it('compares the year before with the engagement, every engagement in one query', async () => {
    // The Parks School (a special school of three) has no generated pupils: give it three pupils' results in
    // maths for 2022 and 2023, so its department's figures are over three pupils.
    await subgraph.db.execute(sql`insert into progress.pupil_results
      (pupil_id, academic_year, subject, urn, la_code, trust_id, year_group, disadvantaged, sex, sen, eal,
       ethnicity, looked_after, attainment, at_expected, progress, stuck, stuck_reason)
      select 'PTINY-' || n, y, 'MATHS', ${TINY}, '857', null, 8, false, 'FEMALE', 'EHC_PLAN', false, 'WHITE',
        false, 10, false, n - 2, false, null
      from generate_series(1, 3) n, (values (2022), (2023)) v(y)`);
    subgraph.resetQueryCount();
    const res = await subgraph.request<Res>(laOfficer('891'), PROGRESS, {
      r: [MATHS, ENGLISH, TINY_MATHS, SCIENCE, NOWHERE],
    });
    // Where the schools are, then every engagement's pupils' years: two queries for any number.
    expect(subgraph.queryCount()).toBe(2);
    await subgraph.db.execute(sql`delete from progress.pupil_results where pupil_id like 'PTINY-%'`);
    expect(res.errors).toBeUndefined();
    const [maths, english, tiny, science, nowhere] = (res.data?._entities ?? []).map(
      (e) => e?.departmentProgress,
    );
    const before = await expected(MAINTAINED, 2022, ['MATHS']);
    const during = await expected(MAINTAINED, 2023, ['MATHS']);
    const after = await expected(MAINTAINED, 2024, ['MATHS']);
    expect(before?.n).toBeGreaterThan(5);
    // An LA officer sees aggregates only: means to 1 decimal, pupils to the nearest 5 (disclosure control).
    const mean = (v: number | null | undefined) =>
      publishValue(v ?? null, 'mean', 'aggregates', DEFAULT_POLICY);
    const count = (n: number | undefined) => publishCount(n ?? 0, 'aggregates', DEFAULT_POLICY);
    expect(maths).toEqual({
      subject: 'MATHS',
      reason: null,
      beforeYear: 2022,
      duringYears: [2023],
      afterYear: 2024,
      before: { value: mean(before?.value), cohort: count(before?.n), suppressed: false, reason: null },
      during: { value: mean(during?.value), cohort: count(during?.n), suppressed: false, reason: null },
      after: { value: mean(after?.value), cohort: count(after?.n), suppressed: false, reason: null },
      change: {
        value: expect.closeTo((during?.value ?? 0) - (before?.value ?? 0), 1),
        cohort: count((before?.n ?? 0) + (during?.n ?? 0)),
        suppressed: false,
        reason: null,
      },
    });
    // English is reading and writing together; still running, so during runs to the latest year with results.
    const englishBefore = await expected(MAINTAINED, 2023, ['READING', 'WRITING']);
    expect(english).toMatchObject({
      subject: 'ENGLISH',
      beforeYear: 2023,
      duringYears: [2024, 2025],
      afterYear: null,
      before: { value: mean(englishBefore?.value), cohort: count(englishBefore?.n), suppressed: false },
      during: { suppressed: false },
      after: { value: null, suppressed: false, reason: 'Not yet: the engagement is still running.' },
      change: { suppressed: false },
    });
    expect(english?.during.value).not.toBeNull();
    // Three pupils: every window and the change are suppressed.
    for (const m of [tiny?.before, tiny?.during, tiny?.change])
      expect(m).toEqual({
        value: null,
        cohort: null,
        suppressed: true,
        reason:
          'c: withheld to protect confidentiality — a group of 5 or fewer, or a figure from which one could be worked out.',
      });
    expect(science).toMatchObject({
      subject: null,
      reason: expect.stringContaining('SCIENCE has no periodic assessments'),
      before: { value: null, suppressed: false },
      change: { value: null, suppressed: false },
    });
    expect(nowhere).toBeNull();
  });

  it('refuses a representation with a date that is not one, naming the field', async () => {
    const res = await subgraph.request<Res>(laOfficer('857'), PROGRESS, {
      r: [{ ...MATHS, startedOn: '2023-13-40' }],
    });
    expect(res.data?._entities[0]?.departmentProgress ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startedOn' });
  });

  it('is for school staff, trust leaders and LA officers; others get FORBIDDEN', async () => {
    for (const viewer of [staffOf(ELSEWHERE), trustLeader(TRUST), laOfficer('857')]) {
      const res = await subgraph.request<Res>(viewer, PROGRESS, { r: [MATHS] });
      expect(res.errors, viewer.role).toBeUndefined();
      expect(res.data?._entities[0]?.departmentProgress?.before.suppressed).toBe(false);
    }
    for (const viewer of [anonymous, carer, provider]) {
      const res = await subgraph.request<Res>(viewer, PROGRESS, { r: [MATHS] });
      expect(res.data?._entities[0]?.departmentProgress ?? null, viewer.role).toBeNull();
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
  });
});
