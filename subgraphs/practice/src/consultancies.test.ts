import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceUnderTest } from './testing.ts';

/**
 * Consultancy engagements started, staffed and closed by the schools involved or their trust. Catmose
 * Primary (138113) supports Leighfield Primary (139481): both in the Rutland Beacon Schools Trust (TR0963), Rutland.
 */
const FROM = 138113;
const TO = 139481;
const TRUST = 'TR0963';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(practiceUnderTest);
});
afterAll(() => subgraph?.close());

const staffOf = (urn: number, n = 1): Viewer => ({
  role: 'school_staff',
  sub: `staff-${urn}`,
  urn,
  staffId: `S${urn}-${String(n).padStart(2, '0')}`,
});
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: `lead-${trustId}`, trustId });

const FIELDS = 'id fromSchool { urn } toSchool { urn } subject team { id } aims startedOn endedOn';
const START = `mutation ($input: StartConsultancyInput!) { startConsultancy(input: $input) { ${FIELDS} } }`;
const STAFF = `mutation ($id: ID!, $team: [ID!]!) { staffConsultancy(id: $id, teamStaffIds: $team) { ${FIELDS} } }`;
const CLOSE = `mutation ($id: ID!, $on: String!) { closeConsultancy(id: $id, endedOn: $on) { ${FIELDS} } }`;
const input = (change: Record<string, unknown> = {}) => ({
  fromUrn: FROM,
  fromDepartmentId: `D${FROM}-MAT`,
  toUrn: TO,
  toDepartmentId: `D${TO}-MAT`,
  subject: 'maths',
  teamStaffIds: [`S${FROM}-02`, `S${FROM}-03`],
  aims: '  Fluency in number facts across Key Stage 2.  ',
  startedOn: '2026-09-07',
  ...change,
});
type Engagement = {
  id: string;
  team: { id: string }[];
  subject: string;
  aims: string;
  endedOn: string | null;
};
const count = async () =>
  (
    await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from practice.consultancy_engagements where to_urn = ${TO}`,
    )
  )[0]?.n;

describe('consultancy engagements', () => {
  it('are started by a school involved, staffed by the other, closed by their trust, and listed for both', async () => {
    const started = await subgraph.request<{ startConsultancy: Engagement }>(staffOf(FROM), START, {
      input: input(),
    });
    expect(started.errors).toBeUndefined();
    const engagement = started.data?.startConsultancy as Engagement;
    expect(engagement).toMatchObject({
      subject: 'MATHS',
      aims: 'Fluency in number facts across Key Stage 2.',
      team: [{ id: `S${FROM}-02` }, { id: `S${FROM}-03` }],
      endedOn: null,
    });
    const staffed = await subgraph.request<{ staffConsultancy: Engagement }>(staffOf(TO), STAFF, {
      id: engagement.id,
      team: [`S${FROM}-04`],
    });
    expect(staffed.data?.staffConsultancy.team).toEqual([{ id: `S${FROM}-04` }]);
    const closed = await subgraph.request<{ closeConsultancy: Engagement }>(trustLeader(TRUST), CLOSE, {
      id: engagement.id,
      on: '2026-11-20',
    });
    expect(closed.data?.closeConsultancy.endedOn).toBe('2026-11-20');
    // Closing again on the same day changes nothing; on another day, or staffing it now, is CONFLICT.
    expect(
      (await subgraph.request(staffOf(FROM), CLOSE, { id: engagement.id, on: '2026-11-20' })).errors,
    ).toBe(undefined);
    for (const [operation, variables] of [
      [CLOSE, { id: engagement.id, on: '2026-11-21' }],
      [STAFF, { id: engagement.id, team: [`S${FROM}-02`] }],
    ] as const) {
      const res = await subgraph.request(staffOf(FROM), operation, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    }
    // Both schools see it among their engagements: the history.
    const listed = await subgraph.request<{
      _entities: { consultancies: { id: string; endedOn: string }[] }[];
    }>(
      staffOf(TO),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { consultancies { id endedOn } } } }',
      {
        r: [
          { __typename: 'School', urn: FROM },
          { __typename: 'School', urn: TO },
        ],
      },
    );
    for (const school of listed.data?._entities ?? [])
      expect(school.consultancies).toContainEqual({ id: engagement.id, endedOn: '2026-11-20' });
  });

  it('are refused to schools not involved, other trusts, LA officers, carers and anonymous callers', async () => {
    const before = await count();
    const outsiders: Viewer[] = [
      staffOf(137340),
      trustLeader('TR0962'),
      { role: 'la_officer', sub: 'la', laCode: '857' },
      { role: 'carer', sub: 'c', carerId: 'C1' },
      { role: 'provider', sub: 'p', providerId: 'PR1' },
      { role: 'anonymous' },
    ];
    const [existing] = await queryRows<{ id: string }>(
      subgraph.db,
      sql`select id from practice.consultancy_engagements where to_urn = ${TO} limit 1`,
    );
    for (const viewer of outsiders) {
      const attempts = [
        await subgraph.request(viewer, START, { input: input() }),
        await subgraph.request(viewer, STAFF, { id: existing?.id, team: [`S${FROM}-02`] }),
        await subgraph.request(viewer, CLOSE, { id: existing?.id, on: '2026-11-25' }),
      ];
      for (const res of attempts) expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
    expect(await count()).toBe(before);
  });

  it('refuse bad input naming the field, storing nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ toUrn: FROM, toDepartmentId: `D${FROM}-MAT` }, 'input.toUrn'],
      [{ fromDepartmentId: `D${TO}-MAT` }, 'input.fromDepartmentId'],
      [{ toDepartmentId: `D${TO}-ENG` }, 'input.toDepartmentId'],
      [{ subject: 'maths!' }, 'input.subject'],
      [{ teamStaffIds: [] }, 'teamStaffIds'],
      [{ teamStaffIds: [`S${TO}-02`] }, 'teamStaffIds'],
      [{ aims: ' ' }, 'input.aims'],
      [{ startedOn: '2026-02-30' }, 'input.startedOn'],
    ];
    for (const [change, field] of cases) {
      const res = await subgraph.request(staffOf(FROM), START, { input: input(change) });
      expect(res.errors?.[0]?.extensions, JSON.stringify(change)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const started = await subgraph.request<{ startConsultancy: Engagement }>(staffOf(TO), START, {
      input: input(),
    });
    const id = started.data?.startConsultancy.id as string;
    for (const [on, field] of [
      ['2026-09-01', 'endedOn'],
      ['2999-01-01', 'endedOn'],
      ['soon', 'endedOn'],
      ['2026-11-31', 'endedOn'],
    ] as const) {
      const res = await subgraph.request(staffOf(TO), CLOSE, { id, on });
      expect(res.errors?.[0]?.extensions, on).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count()).toBe((before ?? 0) + 1);
    const audit = await queryRows<{ outcome: string }>(
      subgraph.db,
      sql`select outcome from practice.audit_events where 'Mutation.startConsultancy' = any(fields) order by id`,
    );
    expect(audit.filter((a) => a.outcome === 'OK').length).toBeGreaterThanOrEqual(2);
    expect(audit.filter((a) => a.outcome === 'REJECTED').length).toBeGreaterThanOrEqual(cases.length);
    expect(audit.filter((a) => a.outcome === 'DENIED').length).toBeGreaterThanOrEqual(6);
  });
});
