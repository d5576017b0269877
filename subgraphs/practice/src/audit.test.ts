import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceUnderTest } from './testing.ts';

/** Practice holds no pupil data: its audit trail is every change, attributed to the caller's school's trust. */
const URN = 138113; // Catmose Primary, TR0963
const TRUST = 'TR0963';
const staff: Viewer = { role: 'school_staff', sub: 'head@catmose', urn: URN, staffId: `S${URN}-01` };

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(practiceUnderTest);
});
afterAll(() => subgraph?.close());

const events = () =>
  queryRows<{
    actor_sub: string;
    operation_type: string;
    fields: string[];
    trust_ids: string[];
    outcome: string;
  }>(
    subgraph.db,
    sql`select actor_sub, operation_type, fields, trust_ids, outcome from practice.audit_events order by id`,
  );

describe('practice audit trail', () => {
  it('records each change, and refusals, in one statement; reads of the catalogue are not recorded', async () => {
    const before = (await events()).length;
    await subgraph.request(staff, '{ practices(first: 5) { nodes { id } } }');
    expect((await events()).length).toBe(before);
    subgraph.resetQueryCount();
    const res = await subgraph.request(
      staff,
      'mutation ($input: PracticeInput!) { publishPractice(input: $input, draft: true) { id } }',
      { input: { title: 'Audit', summary: 'S', problem: 'P', approach: 'A', visibility: 'TRUST' } },
    );
    expect(res.errors).toBeUndefined();
    expect(subgraph.auditStatementCount()).toBe(1);
    expect((await events()).at(-1)).toMatchObject({
      actor_sub: 'head@catmose',
      operation_type: 'mutation',
      trust_ids: [TRUST],
      outcome: 'OK',
      fields: ['Mutation.publishPractice'],
    });
    const refused = await subgraph.request(
      { role: 'anonymous' },
      'mutation ($input: PracticeInput!) { publishPractice(input: $input, draft: true) { id } }',
      { input: { title: 'Audit', summary: 'S', problem: 'P', approach: 'A', visibility: 'TRUST' } },
    );
    expect(refused.errors?.length).toBeGreaterThan(0);
    expect((await events()).at(-1)).toMatchObject({ outcome: 'DENIED', trust_ids: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      subgraph.db.execute(statement).then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
      );
    expect(await refusal(sql`update practice.audit_events set outcome = 'OK'`)).toMatch(
      /append-only: UPDATE/,
    );
    expect(await refusal(sql`delete from practice.audit_events`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`truncate practice.audit_events`)).toMatch(/append-only: TRUNCATE/);
  });
});
