import type { Viewer } from '@commonroom/auth';
import { demoSelection } from '@commonroom/demo';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCpdActivities, demoPracticeCpd, demoPractices, TEACHING_ROLES } from './demo/demo.ts';
import { cpdFigures, totalCpd } from './rules/cpd.ts';
import { canSeePractice, type ViewerScope } from './rules/visibility.ts';
import { practiceUnderTest } from './testing.ts';

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(practiceUnderTest);
});
afterAll(() => subgraph?.close());

const anonymous: Viewer = { role: 'anonymous' };
const staffOf = (urn: number, n = 1): Viewer => ({
  role: 'school_staff',
  sub: `staff-${urn}`,
  urn,
  staffId: `S${urn}-${String(n).padStart(2, '0')}`,
});
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: `lead-${trustId}`, trustId });
const laOfficer = (laCode: string): Viewer => ({ role: 'la_officer', sub: `la-${laCode}`, laCode });

interface Errors {
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}
const firstError = (res: Errors) => res.errors?.[0]?.extensions;

const PRACTICE_ENTITIES = `query ($ids: [_Any!]!) {
  _entities(representations: $ids) { ... on Practice { id title status visibility school { urn } } }
}`;
const practiceRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Practice', id }));

async function entityIds(viewer: Viewer, ids: string[]) {
  const res = await subgraph.request<{ _entities: ({ id: string } | null)[] }>(viewer, PRACTICE_ENTITIES, {
    ids: practiceRefs(ids),
  });
  expect(res.errors).toBeUndefined();
  return res.data?._entities.map((e) => e?.id ?? null);
}

async function rowCounts() {
  const [row] = await subgraph.handle.rows<Record<string, number>>(sql`select
    (select count(*)::int from practice.practices) practices,
    (select count(*)::int from practice.practice_versions) versions,
    (select count(*)::int from practice.adoptions) adoptions,
    (select count(*)::int from practice.cpd_activities) cpd,
    (select count(*)::int from practice.skill_requests) requests`);
  return row;
}

describe('_entities', () => {
  it('resolves every entity this subgraph owns or extends', async () => {
    const res = await subgraph.request<{ _entities: Record<string, unknown>[] }>(
      trustLeader('TR0963'),
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        __typename
        ... on Practice { id title version strand { name impactMonths } authors { id } }
        ... on Adoption { id practice { id } school { urn } cohort { id } subject yearGroup academicYear }
        ... on School { urn practices(first: 3) { totalCount nodes { id } } adoptions { id } }
        ... on Trust { id cpd(academicYear: 2024) { activities } }
      } }`,
      {
        r: [
          { __typename: 'Practice', id: 'PR-0001' },
          { __typename: 'Adoption', id: 'AD-0004' },
          { __typename: 'School', urn: 137358 },
          { __typename: 'Trust', id: 'TR0963' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        __typename: 'Practice',
        id: 'PR-0001',
        title: 'Hinge-point questions for assessment for learning in maths',
        version: 2,
        strand: { name: 'Feedback', impactMonths: 6 },
        authors: [{ id: 'S137358-01' }, { id: 'S137358-03' }],
      },
      {
        __typename: 'Adoption',
        id: 'AD-0004',
        practice: { id: 'PR-0002' },
        school: { urn: 137340 },
        cohort: { id: 'K137340-AD-0004' },
        subject: 'ENGLISH',
        yearGroup: 7,
        academicYear: 2023,
      },
      {
        __typename: 'School',
        urn: 137358,
        practices: { totalCount: 1, nodes: [{ id: 'PR-0001' }] },
        adoptions: [],
      },
      { __typename: 'Trust', id: 'TR0963', cpd: { activities: expect.any(Number) } },
    ]);
  });

  it('loads many practices in one SQL statement', async () => {
    const ids = demoPractices().map((p) => p.id);
    subgraph.resetQueryCount();
    const seen = await entityIds(anonymous, ids);
    expect(subgraph.queryCount()).toBe(1);
    expect(seen).toEqual(
      ids.map((id) =>
        ['PR-0001', 'PR-0002', 'PR-0005', 'PR-0007', 'PR-0010', 'PR-0011'].includes(id) ? id : null,
      ),
    );
  });

  it("gives a practice's evidence, with its adoptions' cohorts for the progress subgraph, to whoever may see the practice", async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on PracticeEvidence { practiceId adoptionCohortIds adoptions schools schoolsOutsideTrust }
    } }`;
    const r = ['PR-0001', 'PR-0007', 'PR-0012', 'PR-0006', 'PR-NONE'].map((practiceId) => ({
      __typename: 'PracticeEvidence',
      practiceId,
    }));
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: unknown[] }>(anonymous, query, { r });
    expect(res.errors).toBeUndefined();
    // The practices the caller may see, then every one's evidence: two statements for any number.
    expect(subgraph.queryCount()).toBe(2);
    expect(res.data?._entities).toEqual([
      {
        practiceId: 'PR-0001',
        adoptionCohortIds: ['K141453-AD-0001', 'K120181-AD-0002', 'K138113-AD-0003'],
        adoptions: 3,
        schools: 3,
        schoolsOutsideTrust: 2,
      },
      {
        practiceId: 'PR-0007',
        adoptionCohortIds: ['K122637-AD-0008', 'K142544-AD-0009'],
        adoptions: 2,
        schools: 2,
        schoolsOutsideTrust: 1,
      },
      // PR-0012 is trust-only, as is PR-0006 (which has an adoption): to an outsider they do not exist.
      null,
      null,
      null,
    ]);
    const insider = await subgraph.request<{ _entities: unknown[] }>(trustLeader('TR0962'), query, {
      r: [{ __typename: 'PracticeEvidence', practiceId: 'PR-0006' }],
    });
    expect(insider.data?._entities).toEqual([
      {
        practiceId: 'PR-0006',
        adoptionCohortIds: ['K136530-AD-0011'],
        adoptions: 1,
        schools: 1,
        schoolsOutsideTrust: 0,
      },
    ]);
  });

  it('resolves consultancy engagements for market users only', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on ConsultancyEngagement { id toSchool { urn } toDepartmentId subject startedOn endedOn }
    } }`;
    const r = ['CE-001', 'CE-003', 'CE-NONE'].map((id) => ({ __typename: 'ConsultancyEngagement', id }));
    for (const viewer of [laOfficer('856'), staffOf(120181), trustLeader('TR0963')]) {
      subgraph.resetQueryCount();
      const res = await subgraph.request<{ _entities: unknown[] }>(viewer, query, { r });
      expect(res.errors).toBeUndefined();
      expect(subgraph.queryCount()).toBe(1);
      expect(res.data?._entities).toEqual([
        {
          id: 'CE-001',
          toSchool: { urn: 147068 },
          toDepartmentId: 'D147068-MAT',
          subject: 'MATHS',
          startedOn: '2023-09-04',
          endedOn: '2024-07-19',
        },
        {
          id: 'CE-003',
          toSchool: { urn: 146232 },
          toDepartmentId: 'D146232-ENG',
          subject: 'ENGLISH',
          startedOn: '2024-09-09',
          endedOn: null,
        },
        null,
      ]);
    }
    for (const viewer of [anonymous, { role: 'carer', sub: 'c', carerId: 'C1' } as Viewer]) {
      const res = await subgraph.request<{ _entities: unknown[] }>(viewer, query, { r: r.slice(0, 1) });
      expect(res.data?._entities).toEqual([null]);
      expect(firstError(res)?.code).toBe('FORBIDDEN');
    }
  });

  it('gives every school of a trust its practices page and count in two statements', async () => {
    const urns = demoSelection().trusts.find((t) => t.id === 'TR0964')?.urns ?? [];
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: { practices: { totalCount: number } }[] }>(
      trustLeader('TR0964'),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { practices(first: 3) { totalCount nodes { id } } } } }`,
      { r: urns.map((urn) => ({ __typename: 'School', urn })) },
    );
    expect(res.errors).toBeUndefined();
    expect(subgraph.queryCount()).toBe(2);
    // Ketton's trust-only practice; Langham's retired one is left out of the list by default.
    expect(res.data?._entities.map((e) => e.practices.totalCount).reduce((a, b) => a + b)).toBe(1);
  });

  it('hides a practice the caller may not see as if it did not exist, without an error', async () => {
    expect(await entityIds(anonymous, ['PR-0004', 'PR-0006', 'PR-0009', 'PR-NONE'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const adoption = await subgraph.request<{ _entities: unknown[] }>(
      trustLeader('TR0963'),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adoption { id } } }',
      { r: [{ __typename: 'Adoption', id: 'AD-0011' }] },
    );
    expect(adoption.data?._entities).toEqual([null]);
  });
});

describe('visibility, per role', () => {
  // Where each demo viewer stands, for the pure rule the SQL must agree with.
  const cases: [string, Viewer, ViewerScope][] = [
    ['anonymous', anonymous, { urn: null, laCodes: [], trustId: null }],
    ['carer', { role: 'carer', sub: 'c', carerId: 'C1' }, { urn: null, laCodes: [], trustId: null }],
    ['provider', { role: 'provider', sub: 'p', providerId: 'P1' }, { urn: null, laCodes: [], trustId: null }],
    ['Rutland officer', laOfficer('857'), { urn: null, laCodes: ['857'], trustId: null }],
    ['Nottinghamshire officer', laOfficer('891'), { urn: null, laCodes: ['891'], trustId: null }],
    ['TR0964 leader', trustLeader('TR0964'), { urn: null, laCodes: ['857'], trustId: 'TR0964' }],
    ['TR0966 leader', trustLeader('TR0966'), { urn: null, laCodes: ['857', '891'], trustId: 'TR0966' }],
    ['TR0962 leader', trustLeader('TR0962'), { urn: null, laCodes: ['856', '857'], trustId: 'TR0962' }],
    ['Ketton staff', staffOf(141453), { urn: 141453, laCodes: ['857'], trustId: 'TR0964' }],
    ['Catmose Primary staff', staffOf(138113), { urn: 138113, laCodes: ['857'], trustId: 'TR0963' }],
    ['Oakham staff (maintained)', staffOf(120181), { urn: 120181, laCodes: ['857'], trustId: null }],
    ['Richard Bonington staff', staffOf(122512), { urn: 122512, laCodes: ['891'], trustId: 'TR0966' }],
    ['Kent school staff', staffOf(137955), { urn: 137955, laCodes: ['886'], trustId: null }],
  ];
  const { schools, trusts } = demoSelection();
  const placeOf = (urn: number) => {
    const school = schools.find((s) => s.urn === urn);
    if (!school) throw new Error(`${urn} is not a demo school`);
    return { urn, laCode: school.laCode, trustId: trusts.find((t) => t.urns.includes(urn))?.id ?? null };
  };

  it.each(cases)('%s sees exactly what the rule allows, by id and in search', async (_, viewer, scope) => {
    const catalogue = demoPractices();
    const expected = catalogue
      .filter((p) => canSeePractice(scope, p, placeOf(p.urn)))
      .map((p) => p.id)
      .sort();
    const seen = await entityIds(
      viewer,
      catalogue.map((p) => p.id),
    );
    expect(seen?.filter((id) => id !== null).sort()).toEqual(expected);
    const search = await subgraph.request<{ practices: { totalCount: number; nodes: { id: string }[] } }>(
      viewer,
      '{ practices(first: 100, filter: { statuses: [DRAFT, PUBLISHED, RETIRED] }) { totalCount nodes { id } } }',
    );
    expect(search.data?.practices.nodes.map((n) => n.id).sort()).toEqual(expected);
    expect(search.data?.practices.totalCount).toBe(expected.length);
  });

  it('spot checks: trust-only, LA-only and draft practices', async () => {
    expect(await entityIds(trustLeader('TR0962'), ['PR-0006'])).toEqual(['PR-0006']);
    expect(await entityIds(trustLeader('TR0963'), ['PR-0006'])).toEqual([null]);
    expect(await entityIds(laOfficer('857'), ['PR-0003', 'PR-0004'])).toEqual(['PR-0003', null]);
    expect(await entityIds(staffOf(122512), ['PR-0003', 'PR-0008'])).toEqual([null, null]);
    expect(await entityIds(staffOf(138113), ['PR-0009'])).toEqual(['PR-0009']);
    expect(await entityIds(trustLeader('TR0963'), ['PR-0009'])).toEqual([null]);
  });
});

describe('search', () => {
  type Page = {
    practices: {
      totalCount: number;
      nodes: { id: string }[];
      pageInfo: { endCursor: string; hasNextPage: boolean };
    };
  };
  const SEARCH = `query ($s: String, $f: PracticeFilter, $first: Int, $after: String) {
    practices(search: $s, filter: $f, first: $first, after: $after) { totalCount nodes { id } pageInfo { endCursor hasNextPage } }
  }`;

  it('ranks title matches above matches in the body, and leaves out retired practices', async () => {
    const res = await subgraph.request<Page>(anonymous, SEARCH, { s: 'reading', first: 10 });
    expect(res.errors).toBeUndefined();
    const ids = res.data?.practices.nodes.map((n) => n.id) ?? [];
    // Both title matches (weight A) before the phonics practice, which mentions reading in its problem (B).
    expect(ids.slice(0, 2).sort()).toEqual(['PR-0002', 'PR-0005']);
    expect(ids).toContain('PR-0007');
    expect(ids.indexOf('PR-0007')).toBeGreaterThan(1);
    expect(ids).not.toContain('PR-0010');
    expect(res.data?.practices.totalCount).toBe(ids.length);
  });

  it('understands web-search syntax and stems words', async () => {
    const res = await subgraph.request<Page>(anonymous, SEARCH, { s: '"peer tutoring" -maths', first: 10 });
    expect(res.data?.practices.nodes.map((n) => n.id)).toEqual(['PR-0005']);
    const stems = await subgraph.request<Page>(anonymous, SEARCH, { s: 'quizzing', first: 10 });
    expect(stems.data?.practices.nodes.map((n) => n.id)).toEqual(['PR-0011']);
  });

  it('pages a ranked search with cursors, without gaps or repeats', async () => {
    const all = await subgraph.request<Page>(laOfficer('857'), SEARCH, { s: 'pupils', first: 50 });
    const expected = all.data?.practices.nodes.map((n) => n.id) ?? [];
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await subgraph.request<Page>(laOfficer('857'), SEARCH, { s: 'pupils', first: 2, after });
      seen.push(...(page.data?.practices.nodes.map((n) => n.id) ?? []));
      if (!page.data?.practices.pageInfo.hasNextPage) break;
      after = page.data.practices.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('filters by phase, subject, key stage, pupil group, strand, trust and LA', async () => {
    const ids = async (f: Record<string, unknown>, viewer: Viewer = trustLeader('TR0966')) =>
      (await subgraph.request<Page>(viewer, SEARCH, { f, first: 50 })).data?.practices.nodes.map((n) => n.id);
    expect(await ids({ phase: 'SECONDARY' })).toEqual(['PR-0002', 'PR-0005', 'PR-0011']);
    expect(await ids({ subject: 'maths', keyStage: 'KS2' })).toEqual(['PR-0001', 'PR-0003', 'PR-0012']);
    expect(await ids({ pupilGroup: 'EAL' })).toEqual([]);
    expect(await ids({ pupilGroup: 'EAL' }, staffOf(139858))).toEqual(['PR-0004']);
    expect(await ids({ strand: 'PHONICS' })).toEqual(['PR-0007']);
    expect(await ids({ trust: 'TR0966' })).toEqual(['PR-0007', 'PR-0012']);
    expect(await ids({ localAuthority: '891' })).toEqual(['PR-0007']);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
    [{ s: 'x'.repeat(201) }, 'search'],
  ])('refuses %j with BAD_USER_INPUT', async (variables, field) => {
    const res = await subgraph.request(anonymous, SEARCH, variables);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('CPD', () => {
  const CPD = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on School { cpd(academicYear: 2024) { teachers hours hoursPerTeacher schoolBasedShare teamShare assessmentForLearningShare } }
    ... on Trust { cpd(academicYear: 2024) { teachers hours hoursPerTeacher schoolBasedShare } }
  } }`;

  it("gives a school's figures for the year, computed from its activities and teaching staff", async () => {
    const school = demoSelection().schools.find((s) => s.urn === 137340);
    if (!school) throw new Error('Casterton College is a demo school');
    const activities = [...demoCpdActivities(school), ...demoPracticeCpd()].filter(
      (a) => a.urn === 137340 && a.academicYear === 2024,
    );
    const expected = cpdFigures(totalCpd(activities), 46);
    const res = await subgraph.request<{ _entities: unknown[] }>(trustLeader('TR0963'), CPD, {
      r: [{ __typename: 'School', urn: 137340 }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toEqual({
      cpd: {
        teachers: 46,
        hours: expected.hours,
        hoursPerTeacher: expected.hoursPerTeacher,
        schoolBasedShare: expected.schoolBasedShare,
        teamShare: expected.teamShare,
        assessmentForLearningShare: expected.assessmentForLearningShare,
      },
    });
    expect(TEACHING_ROLES.has('SUPPORT')).toBe(false);
  });

  it('shows school figures to its staff, trust and LA, and no one else', async () => {
    const ask = (viewer: Viewer) =>
      subgraph.request(viewer, CPD, { r: [{ __typename: 'School', urn: 137340 }] });
    for (const viewer of [staffOf(137340), trustLeader('TR0963'), laOfficer('857')])
      expect((await ask(viewer)).errors).toBeUndefined();
    for (const viewer of [anonymous, staffOf(137358), trustLeader('TR0964'), laOfficer('891')])
      expect(firstError(await ask(viewer))?.code).toBe('FORBIDDEN');
  });

  it("shows a trust's figures to its leaders only", async () => {
    const ask = (viewer: Viewer) =>
      subgraph.request<{ _entities: { cpd: { teachers: number } | null }[] }>(viewer, CPD, {
        r: [{ __typename: 'Trust', id: 'TR0963' }],
      });
    const mine = await ask(trustLeader('TR0963'));
    expect(mine.data?._entities[0]?.cpd?.teachers).toBe(15 + 23 + 15 + 46);
    expect(firstError(await ask(trustLeader('TR0964')))?.code).toBe('FORBIDDEN');
    expect(firstError(await ask(staffOf(137340)))?.code).toBe('FORBIDDEN');
  });
});

describe('expertise market', () => {
  it('ranks experts for a request: all skills first, then region and availability', async () => {
    const res = await subgraph.request<{
      skillRequest: {
        school: { urn: number };
        matches: { expert: { id: string; region: string }; matchedSkills: string[]; sameRegion: boolean }[];
      };
    }>(
      staffOf(120355),
      '{ skillRequest(id: "SR-002") { school { urn } matches(first: 3) { expert { id region } matchedSkills sameRegion } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.skillRequest.matches.map((m) => m.expert.id)).toEqual(['EX-004', 'EX-005', 'EX-010']);
    expect(res.data?.skillRequest.matches[0]).toMatchObject({
      matchedSkills: ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'],
      sameRegion: true,
    });
  });

  it('is closed to anonymous callers', async () => {
    const res = await subgraph.request(anonymous, '{ skillRequests { id } }');
    expect(firstError(res)?.code).toBe('FORBIDDEN');
  });

  it('lists consultancy engagements a school gave or received', async () => {
    const res = await subgraph.request<{
      _entities: { consultancies: { id: string; toDepartmentId: string; team: { id: string }[] }[] }[];
    }>(
      trustLeader('TR0962'),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { consultancies { id toDepartmentId team { id } } } } }',
      { r: [{ __typename: 'School', urn: 147068 }] },
    );
    expect(res.data?._entities[0]?.consultancies).toEqual([
      {
        id: 'CE-001',
        toDepartmentId: 'D147068-MAT',
        team: expect.arrayContaining([{ id: expect.stringMatching(/^S136530-/) }]),
      },
    ]);
  });
});

describe('changes', () => {
  const PRACTICE_INPUT = {
    title: 'Exit tickets that shape the next lesson',
    summary: 'Three questions at the end of every lesson sort pupils for the next one.',
    problem: 'Teachers planned the next lesson without knowing who had understood.',
    approach: 'Pupils answer three questions on a slip; the teacher sorts the slips into three piles.',
    phases: ['PRIMARY'],
    keyStages: ['KS2'],
    subjects: ['maths'],
    pupilGroups: ['ALL'],
    strand: 'FEEDBACK',
    resources: [{ title: 'Templates', url: 'https://example.org/exit-tickets' }],
    visibility: 'PUBLIC',
  };
  const PUBLISH = `mutation ($input: PracticeInput!, $draft: Boolean) {
    publishPractice(input: $input, draft: $draft) { id title status version subjects authors { id } school { urn } }
  }`;
  const UPDATE = `mutation ($id: ID!, $input: PracticeInput!, $publish: Boolean, $expected: Int) {
    updatePractice(id: $id, input: $input, publish: $publish, expectedVersion: $expected) { id title status version versions { version title savedBy { id } } }
  }`;
  const ADOPT = `mutation ($input: AdoptionInput!) { adoptPractice(input: $input) { id practiceVersion cohort { id } school { urn } practice { id } } }`;
  const ketton = staffOf(141453, 4);

  it('publishes, finds, edits with versions kept, and retires a practice', async () => {
    const published = await subgraph.request<{
      publishPractice: { id: string; status: string; subjects: string[]; authors: { id: string }[] };
    }>(ketton, PUBLISH, { input: PRACTICE_INPUT });
    expect(published.errors).toBeUndefined();
    const id = published.data?.publishPractice.id as string;
    expect(published.data?.publishPractice).toMatchObject({
      status: 'PUBLISHED',
      subjects: ['MATHS'],
      authors: [{ id: 'S141453-04' }],
    });
    const found = await subgraph.request<{ practices: { nodes: { id: string }[] } }>(
      anonymous,
      '{ practices(search: "exit tickets") { nodes { id } } }',
    );
    expect(found.data?.practices.nodes.map((n) => n.id)).toEqual([id]);

    const edited = await subgraph.request<{
      updatePractice: { version: number; versions: { version: number; title: string }[] };
    }>(ketton, UPDATE, {
      id,
      input: { ...PRACTICE_INPUT, title: 'Exit tickets that plan the next lesson' },
      expected: 1,
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updatePractice.version).toBe(2);
    expect(edited.data?.updatePractice.versions.map((v) => v.title)).toEqual([
      'Exit tickets that shape the next lesson',
      'Exit tickets that plan the next lesson',
    ]);
    const stale = await subgraph.request(ketton, UPDATE, { id, input: PRACTICE_INPUT, expected: 1 });
    expect(firstError(stale)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });

    const retired = await subgraph.request<{ retirePractice: { status: string } }>(
      ketton,
      `mutation { retirePractice(id: "${id}") { status } }`,
    );
    expect(retired.data?.retirePractice.status).toBe('RETIRED');
    const gone = await subgraph.request<{ practices: { nodes: unknown[] } }>(
      anonymous,
      '{ practices(search: "exit tickets") { nodes { id } } }',
    );
    expect(gone.data?.practices.nodes).toEqual([]);
  });

  it('keeps drafts to the school until published', async () => {
    const draft = await subgraph.request<{ publishPractice: { id: string; status: string } }>(
      ketton,
      PUBLISH,
      {
        input: { ...PRACTICE_INPUT, title: 'Draft: mini-plenaries' },
        draft: true,
      },
    );
    const id = draft.data?.publishPractice.id as string;
    expect(draft.data?.publishPractice.status).toBe('DRAFT');
    expect(await entityIds(anonymous, [id])).toEqual([null]);
    expect(await entityIds(staffOf(139858), [id])).toEqual([null]);
    const published = await subgraph.request<{ updatePractice: { status: string } }>(ketton, UPDATE, {
      id,
      input: PRACTICE_INPUT,
      publish: true,
    });
    expect(published.data?.updatePractice.status).toBe('PUBLISHED');
    expect(await entityIds(anonymous, [id])).toEqual([id]);
  });

  it("pages a school's practices newest first, drafts and retired ones only where asked and allowed", async () => {
    type SchoolPage = {
      _entities: {
        practices: {
          totalCount: number;
          nodes: { id: string }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      }[];
    };
    const PAGE = `query ($r: [_Any!]!, $after: String, $first: Int) { _entities(representations: $r) {
      ... on School { practices(first: $first, after: $after, includeRetired: true) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }
    } }`;
    const r = [{ __typename: 'School', urn: 141453 }];
    const all = await subgraph.request<SchoolPage>(ketton, PAGE, { r, first: 50 });
    const expected = all.data?._entities[0]?.practices.nodes.map((n) => n.id) ?? [];
    // The trust-only demo practice and the two published in these tests (one since retired).
    expect(expected).toHaveLength(3);
    expect(expected.at(-1)).toBe('PR-0004');
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await subgraph.request<SchoolPage>(ketton, PAGE, { r, first: 1, after });
      const practices = page.data?._entities[0]?.practices;
      seen.push(...(practices?.nodes.map((n) => n.id) ?? []));
      if (!practices?.pageInfo.hasNextPage) break;
      after = practices.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    const outsider = await subgraph.request<SchoolPage>(anonymous, PAGE, { r, first: 50 });
    expect(outsider.data?._entities[0]?.practices.nodes.map((n) => n.id)).toEqual(
      expected.filter((id) => id !== 'PR-0004'),
    );
  });

  it('records an adoption of a visible published practice for a cohort of the school', async () => {
    const res = await subgraph.request<{ adoptPractice: Record<string, unknown> }>(
      staffOf(142401, 2),
      ADOPT,
      {
        input: {
          practiceId: 'PR-0007',
          cohortId: 'K142401-Y2-2025',
          subject: 'READING',
          yearGroup: 2,
          academicYear: 2025,
          startedOn: '2025-09-22',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.adoptPractice).toMatchObject({
      practiceVersion: 1,
      cohort: { id: 'K142401-Y2-2025' },
      school: { urn: 142401 },
      practice: { id: 'PR-0007' },
    });
  });

  it('records CPD and a skill request for the school', async () => {
    const cpd = await subgraph.request<{
      recordCpdActivity: { academicYear: number; staff: { id: string }; practice: { id: string } };
    }>(
      ketton,
      `mutation { recordCpdActivity(input: { type: OPEN_DAY_VISIT, title: "Visit to see hinge questions", hours: 6, startedOn: "2026-02-03",
        endedOn: "2026-02-03", schoolBased: false, inTeam: true, focus: ASSESSMENT_FOR_LEARNING, practiceId: "PR-0001", hostUrn: 137358 })
        { academicYear staff { id } practice { id } } }`,
    );
    expect(cpd.errors).toBeUndefined();
    expect(cpd.data?.recordCpdActivity).toEqual({
      academicYear: 2025,
      staff: { id: 'S141453-04' },
      practice: { id: 'PR-0001' },
    });
    const request = await subgraph.request<{
      createSkillRequest: { skills: string[]; matches: { expert: { id: string } }[] };
    }>(
      ketton,
      'mutation { createSkillRequest(input: { title: "Maths lead", skills: ["maths", "assessment for learning"] }) { skills matches(first: 1) { expert { id } } } }',
    );
    expect(request.errors).toBeUndefined();
    expect(request.data?.createSkillRequest).toEqual({
      skills: ['MATHS', 'ASSESSMENT_FOR_LEARNING'],
      matches: [{ expert: { id: 'EX-006' } }],
    });
  });

  const adoption = {
    practiceId: 'PR-0001',
    cohortId: 'K141453-Y6-2025',
    subject: 'MATHS',
    yearGroup: 6,
    academicYear: 2025,
    startedOn: '2025-09-15',
  };
  const refusals: [string, Viewer, string, Record<string, unknown>, { code: string; field?: string }][] = [
    [
      'an empty title',
      ketton,
      PUBLISH,
      { input: { ...PRACTICE_INPUT, title: ' ' } },
      { code: 'BAD_USER_INPUT', field: 'input.title' },
    ],
    [
      'an unknown strand',
      ketton,
      PUBLISH,
      { input: { ...PRACTICE_INPUT, strand: 'LEARNING_STYLES' } },
      { code: 'BAD_USER_INPUT', field: 'input.strand' },
    ],
    [
      'a resource that is not a URL',
      ketton,
      PUBLISH,
      { input: { ...PRACTICE_INPUT, resources: [{ title: 'x', url: 'javascript:alert(1)' }] } },
      { code: 'BAD_USER_INPUT', field: 'input.resources[0].url' },
    ],
    ['publishing anonymously', anonymous, PUBLISH, { input: PRACTICE_INPUT }, { code: 'FORBIDDEN' }],
    [
      'publishing as a trust leader',
      trustLeader('TR0964'),
      PUBLISH,
      { input: PRACTICE_INPUT },
      { code: 'FORBIDDEN' },
    ],
    [
      "editing another school's practice",
      ketton,
      UPDATE,
      { id: 'PR-0001', input: PRACTICE_INPUT },
      { code: 'FORBIDDEN' },
    ],
    [
      'editing a practice the caller cannot see',
      ketton,
      UPDATE,
      { id: 'PR-0006', input: PRACTICE_INPUT },
      { code: 'BAD_USER_INPUT', field: 'id' },
    ],
    [
      'editing a retired practice',
      staffOf(139858),
      UPDATE,
      { id: 'PR-0010', input: PRACTICE_INPUT },
      { code: 'CONFLICT', field: 'id' },
    ],
    [
      'adopting a retired practice',
      ketton,
      ADOPT,
      { input: { ...adoption, practiceId: 'PR-0010' } },
      { code: 'CONFLICT', field: 'input.practiceId' },
    ],
    [
      'adopting an invisible practice',
      ketton,
      ADOPT,
      { input: { ...adoption, practiceId: 'PR-0006' } },
      { code: 'BAD_USER_INPUT', field: 'input.practiceId' },
    ],
    [
      'adopting its own practice',
      ketton,
      ADOPT,
      { input: { ...adoption, practiceId: 'PR-0004' } },
      { code: 'BAD_USER_INPUT', field: 'input.practiceId' },
    ],
    [
      "adopting for another school's cohort",
      ketton,
      ADOPT,
      { input: { ...adoption, cohortId: 'K137358-Y6-2025' } },
      { code: 'FORBIDDEN', field: 'input.cohortId' },
    ],
    [
      'adopting without a cohort',
      ketton,
      ADOPT,
      { input: { ...adoption, cohortId: ' ' } },
      { code: 'BAD_USER_INPUT', field: 'input.cohortId' },
    ],
    [
      'adopting for a cohort already adopted for',
      staffOf(141453),
      ADOPT,
      { input: { ...adoption, cohortId: 'K141453-AD-0001' } },
      { code: 'CONFLICT', field: 'input.cohortId' },
    ],
    [
      'adopting for a subject progress does not measure',
      ketton,
      ADOPT,
      { input: { ...adoption, subject: 'PE' } },
      { code: 'BAD_USER_INPUT', field: 'input.subject' },
    ],
    [
      "recording CPD for another school's staff",
      ketton,
      'mutation { recordCpdActivity(input: { staffId: "S137358-02", type: COACHING, title: "x", hours: 2, startedOn: "2025-10-01", endedOn: "2025-10-01", schoolBased: true, inTeam: false, focus: OTHER }) { id } }',
      {},
      { code: 'FORBIDDEN', field: 'input.staffId' },
    ],
    [
      'recording CPD that ends before it starts',
      ketton,
      'mutation { recordCpdActivity(input: { type: COACHING, title: "x", hours: 2, startedOn: "2025-10-02", endedOn: "2025-10-01", schoolBased: true, inTeam: false, focus: OTHER }) { id } }',
      {},
      { code: 'BAD_USER_INPUT', field: 'input.endedOn' },
    ],
    [
      'a skill request with no skills',
      ketton,
      'mutation { createSkillRequest(input: { title: "x", skills: [] }) { id } }',
      {},
      { code: 'BAD_USER_INPUT', field: 'input.skills' },
    ],
  ];

  it.each(refusals)(
    'refuses %s with a clear error and changes nothing',
    async (_, viewer, mutation, variables, error) => {
      const before = await rowCounts();
      const res = await subgraph.request(viewer, mutation, variables);
      expect(res.data == null || Object.values(res.data).every((v) => v === null)).toBe(true);
      expect(firstError(res)).toMatchObject(error);
      expect(await rowCounts()).toEqual(before);
    },
  );
});
