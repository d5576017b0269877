import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { currentDemoPupils, demoCarers, demoSelection, demoStaff } from '@commonroom/demo';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionCounts, satisfactionCountsLive } from './data/satisfaction.ts';
import { ATTEMPTS_PER_CHANNEL, channelOrder } from './rules/delivery.ts';
import {
  type DeliveryAdapters,
  deliverDue,
  fileAdapters,
  type OutgoingMessage,
  recordTeacherStatuses,
} from './server.ts';
import { parentsUnderTest } from './testing.ts';

let subgraph: TestSubgraph;

const demo = demoSelection();
const schoolA = demo.schools[0] as (typeof demo.schools)[number];
const schoolB = demo.schools.find(
  (s) => s.laCode !== schoolA.laCode && s.urn !== schoolA.urn,
) as typeof schoolA;
const carersA = demoCarers(schoolA);
const carersB = demoCarers(schoolB);
const carerA = carersA.carers[0] as (typeof carersA.carers)[number];
const childA = carersA.links.find((l) => l.carerId === carerA.id)?.pupilId as string;
const childB = carersB.links[0]?.pupilId as string;
const headA = demoStaff(schoolA).staff[0]?.id as string;
const trustOfA = demo.trusts.find((t) => t.urns.includes(schoolA.urn));
const otherTrust = demo.trusts.find((t) => t.id !== trustOfA?.id) as (typeof demo.trusts)[number];

const asCarer = (carerId: string): Viewer => ({ role: 'carer', sub: carerId, carerId });
const asStaff = (urn: number, staffId: string): Viewer => ({
  role: 'school_staff',
  sub: staffId,
  urn,
  staffId,
});
const staffA = asStaff(schoolA.urn, headA);
const anonymous: Viewer = { role: 'anonymous' };
const provider: Viewer = { role: 'provider', sub: 'p', providerId: 'PR1' };
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 't', trustId });
const laOfficer = (laCode: string): Viewer => ({ role: 'la_officer', sub: 'o', laCode });

/**
 * Concept results as the gateway brings them from the progress subgraph for `trafficLights` (@requires): the
 * spring and summer assessments of 2025/26, with points the rule turns into GREEN, AMBER and RED.
 */
const CONCEPTS = [
  ['READING', 'INFERENCE'],
  ['READING', 'VOCABULARY'],
  ['WRITING', 'COMPOSITION'],
  ['WRITING', 'SPELLING_PUNCTUATION'],
  ['MATHS', 'FRACTIONS'],
  ['MATHS', 'PLACE_VALUE'],
] as const;
const conceptResults = (behind: number[] = [0, 0.5, 2, 0, 0.5, 2]) =>
  ['2026-03-24', '2026-07-01'].flatMap((assessedOn) =>
    CONCEPTS.map(([subject, concept], i) => ({
      academicYear: 2025,
      assessedOn,
      subject,
      concept,
      points: 20 - (behind[i] ?? 0),
      expectedPoints: 20,
    })),
  );
const pupilRef = (id: string, results = conceptResults()) => ({
  __typename: 'Pupil',
  id,
  conceptResults: results,
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Carer { id displayName preferredLanguage preferredChannel }
    ... on Pupil { id trafficLights { subject concept status label } }
    ... on School { urn parentSatisfaction(academicYear: 2025) { responses recommend { value suppressed } } }
    ... on Trust { id parentSatisfaction(academicYear: 2025) { responses } }
  }
}`;

beforeAll(async () => {
  subgraph = await startTestSubgraph(parentsUnderTest);
});
afterAll(() => subgraph?.close());

describe('a carer', () => {
  it('sees themselves and their children, with traffic lights in their language', async () => {
    const res = await subgraph.request<{
      me: { id: string; preferredLanguage: string; children: { id: string }[] };
    }>(asCarer(carerA.id), '{ me { ... on Carer { id preferredLanguage children { id } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toMatchObject({ id: carerA.id, preferredLanguage: carerA.preferredLanguage });
    expect(res.data?.me.children.map((c) => c.id)).toContain(childA);
    const lit = await subgraph.request<{
      _entities: { trafficLights: { assessedOn: string; label: string; status: string }[] }[];
    }>(
      asCarer(carerA.id),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { trafficLights { assessedOn status label } } } }',
      { r: [pupilRef(childA)] },
    );
    const lights = lit.data?._entities[0]?.trafficLights ?? [];
    expect(lights).toHaveLength(6);
    // The latest assessment of 2025/26 only, worded in Polish.
    expect(new Set(lights.map((l) => l.assessedOn))).toEqual(new Set(['2026-07-01']));
    const polish = { GREEN: 'Zgodnie z planem', AMBER: 'Blisko celu', RED: 'Potrzebuje więcej pomocy' };
    for (const l of lights) expect(l.label).toBe(polish[l.status as keyof typeof polish]);
  });

  it("gets nothing about another family's child: null with FORBIDDEN, in _entities and in every field", async () => {
    const res = await subgraph.request<{ _entities: unknown[] }>(asCarer(carerA.id), ENTITIES, {
      representations: [
        pupilRef(childB),
        { __typename: 'Carer', id: carersB.carers[0]?.id },
        pupilRef(childA),
      ],
    });
    expect(res.data?._entities[0]).toBeNull();
    expect(res.data?._entities[1]).toBeNull();
    expect(res.data?._entities[2]).toMatchObject({ id: childA });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const carers = await subgraph.request(
      asCarer(carerA.id),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { carers { relationship } } } }',
      { r: [{ __typename: 'Pupil', id: childA }] },
    );
    // Even their own child's carer list is for school staff.
    expect(carers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads only their own messages about their child, newest first, and pages through them', async () => {
    const query = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) {
      ... on Pupil { messages(first: 2, after: $after) { totalCount nodes { id sentAt from body sender } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      _entities: {
        messages: {
          totalCount: number;
          nodes: { id: string; sentAt: string; sender: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }[];
    };
    const first = await subgraph.request<Page>(asCarer(carerA.id), query, {
      r: [{ __typename: 'Pupil', id: childA }],
    });
    expect(first.errors).toBeUndefined();
    const page = first.data?._entities[0]?.messages;
    expect(page?.totalCount).toBeGreaterThanOrEqual(2);
    const second = await subgraph.request<Page>(asCarer(carerA.id), query, {
      r: [{ __typename: 'Pupil', id: childA }],
      after: page?.pageInfo.endCursor,
    });
    const all = [...(page?.nodes ?? []), ...(second.data?._entities[0]?.messages.nodes ?? [])];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const times = all.map((m) => m.sentAt);
    expect([...times].sort().reverse()).toEqual(times);
    const rows = await queryRows<{ carer_id: string }>(
      subgraph.db,
      sql`select distinct carer_id from parents.messages where id in (${sql.join(
        all.map((m) => sql`${Number(m.id)}`),
        sql`, `,
      )})`,
    );
    expect(rows.map((r) => r.carer_id)).toEqual([carerA.id]);
  });
});

describe("traffic lights from the progress subgraph's concept results", () => {
  const LIGHTS =
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { trafficLights(academicYear: 2025) { assessedOn subject concept status setByTeacher } } } }';
  type Lights = {
    _entities: {
      trafficLights: {
        assessedOn: string;
        subject: string;
        concept: string;
        status: string;
        setByTeacher: boolean;
      }[];
    }[];
  };

  it("are the rule applied to the latest assessment, a teacher's own status overriding it, without points", async () => {
    const before = await subgraph.request<Lights>(asCarer(carerA.id), LIGHTS, { r: [pupilRef(childA)] });
    expect(
      before.data?._entities[0]?.trafficLights.map((l) => [l.concept, l.status, l.setByTeacher]),
    ).toEqual([
      ['INFERENCE', 'GREEN', false],
      ['VOCABULARY', 'AMBER', false],
      ['COMPOSITION', 'RED', false],
      ['SPELLING_PUNCTUATION', 'GREEN', false],
      ['FRACTIONS', 'AMBER', false],
      ['PLACE_VALUE', 'RED', false],
    ]);
    const status = {
      pupilId: childA,
      urn: schoolA.urn,
      assessedOn: '2026-07-01',
      subject: 'MATHS' as const,
      concept: 'PLACE_VALUE',
      status: 'GREEN' as const,
      setByStaffId: headA,
    };
    expect(await recordTeacherStatuses(subgraph.db, [status])).toBe(1);
    // The same again replaces it: still one row.
    expect(await recordTeacherStatuses(subgraph.db, [status])).toBe(1);
    const res = await subgraph.request<Lights>(asCarer(carerA.id), LIGHTS, { r: [pupilRef(childA)] });
    const maths = res.data?._entities[0]?.trafficLights.filter((l) => l.subject === 'MATHS');
    expect(maths).toEqual([
      {
        assessedOn: '2026-07-01',
        subject: 'MATHS',
        concept: 'FRACTIONS',
        status: 'AMBER',
        setByTeacher: false,
      },
      {
        assessedOn: '2026-07-01',
        subject: 'MATHS',
        concept: 'PLACE_VALUE',
        status: 'GREEN',
        setByTeacher: true,
      },
    ]);
    expect(JSON.stringify(res)).not.toMatch(/points/i);
    // A changed result from progress changes the light (here: fractions now more than a point behind).
    const worse = await subgraph.request<Lights>(asCarer(carerA.id), LIGHTS, {
      r: [pupilRef(childA, conceptResults([0, 0, 0, 0, 3, 0]))],
    });
    expect(worse.data?._entities[0]?.trafficLights.find((l) => l.concept === 'FRACTIONS')?.status).toBe(
      'RED',
    );
    const [stored] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from parents.teacher_light_statuses where pupil_id = ${childA}`,
    );
    expect(stored?.n).toBe(1);
  });

  it('are empty when the progress subgraph gave no results, and for a year without any', async () => {
    const none = await subgraph.request<Lights>(asCarer(carerA.id), LIGHTS, {
      r: [{ __typename: 'Pupil', id: childA }, pupilRef(childA, [])],
    });
    expect(none.errors).toBeUndefined();
    expect(none.data?._entities.map((e) => e.trafficLights)).toEqual([[], []]);
    const other = await subgraph.request<Lights>(
      asCarer(carerA.id),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { trafficLights(academicYear: 2024) { status } } } }',
      { r: [pupilRef(childA)] },
    );
    expect(other.data?._entities[0]?.trafficLights).toEqual([]);
  });

  it("are refused for another family's child even with results in the representation", async () => {
    const res = await subgraph.request<{ _entities: unknown[] }>(asCarer(carerA.id), LIGHTS, {
      r: [pupilRef(childB)],
    });
    expect(res.data?._entities).toEqual([null]);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("read every pupil's teacher statuses in one query", async () => {
    const pupils = currentDemoPupils(schoolA).slice(0, 100);
    subgraph.resetQueryCount();
    const res = await subgraph.request<Lights>(staffA, LIGHTS, { r: pupils.map((p) => pupilRef(p.id)) });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.every((e) => e.trafficLights.length === 6)).toBe(true);
    // Pupils, teacher statuses.
    expect(subgraph.queryCount()).toBe(2);
  });
});

describe('a teacher overriding a traffic light', () => {
  const SET = `mutation ($input: SetTrafficLightInput!) {
    setTrafficLight(input: $input) { pupil { id } assessedOn subject concept status reason setBy { id } setAt } }`;
  const CLEAR = `mutation ($input: ClearTrafficLightInput!) {
    clearTrafficLight(input: $input) { pupil { id } concept removed } }`;
  const LIGHTS =
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { trafficLights(academicYear: 2025) { concept status setByTeacher teacherReason label } } } }';
  type Lights = {
    _entities: {
      trafficLights: {
        concept: string;
        status: string;
        setByTeacher: boolean;
        teacherReason: string | null;
        label: string;
      }[];
    }[];
  };
  const key = { pupilId: childA, assessedOn: '2026-07-01', subject: 'WRITING', concept: 'COMPOSITION' };
  const stored = async () =>
    queryRows<{ status: string; reason: string | null; set_by_staff_id: string }>(
      subgraph.db,
      sql`select status, reason, set_by_staff_id from parents.teacher_light_statuses
          where pupil_id = ${childA} and subject = 'WRITING' and concept = 'COMPOSITION'`,
    );
  const composition = async () => {
    const res = await subgraph.request<Lights>(asCarer(carerA.id), LIGHTS, { r: [pupilRef(childA)] });
    expect(res.errors).toBeUndefined();
    return res.data?._entities[0]?.trafficLights.find((l) => l.concept === 'COMPOSITION');
  };

  it('is set by the school with a reason the carer reads, replaced, then cleared back to the rule', async () => {
    expect(await composition()).toMatchObject({ status: 'RED', setByTeacher: false, teacherReason: null });
    const set = await subgraph.request<{ setTrafficLight: Record<string, unknown> }>(staffA, SET, {
      input: { ...key, status: 'AMBER', reason: '  Writing much more in class since the spring.  ' },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setTrafficLight).toMatchObject({
      pupil: { id: childA },
      status: 'AMBER',
      reason: 'Writing much more in class since the spring.',
      setBy: { id: headA },
    });
    // The carer sees that a teacher set it, and why; Polish carers read the label in Polish.
    expect(await composition()).toMatchObject({
      status: 'AMBER',
      setByTeacher: true,
      teacherReason: 'Writing much more in class since the spring.',
    });
    // A second setting replaces the first: one row.
    await subgraph.request(staffA, SET, { input: { ...key, status: 'GREEN', reason: 'Secure now.' } });
    expect(await stored()).toEqual([{ status: 'GREEN', reason: 'Secure now.', set_by_staff_id: headA }]);
    const cleared = await subgraph.request<{ clearTrafficLight: { removed: boolean } }>(staffA, CLEAR, {
      input: key,
    });
    expect(cleared.data?.clearTrafficLight).toEqual({
      pupil: { id: childA },
      concept: 'COMPOSITION',
      removed: true,
    });
    expect(await composition()).toMatchObject({ status: 'RED', setByTeacher: false, teacherReason: null });
    // Clearing again changes nothing and says so.
    const again = await subgraph.request<{ clearTrafficLight: { removed: boolean } }>(staffA, CLEAR, {
      input: key,
    });
    expect(again.data?.clearTrafficLight.removed).toBe(false);
    expect(await stored()).toEqual([]);
  });

  it('refuses bad input naming the field, and storing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ assessedOn: '2026-02-30' }, 'assessedOn'],
      [{ assessedOn: '1 July 2026' }, 'assessedOn'],
      [{ assessedOn: '2999-07-01' }, 'assessedOn'],
      [{ subject: 'SCIENCE' }, 'subject'],
      [{ concept: 'FRACTIONS' }, 'concept'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
    ];
    for (const [change, field] of cases) {
      const res = await subgraph.request(staffA, SET, {
        input: { ...key, status: 'GREEN', reason: 'Fine.', ...change },
      });
      expect(res.errors?.[0]?.extensions, JSON.stringify(change)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await stored()).toEqual([]);
  });

  it("is refused to carers, other schools' staff and everyone else, and recorded in the audit trail", async () => {
    const headB = demoStaff(schoolB).staff[0]?.id as string;
    const refused: Viewer[] = [
      asCarer(carerA.id),
      asStaff(schoolB.urn, headB),
      trustLeader(trustOfA?.id ?? 'TR0'),
      laOfficer(schoolA.laCode),
      provider,
      anonymous,
    ];
    for (const viewer of refused) {
      for (const [operation, input] of [
        [SET, { ...key, status: 'GREEN', reason: 'Not mine to set.' }],
        [CLEAR, key],
      ] as const) {
        const res = await subgraph.request(viewer, operation, { input });
        expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
      }
    }
    expect(await stored()).toEqual([]);
    await subgraph.request(staffA, SET, { input: { ...key, status: 'GREEN', reason: 'Audited.' } });
    await subgraph.request(staffA, CLEAR, { input: key });
    const audit = await queryRows<{ fields: string[]; pupil_ids: string[]; outcome: string }>(
      subgraph.db,
      sql`select fields, pupil_ids, outcome from parents.audit_events
          where 'Mutation.setTrafficLight' = any(fields) or 'Mutation.clearTrafficLight' = any(fields)
          order by id`,
    );
    expect(audit.filter((a) => a.outcome === 'DENIED').length).toBeGreaterThanOrEqual(refused.length * 2);
    expect(
      audit
        .filter((a) => a.outcome === 'OK')
        .slice(-2)
        .map((a) => [a.fields.find((f) => f.startsWith('Mutation.')), a.pupil_ids]),
    ).toEqual([
      ['Mutation.setTrafficLight', [childA]],
      ['Mutation.clearTrafficLight', [childA]],
    ]);
  });
});

describe('school staff', () => {
  it("see their pupils' carers and refuse other schools'", async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id carers { relationship parentalResponsibility primaryContact carer { id displayName } } } } }';
    const own = await subgraph.request<{
      _entities: { carers: { primaryContact: boolean; carer: { id: string } }[] }[];
    }>(staffA, query, { r: [{ __typename: 'Pupil', id: childA }] });
    expect(own.errors).toBeUndefined();
    const links = own.data?._entities[0]?.carers ?? [];
    expect(links.map((l) => l.carer.id)).toContain(carerA.id);
    expect(links.filter((l) => l.primaryContact)).toHaveLength(1);
    expect(links[0]?.primaryContact).toBe(true);
    const other = await subgraph.request<{ _entities: unknown[] }>(staffA, query, {
      r: [{ __typename: 'Pupil', id: childB }],
    });
    expect(other.data?._entities).toEqual([null]);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const carer = await subgraph.request(staffA, 'query ($id: ID!) { carer(id: $id) { id } }', {
      id: carersB.carers[0]?.id,
    });
    expect(carer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('get English labels unless they ask for a language', async () => {
    const res = await subgraph.request<{ _entities: { trafficLights: { label: string; bn: string }[] }[] }>(
      staffA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { trafficLights { label bn: label(language: "bn") } } } }',
      { r: [pupilRef(childA)] },
    );
    const light = res.data?._entities[0]?.trafficLights[0];
    expect(['On track', 'Nearly there', 'Needs more help']).toContain(light?.label);
    expect(['সঠিক পথে', 'প্রায় পৌঁছে গেছে', 'আরও সাহায্য দরকার']).toContain(light?.bn);
  });

  it('resolve every entity this subgraph owns or extends through _entities, null for unknown keys', async () => {
    const res = await subgraph.request<{ _entities: (Record<string, unknown> | null)[] }>(staffA, ENTITIES, {
      representations: [
        { __typename: 'Carer', id: carerA.id },
        pupilRef(childA),
        { __typename: 'School', urn: schoolA.urn },
        { __typename: 'Carer', id: 'C000000-0000' },
        { __typename: 'Pupil', id: 'P000000-0000' },
      ],
    });
    expect(res.errors).toBeUndefined();
    const [carer, pupil, school, noCarer, noPupil] = res.data?._entities ?? [];
    expect(carer).toMatchObject({
      __typename: 'Carer',
      id: carerA.id,
      preferredLanguage: carerA.preferredLanguage,
    });
    expect(pupil).toMatchObject({ __typename: 'Pupil', id: childA });
    expect(pupil?.trafficLights).toHaveLength(6);
    expect(school).toMatchObject({ __typename: 'School', urn: schoolA.urn });
    expect(noCarer).toBeNull();
    expect(noPupil).toBeNull();
  });

  it('resolve 300 Carer and 300 Pupil references with one query per table, not one per entity', async () => {
    const pupils = currentDemoPupils(schoolA).slice(0, 300);
    const carers = carersA.carers.slice(0, 300);
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: unknown[] }>(
      staffA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Carer { id displayName } ... on Pupil { id } } }',
      {
        r: [
          ...carers.map((c) => ({ __typename: 'Carer', id: c.id })),
          ...pupils.map((p) => ({ __typename: 'Pupil', id: p.id })),
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.filter(Boolean)).toHaveLength(600);
    // carers, their links (whose schools decide access), pupils.
    expect(subgraph.queryCount()).toBe(3);
  });
});

describe('satisfaction figures', () => {
  it('are one query for all the schools of a trust, and the trust total is the sum', async () => {
    if (!trustOfA) throw new Error('first demo school is in no demo trust');
    subgraph.resetQueryCount();
    const res = await subgraph.request<{
      _entities: {
        urn?: number;
        parentSatisfaction: { responses: number; recommend: { suppressed: boolean } };
      }[];
    }>(trustLeader(trustOfA.id), ENTITIES, {
      representations: [
        ...trustOfA.urns.map((urn) => ({ __typename: 'School', urn })),
        { __typename: 'Trust', id: trustOfA.id },
      ],
    });
    expect(res.errors).toBeUndefined();
    const schools = res.data?._entities.slice(0, -1) ?? [];
    const trust = res.data?._entities.at(-1);
    expect(trust?.parentSatisfaction.responses).toBe(
      schools.reduce((n, s) => n + s.parentSatisfaction.responses, 0),
    );
    // Some schools have enough responses to show, some too few (suppressed).
    expect(schools.some((s) => s.parentSatisfaction.recommend.suppressed)).toBe(true);
    expect(schools.some((s) => !s.parentSatisfaction.recommend.suppressed)).toBe(true);
    // School directory, satisfaction counts (schools and trust share the loader), trust's schools.
    expect(subgraph.queryCount()).toBeLessThanOrEqual(3);
  });

  it('go through disclosure control: hidden shares say c; an LA officer sees the same shares to whole percentages', async () => {
    const FIGURES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { parentSatisfaction(academicYear: 2025) {
      recommend { value suppressed code } questions { agree { value suppressed code reason } answers { share { value suppressed code reason } } } } } } }`;
    type Share = { value: number | null; suppressed: boolean; code: string | null; reason?: string | null };
    type Res = {
      _entities: {
        parentSatisfaction: { recommend: Share; questions: { agree: Share; answers: { share: Share }[] }[] };
      }[];
    };
    const shares = (res: Res | null | undefined) => {
      const p = res?._entities[0]?.parentSatisfaction;
      return p
        ? [p.recommend, ...p.questions.flatMap((q) => [q.agree, ...q.answers.map((a) => a.share)])]
        : [];
    };
    const r = { r: [{ __typename: 'School', urn: schoolA.urn }] };
    const exact = shares((await subgraph.request<Res>(staffA, FIGURES, r)).data);
    const rounded = shares((await subgraph.request<Res>(laOfficer(schoolA.laCode), FIGURES, r)).data);
    expect(exact.length).toBeGreaterThan(50);
    expect(rounded).toHaveLength(exact.length);
    expect(exact.some((m) => !m.suppressed && m.value !== null && m.value > 0)).toBe(true);
    expect(exact.some((m) => m.suppressed)).toBe(true);
    for (const [i, m] of exact.entries()) {
      const la = rounded[i];
      if (m.suppressed) {
        expect(m).toMatchObject({ value: null, code: 'c' });
        expect(m.reason ?? '').toMatch(/^c: /);
        expect(la).toMatchObject({ value: null, suppressed: true, code: 'c' });
      } else {
        expect(m.code).toBeNull();
        expect(la?.value).toBe(m.value === null ? null : Math.round(m.value * 100) / 100);
      }
    }
  });

  it.each([
    ['a leader of another trust', trustLeader('TR0001'), 'FORBIDDEN'],
    ['an LA officer of the LA', laOfficer(schoolA.laCode), null],
    ['an LA officer of another LA', laOfficer(schoolB.laCode), 'FORBIDDEN'],
    ["the school's staff", staffA, null],
    ['a carer', asCarer(carerA.id), 'FORBIDDEN'],
    ['a provider', provider, 'FORBIDDEN'],
    ['anonymous', anonymous, 'FORBIDDEN'],
  ])('of a school: %s gets %s', async (_, viewer, code) => {
    const res = await subgraph.request(
      viewer,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { parentSatisfaction(academicYear: 2025) { responses } } } }',
      { r: [{ __typename: 'School', urn: schoolA.urn }] },
    );
    expect(res.errors?.[0]?.extensions?.code ?? null).toBe(code);
  });

  it("of a trust: only the trust's own leaders", async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trust { parentSatisfaction(academicYear: 2025) { responses } } } }';
    const r = [{ __typename: 'Trust', id: otherTrust.id }];
    expect((await subgraph.request(trustLeader(otherTrust.id), query, { r })).errors).toBeUndefined();
    for (const viewer of [trustLeader('TR0001'), laOfficer(schoolA.laCode), staffA, asCarer(carerA.id)])
      expect((await subgraph.request(viewer, query, { r })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('other roles', () => {
  it.each([
    ['a trust leader', trustLeader(trustOfA?.id ?? 'TR0001')],
    ['an LA officer', laOfficer(schoolA.laCode)],
    ['a provider', provider],
    ['anonymous', anonymous],
  ])('%s sees no carer, child or message, and has no `me`', async (_, viewer) => {
    const res = await subgraph.request<{ me: unknown; _entities: unknown[] }>(
      viewer,
      'query ($r: [_Any!]!) { me { __typename } _entities(representations: $r) { ... on Pupil { id } ... on Carer { id } } }',
      {
        r: [
          { __typename: 'Pupil', id: childA },
          { __typename: 'Carer', id: carerA.id },
        ],
      },
    );
    expect(res.data?.me).toBeNull();
    expect(res.data?._entities).toEqual([null, null]);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('Parent View responses', () => {
  const SUBMIT = `mutation ($input: ParentViewInput!) { submitParentView(input: $input) { id urn academicYear term } }`;
  const counts = async () =>
    (
      await queryRows<{ responses: number; answers: number }>(
        subgraph.db,
        sql`select (select count(*)::int from parents.survey_responses) as responses,
                   (select count(*)::int from parents.survey_answers) as answers`,
      )
    )[0];

  it('takes one per carer per school per period; a second is CONFLICT and changes nothing', async () => {
    const [row] = await queryRows<{ carer_id: string; urn: number }>(
      subgraph.db,
      sql`select l.carer_id, l.urn from parents.carer_links l
          where not exists (select 1 from parents.survey_responses r where r.carer_id = l.carer_id)
          order by l.carer_id limit 1`,
    );
    if (!row) throw new Error('every carer has answered');
    const input = {
      urn: row.urn,
      academicYear: 2025,
      answers: [
        { question: 'HAPPY', answer: 'STRONGLY_AGREE' },
        { question: 'SAFE', answer: 'AGREE' },
      ],
      recommend: true,
    };
    const first = await subgraph.request(asCarer(row.carer_id), SUBMIT, { input });
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const second = await subgraph.request(asCarer(row.carer_id), SUBMIT, {
      input: { ...input, recommend: false, answers: [{ question: 'HAPPY', answer: 'DISAGREE' }] },
    });
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
    // A termly survey is another period.
    const termly = await subgraph.request(asCarer(row.carer_id), SUBMIT, { input: { ...input, term: 2 } });
    expect(termly.errors).toBeUndefined();
    // Five at once for a new period: exactly one is stored.
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        subgraph.request(asCarer(row.carer_id), SUBMIT, { input: { ...input, term: 3 } }),
      ),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
  });

  it('refuses a school where the carer has no child, and bad answers, changing nothing', async () => {
    const before = await counts();
    const elsewhere = await subgraph.request(asCarer(carerA.id), SUBMIT, {
      input: { urn: schoolB.urn, academicYear: 2025, answers: [], recommend: true },
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const twice = await subgraph.request(asCarer(carerA.id), SUBMIT, {
      input: {
        urn: schoolA.urn,
        academicYear: 2025,
        term: 1,
        answers: [
          { question: 'HAPPY', answer: 'AGREE' },
          { question: 'HAPPY', answer: 'DISAGREE' },
        ],
        recommend: true,
      },
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers' });
    expect(await counts()).toEqual(before);
  });

  it('keeps the stored counts each school reads equal to counting the responses, as responses arrive', async () => {
    const urns = demo.schools.map((s) => s.urn);
    const same = async () => {
      for (const year of [2024, 2025]) {
        const stored = await satisfactionCounts(subgraph.db, urns, year);
        expect(stored).toEqual(await satisfactionCountsLive(subgraph.db, urns, year));
      }
      return satisfactionCounts(subgraph.db, urns, 2025);
    };
    const before = await same();
    expect(before.reduce((n, c) => n + (c?.responses ?? 0), 0)).toBeGreaterThan(20);
    const [row] = await queryRows<{ carer_id: string; urn: number }>(
      subgraph.db,
      sql`select l.carer_id, l.urn from parents.carer_links l
          where not exists (select 1 from parents.survey_responses r where r.carer_id = l.carer_id)
          order by l.carer_id desc limit 1`,
    );
    if (!row) throw new Error('every carer has answered');
    const input = {
      urn: row.urn,
      academicYear: 2025,
      answers: [{ question: 'HAPPY', answer: 'AGREE' }],
      recommend: true,
    };
    expect((await subgraph.request(asCarer(row.carer_id), SUBMIT, { input })).errors).toBeUndefined();
    const after = await same();
    const k = urns.indexOf(row.urn);
    expect(after[k]?.responses).toBe((before[k]?.responses ?? 0) + 1);
    expect(after[k]?.recommend).toBe((before[k]?.recommend ?? 0) + 1);
  });
});

describe('consultations', () => {
  it('never double-book a slot: of 20 concurrent bookings through HTTP exactly one succeeds', async () => {
    // A slot a year ahead (the demo's consultation evening has passed) of a guide with at least 20 pupils.
    const [slot] = await queryRows<{ id: number; staff_id: string }>(
      subgraph.db,
      sql`insert into parents.consultation_slots (urn, staff_id, starts_at, ends_at)
          select ${schoolA.urn}, s.id, now() + interval '365 days', now() + interval '365 days 10 minutes'
          from parents.staff_directory s
          where s.urn = ${schoolA.urn}
            and (select count(*) from parents.pupil_directory p where p.learning_guide_id = s.id) >= 20
          order by s.id limit 1
          returning id, staff_id`,
    );
    if (!slot) throw new Error('no free slot');
    const families = await queryRows<{ carer_id: string; pupil_id: string }>(
      subgraph.db,
      sql`select l.carer_id, l.pupil_id from parents.carer_links l
          join parents.pupil_directory p on p.id = l.pupil_id
          where p.learning_guide_id = ${slot.staff_id} and l.primary_contact order by l.pupil_id limit 20`,
    );
    expect(families).toHaveLength(20);
    const BOOK =
      'mutation ($slot: ID!, $pupil: ID!) { bookConsultation(slotId: $slot, pupilId: $pupil) { id booked bookedBy { id } } }';
    const results = await Promise.all(
      families.map((f) =>
        subgraph.request(asCarer(f.carer_id), BOOK, { slot: String(slot.id), pupil: f.pupil_id }),
      ),
    );
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19);
    const [stored] = await queryRows<{ booked_by_carer_id: string }>(
      subgraph.db,
      sql`select booked_by_carer_id from parents.consultation_slots where id = ${slot.id}`,
    );
    const winner = (won[0]?.data as { bookConsultation: { bookedBy: { id: string } } } | undefined)
      ?.bookConsultation.bookedBy.id;
    expect(stored?.booked_by_carer_id).toBe(winner);

    // The winner cancels; another family can then book it.
    const loser = families.find((f) => f.carer_id !== winner) as (typeof families)[number];
    const cancelled = await subgraph.request(
      asCarer(winner ?? ''),
      'mutation ($s: ID!) { cancelConsultation(slotId: $s) { booked } }',
      {
        s: String(slot.id),
      },
    );
    expect(cancelled.data).toEqual({ cancelConsultation: { booked: false } });
    const again = await subgraph.request(asCarer(loser.carer_id), BOOK, {
      slot: String(slot.id),
      pupil: loser.pupil_id,
    });
    expect(again.errors).toBeUndefined();
  });

  const guideA = currentDemoPupils(schoolA).find((p) => p.id === childA)?.learningGuideId as string;
  const OFFER =
    'mutation ($input: OfferSlotsInput!) { offerConsultationSlots(input: $input) { id startsAt endsAt } }';
  const BOOK = 'mutation ($s: ID!, $p: ID!) { bookConsultation(slotId: $s, pupilId: $p) { id booked } }';
  /** A time `days` ahead, on the hour, so tests' slots never meet one another's. */
  const ahead = (days: number, minutes = 0) => {
    const t = new Date(Date.now() + days * 86_400_000);
    t.setUTCHours(16, minutes, 0, 0);
    return t.toISOString();
  };
  const slotsOfGuide = async () =>
    (
      await queryRows<{ n: number }>(
        subgraph.db,
        sql`select count(*)::int as n from parents.consultation_slots where staff_id = ${guideA}`,
      )
    )[0]?.n;

  it('never overlap for one member of staff, even offered at the same moment, and refuse bad input', async () => {
    const first = await subgraph.request<{ offerConsultationSlots: { id: string }[] }>(staffA, OFFER, {
      input: { staffId: guideA, startsAt: ahead(400), minutes: 10, count: 3 },
    });
    expect(first.errors).toBeUndefined();
    const before = await slotsOfGuide();
    // Five minutes into the first slot; ending inside the last; wrapping all three: each refused whole.
    for (const input of [
      { startsAt: ahead(400, 5), minutes: 10, count: 1 },
      { startsAt: ahead(400, 25), minutes: 15, count: 2 },
      { startsAt: ahead(400, -5), minutes: 60, count: 1 },
    ]) {
      const res = await subgraph.request(staffA, OFFER, { input: { staffId: guideA, ...input } });
      expect(res.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: 'CONFLICT',
        field: 'startsAt',
      });
    }
    // Back to back after the last is fine.
    const after = await subgraph.request(staffA, OFFER, {
      input: { staffId: guideA, startsAt: ahead(400, 30), minutes: 5, count: 1 },
    });
    expect(after.errors).toBeUndefined();
    expect(await slotsOfGuide()).toBe((before ?? 0) + 1);
    // Eight overlapping offers at once (each a minute apart, 15 minutes long): exactly one is stored.
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        subgraph.request(staffA, OFFER, {
          input: { staffId: guideA, startsAt: ahead(401, i), minutes: 15, count: 1 },
        }),
      ),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(7);
    for (const [input, field] of [
      [{ startsAt: 'tomorrow', minutes: 10, count: 1 }, 'startsAt'],
      [{ startsAt: ahead(402), minutes: 4, count: 1 }, 'minutes'],
      [{ startsAt: ahead(402), minutes: 10, count: 41 }, 'count'],
    ] as const) {
      const res = await subgraph.request(staffA, OFFER, { input: { staffId: guideA, ...input } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await slotsOfGuide()).toBe((before ?? 0) + 2);
  });

  it('let a carer hold as many upcoming slots per child as the school allows, whatever runs at once', async () => {
    const offered = await subgraph.request<{ offerConsultationSlots: { id: string }[] }>(staffA, OFFER, {
      input: { staffId: guideA, startsAt: ahead(410), minutes: 10, count: 6 },
    });
    const ids = offered.data?.offerConsultationSlots.map((s) => s.id) ?? [];
    expect(ids).toHaveLength(6);
    const carer = asCarer(carerA.id);
    // Whatever an earlier test left this family holding is let go, so the count starts at nothing.
    await subgraph.db.execute(
      sql`update parents.consultation_slots set booked_by_carer_id = null, booked_for_pupil_id = null, booked_at = null
          where booked_by_carer_id = ${carerA.id} and starts_at > now()`,
    );
    const PER_CHILD = `query ($urn: Int!) { _entities(representations: [{ __typename: "School", urn: $urn }]) {
      ... on School { consultationBookingsPerChild } } }`;
    const limit = async () =>
      (
        await subgraph.request<{ _entities: { consultationBookingsPerChild: number }[] }>(
          anonymous,
          PER_CHILD,
          {
            urn: schoolA.urn,
          },
        )
      ).data?._entities[0]?.consultationBookingsPerChild;
    expect(await limit()).toBe(1);
    expect((await subgraph.request(carer, BOOK, { s: ids[0], p: childA })).errors).toBeUndefined();
    const second = await subgraph.request(carer, BOOK, { s: ids[1], p: childA });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'pupilId', limit: 1 });

    // The school allows three; the carer tries four more at once: two succeed.
    const SET =
      'mutation ($urn: Int!, $n: Int!) { setConsultationBookingsPerChild(urn: $urn, perChild: $n) { consultationBookingsPerChild } }';
    const set = await subgraph.request(staffA, SET, { urn: schoolA.urn, n: 3 });
    expect(set.data).toEqual({ setConsultationBookingsPerChild: { consultationBookingsPerChild: 3 } });
    const racing = await Promise.all(
      ids.slice(1, 5).map((s) => subgraph.request(carer, BOOK, { s, p: childA })),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(2);
    expect(racing.filter((r) => r.errors?.[0]?.extensions?.field === 'pupilId')).toHaveLength(2);
    const [held] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from parents.consultation_slots
          where booked_by_carer_id = ${carerA.id} and booked_for_pupil_id = ${childA} and starts_at > now()`,
    );
    expect(held?.n).toBe(3);

    // Bad numbers, other schools' staff, carers: refused, and the setting stays 3.
    const headB = demoStaff(schoolB).staff[0]?.id as string;
    expect(
      (await subgraph.request(staffA, SET, { urn: schoolA.urn, n: 0 })).errors?.[0]?.extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'perChild',
    });
    expect(
      (await subgraph.request(staffA, SET, { urn: schoolA.urn, n: 11 })).errors?.[0]?.extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'perChild',
    });
    for (const viewer of [asStaff(schoolB.urn, headB), carer, trustLeader(trustOfA?.id ?? 'TR0'), anonymous])
      expect(
        (await subgraph.request(viewer, SET, { urn: schoolA.urn, n: 10 })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    expect(await limit()).toBe(3);

    // A slot that has started cannot be booked.
    const [past] = await queryRows<{ id: string }>(
      subgraph.db,
      sql`insert into parents.consultation_slots (urn, staff_id, starts_at, ends_at)
          values (${schoolA.urn}, ${guideA}, now() - interval '1 day', now() - interval '1 day' + interval '10 minutes')
          returning id::text`,
    );
    const late = await subgraph.request(asCarer(carerA.id), BOOK, { s: past?.id, p: childA });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slotId' });
  });

  it("refuse a slot with someone else's learning guide", async () => {
    const [slot] = await queryRows<{ id: number }>(
      subgraph.db,
      sql`select id from parents.consultation_slots where urn = ${schoolB.urn} and booked_by_carer_id is null limit 1`,
    );
    const res = await subgraph.request(
      asCarer(carerA.id),
      'mutation ($s: ID!, $p: ID!) { bookConsultation(slotId: $s, pupilId: $p) { id } }',
      { s: String(slot?.id), p: childA },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slotId' });
  });
});

describe('messages to carers', () => {
  it('go through the outbox: a failing adapter leaves the message due again later, then it is delivered', async () => {
    const sent = await subgraph.request<{
      sendMessage: { id: string; sender: string; delivery: { delivered: boolean } };
    }>(
      staffA,
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id sender delivery { channel delivered attempts } } }',
      {
        input: {
          pupilId: childA,
          carerId: carerA.id,
          body: 'Could you come in on Thursday to talk about reading?',
        },
      },
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage.delivery.delivered).toBe(false);
    const messageId = Number(sent.data?.sendMessage.id);
    const tried: OutgoingMessage[] = [];
    const down = async (m: OutgoingMessage) => {
      tried.push(m);
      throw new Error('provider down');
    };
    const failing: DeliveryAdapters = { APP: down, EMAIL: down, SMS: down, PAPER_LETTER: down };
    const now = new Date(Date.now() + 1000);
    expect(await deliverDue(subgraph.db, failing, now)).toEqual({ delivered: 0, failed: 1 });
    expect(tried.map((m) => m.messageId)).toEqual([messageId]);
    // Not due again straight away (backoff), and not lost.
    expect(await deliverDue(subgraph.db, failing, new Date(now.getTime() + 1000))).toEqual({
      delivered: 0,
      failed: 0,
    });
    const [row] = await queryRows<{ attempts: number; last_error: string; delivered_at: unknown }>(
      subgraph.db,
      sql`select attempts, last_error, delivered_at from parents.outbox where message_id = ${messageId}`,
    );
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row?.last_error).toContain('provider down');

    const dir = await mkdtemp(join(tmpdir(), 'parents-outbox-'));
    const later = new Date(now.getTime() + 31_000);
    expect(await deliverDue(subgraph.db, fileAdapters(dir), later)).toEqual({ delivered: 1, failed: 0 });
    const file = {
      APP: 'app.jsonl',
      EMAIL: 'email.jsonl',
      SMS: 'sms.jsonl',
      PAPER_LETTER: 'print-queue.jsonl',
    }[carerA.preferredChannel];
    const delivered = (await readFile(join(dir, file), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(delivered).toMatchObject([
      { messageId, body: 'Could you come in on Thursday to talk about reading?' },
    ]);
    const [after] = await queryRows<{ attempts: number; delivered: boolean }>(
      subgraph.db,
      sql`select attempts, delivered_at is not null as delivered from parents.outbox where message_id = ${messageId}`,
    );
    expect(after).toEqual({ attempts: 2, delivered: true });
  });

  it("fall back to the carer's next channel after repeated failures, then deliver there", async () => {
    const sent = await subgraph.request<{ sendMessage: { id: string; delivery: { channel: string } } }>(
      staffA,
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id delivery { channel } } }',
      { input: { pupilId: childA, carerId: carerA.id, body: 'Reading books go home on Fridays.' } },
    );
    expect(sent.errors).toBeUndefined();
    const messageId = Number(sent.data?.sendMessage.id);
    const first = sent.data?.sendMessage.delivery.channel as OutgoingMessage['channel'];
    const [contacts] = await queryRows<{
      email: string | null;
      phone: string | null;
      postal_address: string | null;
      preferred_channel: OutgoingMessage['channel'];
    }>(
      subgraph.db,
      sql`select email, phone, postal_address, preferred_channel from parents.carers where id = ${carerA.id}`,
    );
    const order = channelOrder({
      id: carerA.id,
      givenName: carerA.givenName,
      familyName: carerA.familyName,
      email: contacts?.email ?? null,
      phone: contacts?.phone ?? null,
      postalAddress: contacts?.postal_address ?? null,
      preferredChannel: contacts?.preferred_channel ?? 'APP',
    });
    expect(order[0]).toBe(first);
    const next = order[1] as OutgoingMessage['channel'];
    const reached: OutgoingMessage[] = [];
    const adapters = Object.fromEntries(
      (['APP', 'EMAIL', 'SMS', 'PAPER_LETTER'] as const).map((c) => [
        c,
        async (m: OutgoingMessage) => {
          if (c === first) throw new Error(`${c} provider down`);
          reached.push(m);
        },
      ]),
    ) as DeliveryAdapters;
    // Each attempt a few hours after the last, past any backoff.
    let at = Date.now() + 1000;
    for (let i = 0; i < ATTEMPTS_PER_CHANNEL; i++) {
      expect(await deliverDue(subgraph.db, adapters, new Date(at))).toEqual({ delivered: 0, failed: 1 });
      at += 3 * 3_600_000;
    }
    const [moved] = await queryRows<{ channel: string; attempts: number; last_error: string }>(
      subgraph.db,
      sql`select channel, attempts, last_error from parents.outbox where message_id = ${messageId}`,
    );
    expect(moved).toMatchObject({ channel: next, attempts: 0 });
    expect(moved?.last_error).toContain(`${first}: Error: ${first} provider down`);
    expect(await deliverDue(subgraph.db, adapters, new Date(at))).toEqual({ delivered: 1, failed: 0 });
    expect(reached.map((m) => [m.messageId, m.channel])).toEqual([[messageId, next]]);
    const seen = await subgraph.request<{ _entities: unknown }>(
      staffA,
      'query ($id: ID!) { pupil: _entities(representations: [{ __typename: "Pupil", id: $id }]) { ... on Pupil { messages(first: 1) { nodes { id delivery { channel delivered } } } } } }',
      { id: childA },
    );
    expect(JSON.stringify(seen.data)).toContain(
      JSON.stringify({ id: String(messageId), delivery: { channel: next, delivered: true } }),
    );
  });

  it('send paper letters to the print queue', async () => {
    const [row] = await queryRows<{ carer_id: string; pupil_id: string }>(
      subgraph.db,
      sql`select l.carer_id, l.pupil_id from parents.carer_links l join parents.carers c on c.id = l.carer_id
          where c.preferred_channel = 'PAPER_LETTER' and l.urn = ${schoolA.urn} order by l.carer_id limit 1`,
    );
    if (!row) throw new Error('no paper-letter carer');
    const sent = await subgraph.request<{ sendMessage: { id: string } }>(
      staffA,
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      { input: { pupilId: row.pupil_id, carerId: row.carer_id, body: 'Letter about the school trip.' } },
    );
    const dir = await mkdtemp(join(tmpdir(), 'parents-print-'));
    await deliverDue(subgraph.db, fileAdapters(dir), new Date(Date.now() + 60_000));
    const letters = (await readFile(join(dir, 'print-queue.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      letters.some((l) => l.messageId === Number(sent.data?.sendMessage.id) && l.channel === 'PAPER_LETTER'),
    ).toBe(true);
  });

  it("say 'done well' to every carer with parental responsibility, each in their own language", async () => {
    const res = await subgraph.request<{
      sendDoneWell: { kind: string; body: string; carer: { id: string } }[];
    }>(
      staffA,
      'mutation ($p: ID!) { sendDoneWell(pupilId: $p, note: "Fantastic fractions work today.") { kind body carer { id } } }',
      { p: childA },
    );
    expect(res.errors).toBeUndefined();
    const toCarerA = res.data?.sendDoneWell.find((m) => m.carer.id === carerA.id);
    expect(toCarerA?.kind).toBe('DONE_WELL');
    expect(toCarerA?.body).toBe(
      'Dobre wieści ze szkoły: Państwa dziecko świetnie sobie radzi.\n\nFantastic fractions work today.',
    );
  });

  it('carers write back; the school reads and marks it read; nobody else may send', async () => {
    const res = await subgraph.request<{ sendMessage: { id: string; sender: string; from: string } }>(
      asCarer(carerA.id),
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id sender from } }',
      { input: { pupilId: childA, body: 'Thursday is fine, thank you.' } },
    );
    expect(res.data?.sendMessage).toMatchObject({
      sender: 'CARER',
      from: `${carerA.givenName} ${carerA.familyName}`,
    });
    const read = await subgraph.request<{ markMessageRead: { read: boolean } }>(
      staffA,
      'mutation ($id: ID!) { markMessageRead(id: $id) { read } }',
      { id: res.data?.sendMessage.id },
    );
    expect(read.data?.markMessageRead.read).toBe(true);
    const stranger = await subgraph.request(
      asCarer(carersB.carers[0]?.id ?? ''),
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      { input: { pupilId: childA, body: 'hello' } },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe("staff messages in the carer's language", () => {
  const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
    id body bodyLanguage translated originalBody originalLanguage translationLanguages } }`;
  const READ = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil {
    messages(first: 1) { nodes { id body bodyLanguage translated pl: body(language: "pl-PL") } } } } }`;
  type Shown = { id: string; body: string; bodyLanguage: string | null; translated: boolean; pl: string };
  const messageCount = async () =>
    (await queryRows<{ n: number }>(subgraph.db, sql`select count(*)::int as n from parents.messages`))[0]?.n;

  it('shows the carer the translation for their language, staff the original, each saying which', async () => {
    const translations = [
      { language: 'PL', body: 'Czytanie w domu przynosi efekty: dziękujemy.' },
      { language: 'ur', body: 'گھر پر پڑھنے سے فرق پڑ رہا ہے: شکریہ۔' },
    ];
    const sent = await subgraph.request<{ sendMessage: Shown & Record<string, unknown> }>(staffA, SEND, {
      input: {
        pupilId: childA,
        carerId: carerA.id,
        body: 'Reading at home is making a difference: thank you.',
        translations,
      },
    });
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage).toMatchObject({
      body: 'Reading at home is making a difference: thank you.',
      bodyLanguage: 'en',
      translated: false,
      originalLanguage: 'en',
      translationLanguages: ['pl', 'ur'],
    });
    const asA = await subgraph.request<{ _entities: { messages: { nodes: Shown[] } }[] }>(
      asCarer(carerA.id),
      READ,
      { r: [{ __typename: 'Pupil', id: childA }] },
    );
    expect(carerA.preferredLanguage.startsWith('pl')).toBe(true);
    expect(asA.data?._entities[0]?.messages.nodes[0]).toMatchObject({
      id: sent.data?.sendMessage.id,
      body: 'Czytanie w domu przynosi efekty: dziękujemy.',
      bodyLanguage: 'pl',
      translated: true,
    });
    const asStaff = await subgraph.request<{ _entities: { messages: { nodes: Shown[] } }[] }>(staffA, READ, {
      r: [{ __typename: 'Pupil', id: childA }],
    });
    expect(asStaff.data?._entities[0]?.messages.nodes[0]).toMatchObject({
      body: 'Reading at home is making a difference: thank you.',
      bodyLanguage: 'en',
      translated: false,
      pl: 'Czytanie w domu przynosi efekty: dziękujemy.',
    });
    // Delivered by the carer's channel in their language.
    const dir = await mkdtemp(join(tmpdir(), 'parents-translated-'));
    await deliverDue(subgraph.db, fileAdapters(dir), new Date(Date.now() + 3_600_000), 10_000);
    const file = { APP: 'app', EMAIL: 'email', SMS: 'sms', PAPER_LETTER: 'print-queue' }[
      carerA.preferredChannel
    ];
    const delivered = (await readFile(join(dir, `${file}.jsonl`), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutgoingMessage)
      .find((m) => m.messageId === Number(sent.data?.sendMessage.id));
    expect(delivered).toMatchObject({
      body: 'Czytanie w domu przynosi efekty: dziękujemy.',
      bodyLanguage: 'pl',
    });
  });

  it('gives a carer with no translation in their language the original, saying it is English', async () => {
    const [other] = await queryRows<{ carer_id: string; pupil_id: string }>(
      subgraph.db,
      sql`select l.carer_id, l.pupil_id from parents.carer_links l join parents.carers c on c.id = l.carer_id
          where l.urn = ${schoolA.urn} and c.preferred_language not like 'pl%' and c.preferred_language not like 'en%'
          order by l.carer_id limit 1`,
    );
    if (!other) throw new Error('no carer of another language');
    const sent = await subgraph.request<{ sendMessage: { id: string } }>(staffA, SEND, {
      input: {
        pupilId: other.pupil_id,
        carerId: other.carer_id,
        body: 'Sports day is on Friday.',
        translations: [{ language: 'pl', body: 'Dzień sportu jest w piątek.' }],
      },
    });
    expect(sent.errors).toBeUndefined();
    const read = await subgraph.request<{ _entities: { messages: { nodes: Shown[] } }[] }>(
      asCarer(other.carer_id),
      READ,
      { r: [{ __typename: 'Pupil', id: other.pupil_id }] },
    );
    expect(read.data?._entities[0]?.messages.nodes[0]).toMatchObject({
      body: 'Sports day is on Friday.',
      bodyLanguage: 'en',
      translated: false,
    });
  });

  it('refuses bad translations, and translations from a carer, naming the field and writing nothing', async () => {
    const before = await messageCount();
    for (const translations of [
      [{ language: 'not a tag!', body: 'x' }],
      [{ language: 'en', body: 'Same language as the original.' }],
      [
        { language: 'pl', body: 'a' },
        { language: 'PL', body: 'b' },
      ],
      [{ language: 'bn', body: '   ' }],
    ]) {
      const res = await subgraph.request(staffA, SEND, {
        input: { pupilId: childA, carerId: carerA.id, body: 'Hello', translations },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'translations' });
    }
    const badLanguage = await subgraph.request(staffA, SEND, {
      input: { pupilId: childA, carerId: carerA.id, body: 'Hello', language: '??' },
    });
    expect(badLanguage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
    const fromCarer = await subgraph.request(asCarer(carerA.id), SEND, {
      input: { pupilId: childA, body: 'Cześć', translations: [{ language: 'en', body: 'Hello' }] },
    });
    expect(fromCarer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'translations',
    });
    expect(await messageCount()).toBe(before);
  });

  it("says 'done well' with the staff's translation of the note in the carer's language", async () => {
    const res = await subgraph.request<{
      sendDoneWell: { body: string; bodyLanguage: string; originalBody: string; carer: { id: string } }[];
    }>(
      staffA,
      `mutation ($p: ID!, $t: [MessageTranslationInput!]) {
        sendDoneWell(pupilId: $p, note: "Fantastic fractions work today.", translations: $t) {
          body bodyLanguage originalBody carer { id } } }`,
      { p: childA, t: [{ language: 'pl', body: 'Świetna praca z ułamkami dzisiaj.' }] },
    );
    expect(res.errors).toBeUndefined();
    const toCarerA = res.data?.sendDoneWell.find((m) => m.carer.id === carerA.id);
    // Staff read the original (the good-news line in the carer's language, their note as written).
    expect(toCarerA?.originalBody).toBe(
      'Dobre wieści ze szkoły: Państwa dziecko świetnie sobie radzi.\n\nFantastic fractions work today.',
    );
    const read = await subgraph.request<{ _entities: { messages: { nodes: Shown[] } }[] }>(
      asCarer(carerA.id),
      READ,
      { r: [{ __typename: 'Pupil', id: childA }] },
    );
    expect(read.data?._entities[0]?.messages.nodes[0]).toMatchObject({
      body: 'Dobre wieści ze szkoły: Państwa dziecko świetnie sobie radzi.\n\nŚwietna praca z ułamkami dzisiaj.',
      bodyLanguage: 'pl',
      translated: true,
    });
  });
});

describe('the Parent View questionnaire', () => {
  const QUESTIONNAIRE = `query ($language: String) { parentViewQuestionnaire(language: $language) {
    language recommend statements { question statement } answers { answer label } } }`;
  type Questionnaire = {
    parentViewQuestionnaire: {
      language: string;
      recommend: string;
      statements: { question: string; statement: string }[];
      answers: { answer: string; label: string }[];
    };
  };

  it("is in a carer's own language, in English for others unless they ask, for anyone", async () => {
    const polish = await subgraph.request<Questionnaire>(asCarer(carerA.id), QUESTIONNAIRE);
    expect(polish.errors).toBeUndefined();
    expect(polish.data?.parentViewQuestionnaire).toMatchObject({
      language: 'pl',
      recommend: 'Polecam tę szkołę innym rodzicom.',
    });
    expect(polish.data?.parentViewQuestionnaire.statements[0]).toEqual({
      question: 'HAPPY',
      statement: 'Moje dziecko jest szczęśliwe w tej szkole.',
    });
    expect(polish.data?.parentViewQuestionnaire.statements).toHaveLength(13);
    for (const viewer of [staffA, anonymous, provider]) {
      const english = await subgraph.request<Questionnaire>(viewer, QUESTIONNAIRE);
      expect(english.data?.parentViewQuestionnaire.statements[1]?.statement).toBe(
        'My child feels safe at this school.',
      );
    }
    const bengali = await subgraph.request<Questionnaire>(anonymous, QUESTIONNAIRE, { language: 'bn' });
    expect(bengali.data?.parentViewQuestionnaire.language).toBe('bn');
    expect(bengali.data?.parentViewQuestionnaire.answers[4]).toEqual({ answer: 'DONT_KNOW', label: 'জানি না' });
  });

  it('words the published results in English for staff, or the language they ask for', async () => {
    const res = await subgraph.request<{
      _entities: { parentSatisfaction: { questions: { statement: string; ur: string }[] } }[];
    }>(
      staffA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { parentSatisfaction(academicYear: 2025) { questions { statement ur: statement(language: "ur") } } } } }',
      { r: [{ __typename: 'School', urn: schoolA.urn }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.parentSatisfaction.questions[0]).toEqual({
      statement: 'My child is happy at this school.',
      ur: 'میرا بچہ اس اسکول میں خوش ہے۔',
    });
  });
});
