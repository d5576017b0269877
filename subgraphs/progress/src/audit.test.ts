import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressUnderTest } from './testing.ts';

/** The audit trail of the progress subgraph: one append-only row per request, written in one statement. */
const URN = 142401; // a small Rutland primary of TR0965
const TRUST = 'TR0965';

let subgraph: TestSubgraph;
let pupils: { id: string }[];
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [URN] }));
  pupils = await queryRows<{ id: string }>(
    subgraph.db,
    sql`select id from progress.pupils where urn = ${URN} order by id limit 3`,
  );
});
afterAll(() => subgraph?.close());

const staff: Viewer = { role: 'school_staff', sub: 'head@142401', urn: URN, staffId: `S${URN}-01` };
const carer: Viewer = { role: 'carer', sub: 'someone', carerId: 'C-NOBODY' };
const dpo: Viewer = { role: 'dpo', sub: 'dpo@TR0965', trustId: TRUST };

interface EventRow extends Record<string, unknown> {
  id: string;
  actor_sub: string | null;
  actor_role: string;
  actor_scope: string | null;
  operation_type: string;
  fields: string[];
  pupil_ids: string[];
  school_urns: number[];
  trust_ids: string[];
  outcome: string;
  error_codes: string[];
}

const events = () =>
  queryRows<EventRow>(
    subgraph.db,
    sql`select id::text, actor_sub, actor_role, actor_scope, operation_type, fields, pupil_ids, school_urns,
          trust_ids, outcome, error_codes from progress.audit_events order by audit_events.id`,
  );
const lastEvent = async () => (await events()).at(-1);

describe('progress audit trail', () => {
  it('records a read of pupils with who, what, which pupils, schools and trust — in one INSERT', async () => {
    const before = (await events()).length;
    const ids = pupils.map((p) => p.id);
    subgraph.resetQueryCount();
    const res = await subgraph.request(
      staff,
      'query Look($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id ethnicity upn } } }',
      { r: ids.map((id) => ({ __typename: 'Pupil', id })) },
    );
    expect(res.errors).toBeUndefined();
    const queries = { data: subgraph.queryCount(), audit: subgraph.auditStatementCount() };
    const after = await events();
    expect(after.length).toBe(before + 1);
    const event = after.at(-1) as EventRow;
    expect(event).toMatchObject({
      actor_sub: 'head@142401',
      actor_role: 'school_staff',
      actor_scope: `school:${URN}`,
      operation_type: 'query',
      outcome: 'OK',
      school_urns: [URN],
      trust_ids: [TRUST],
    });
    expect(event.pupil_ids).toEqual([...ids].sort());
    expect(event.fields).toEqual(expect.arrayContaining(['Query._entities', 'Pupil.ethnicity', 'Pupil.upn']));
    // The pupils loader's one query, and one audit statement.
    expect(queries).toEqual({ data: 1, audit: 1 });
  });

  it('adds no query per pupil: thirty pupils cost the same statements as one', async () => {
    const many = await queryRows<{ id: string }>(
      subgraph.db,
      sql`select id from progress.pupils where urn = ${URN} order by id limit 30`,
    );
    const ask = async (ids: string[]) => {
      subgraph.resetQueryCount();
      await subgraph.request(
        staff,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id } } }',
        {
          r: ids.map((id) => ({ __typename: 'Pupil', id })),
        },
      );
      return { data: subgraph.queryCount(), audit: subgraph.auditStatementCount() };
    };
    const one = await ask([many[0]?.id as string]);
    const thirty = await ask(many.map((p) => p.id));
    expect(thirty).toEqual(one);
    expect(thirty.audit).toBe(1);
    expect((await lastEvent())?.pupil_ids).toHaveLength(many.length);
  });

  it('records a refused attempt on a named pupil as DENIED, with the pupil and its trust', async () => {
    const id = pupils[0]?.id as string;
    const res = await subgraph.request(carer, 'query ($id: ID!) { pupil(id: $id) { id } }', { id });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await lastEvent()).toMatchObject({
      actor_role: 'carer',
      actor_scope: 'carer:C-NOBODY',
      pupil_ids: [id],
      trust_ids: [TRUST],
      outcome: 'DENIED',
      error_codes: ['FORBIDDEN'],
    });
  });

  it('records every mutation, the change and the refusal alike', async () => {
    const id = pupils[1]?.id as string;
    const ok = await subgraph.request(
      staff,
      'mutation ($input: AddLearningTargetInput!) { addLearningTarget(input: $input) { id } }',
      { input: { pupilId: id, kind: 'NON_COGNITIVE', area: 'resilience', description: 'Audit test' } },
    );
    expect(ok.errors).toBeUndefined();
    expect(await lastEvent()).toMatchObject({
      operation_type: 'mutation',
      outcome: 'OK',
      pupil_ids: [id],
      trust_ids: [TRUST],
    });
    expect((await lastEvent())?.fields).toContain('Mutation.addLearningTarget');
    const refused = await subgraph.request(
      carer,
      'mutation ($input: AddLearningTargetInput!) { addLearningTarget(input: $input) { id } }',
      { input: { pupilId: id, kind: 'NON_COGNITIVE', area: 'resilience', description: 'Not allowed' } },
    );
    expect(refused.errors?.length).toBeGreaterThan(0);
    expect(await lastEvent()).toMatchObject({ operation_type: 'mutation', pupil_ids: [id] });
    expect(['DENIED', 'REJECTED']).toContain((await lastEvent())?.outcome);
  });

  it('does not record reads that touch no pupil (aggregates, scales)', async () => {
    const before = (await events()).length;
    await subgraph.request(staff, '{ assessmentScales { id } }');
    expect((await events()).length).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const count = (await events()).length;
    expect(count).toBeGreaterThan(0);
    const refusal = (statement: ReturnType<typeof sql>) =>
      subgraph.db.execute(statement).then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
      );
    expect(await refusal(sql`update progress.audit_events set outcome = 'OK'`)).toMatch(
      /append-only: UPDATE/,
    );
    expect(await refusal(sql`delete from progress.audit_events`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`truncate progress.audit_events`)).toMatch(/append-only: TRUNCATE/);
    expect((await events()).length).toBe(count);
  });

  it("gives the trust's DPO its events, newest first in keyset pages, and records that read", async () => {
    const query = `query ($r: [_Any!]!, $after: String, $pupil: ID) { _entities(representations: $r) {
      ... on Trust { progressAuditEvents(first: 2, after: $after, pupilId: $pupil) {
        totalCount nodes { id subgraph actorRole pupilIds trustIds outcome } pageInfo { hasNextPage endCursor } } } } }`;
    const r = [{ __typename: 'Trust', id: TRUST }];
    type Page = {
      _entities: {
        progressAuditEvents: {
          totalCount: number;
          nodes: { id: string; subgraph: string; trustIds: string[] }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }[];
    };
    const first = await subgraph.request<Page>(dpo, query, { r });
    expect(first.errors).toBeUndefined();
    const page1 = first.data?._entities[0]?.progressAuditEvents;
    expect(page1?.nodes).toHaveLength(2);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    expect(page1?.nodes.every((n) => n.subgraph === 'progress' && n.trustIds.includes(TRUST))).toBe(true);
    const second = await subgraph.request<Page>(dpo, query, { r, after: page1?.pageInfo.endCursor });
    const page2 = second.data?._entities[0]?.progressAuditEvents;
    expect(Number(page2?.nodes[0]?.id)).toBeLessThan(Number(page1?.nodes[1]?.id));
    expect(await lastEvent()).toMatchObject({
      actor_role: 'dpo',
      fields: expect.arrayContaining(['Trust.progressAuditEvents']),
    });
    // Filtered by pupil: only events naming them.
    const id = pupils[1]?.id as string;
    const byPupil = await subgraph.request<Page>(dpo, query, { r, pupil: id });
    expect(byPupil.data?._entities[0]?.progressAuditEvents.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('refuses the trail to a DPO of another trust and to the trust leader', async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trust { progressAuditEvents { totalCount } } } }';
    const r = [{ __typename: 'Trust', id: TRUST }];
    for (const viewer of [
      { role: 'dpo', sub: 'x', trustId: 'TR0962' },
      { role: 'trust_leader', sub: 'x', trustId: TRUST },
      staff,
    ] as Viewer[]) {
      const res = await subgraph.request(viewer, query, { r });
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
  });

  it('filters the trail by time, and refuses a time that is not ISO with BAD_USER_INPUT', async () => {
    const query = `query ($r: [_Any!]!, $since: String, $until: String) { _entities(representations: $r) {
      ... on Trust { progressAuditEvents(since: $since, until: $until) { totalCount } } } }`;
    const r = [{ __typename: 'Trust', id: TRUST }];
    type Count = { _entities: { progressAuditEvents: { totalCount: number } }[] };
    const total = async (since?: string, until?: string) =>
      (await subgraph.request<Count>(dpo, query, { r, since, until })).data?._entities[0]?.progressAuditEvents
        .totalCount;
    expect(await total()).toBeGreaterThan(0);
    expect(await total('2999-01-01')).toBe(0);
    expect(await total(undefined, '2000-01-01')).toBe(0);
    const bad = await subgraph.request(dpo, query, { r, since: 'yesterday' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
  });

  it('records the pupils an assessment import names, as a change', async () => {
    const named = await queryRows<{ id: string; upn: string }>(
      subgraph.db,
      sql`select id, upn from progress.pupils where urn = ${URN} order by id limit 2`,
    );
    const csv = [
      'upn,subject,scale,grade,assessed_on,kind',
      ...named.map((p) => `${p.upn},SCIENCE,NC_LEVEL,4b,2026-10-01,TEACHER`),
    ].join('\n');
    const res = await subgraph.request(
      staff,
      'mutation Import($csv: String!) { importAssessments(csv: $csv) { inserted } }',
      { csv },
    );
    expect(res.errors).toBeUndefined();
    const event = (await lastEvent()) as EventRow;
    expect(event).toMatchObject({ operation_type: 'mutation', outcome: 'OK', school_urns: [URN] });
    expect(event.pupil_ids).toEqual(named.map((p) => p.id).sort());
    expect(event.fields).toContain('Mutation.importAssessments');
  });
});
