import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { tablesWithPupilIds } from '@commonroom/subgraph-kit';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARENTS_DATA_SUBJECT } from './data/data-subject.ts';
import { parentsUnderTest } from './testing.ts';

/** Subject access and erasure in the parents subgraph (the whole flow through the gateway: tests/e2e). */
let URN: number;
let TRUST: string;
let dpo: Viewer;

let subgraph: TestSubgraph;
let pupil: string;
let neighbour: string;
beforeAll(async () => {
  subgraph = await startTestSubgraph(parentsUnderTest);
  // Two pupils of one academy with carers and messages.
  const rows = await queryRows<{ id: string; urn: number; trust_id: string }>(
    subgraph.db,
    sql`select p.id, p.urn, s.trust_id from parents.pupil_directory p
          join parents.school_directory s on s.urn = p.urn
        where s.trust_id is not null and exists (select 1 from parents.messages m where m.pupil_id = p.id)
        order by p.urn, p.id limit 2`,
  );
  URN = Number(rows[0]?.urn);
  TRUST = rows[0]?.trust_id as string;
  dpo = { role: 'dpo', sub: `dpo@${TRUST}`, trustId: TRUST };
  pupil = rows[0]?.id as string;
  neighbour = rows[1]?.id as string;
});
afterAll(() => subgraph?.close());

/** Rows about the pupil per part; the audit trail only with `withAudit` (refusals add to it). */
const rowsAbout = async (id: string, withAudit = true) => {
  const counts: Record<string, number> = {};
  for (const part of PARENTS_DATA_SUBJECT.parts) {
    const [row] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from ${sql.raw(part.table)} t where ${part.where(sql`${id}::text`)}`,
    );
    if (withAudit || part.erase !== 'keep') counts[part.name] = row?.n ?? 0;
  }
  return counts;
};

const ERASE = 'mutation ($id: ID!) { erasePupilParents(pupilId: $id) { rowsErased alreadyErased erasedAt } }';

describe('data-subject rights in parents', () => {
  it('lists every table that holds a pupil id', async () => {
    const listed = new Set(PARENTS_DATA_SUBJECT.parts.map((p) => p.table));
    const missing = (await tablesWithPupilIds(subgraph.db, 'parents')).filter((t) => !listed.has(t));
    expect(missing).toEqual([]);
  });

  it('erases one pupil in one go, keeps the audit trail and other pupils, and is idempotent', async () => {
    const neighbourBefore = await rowsAbout(neighbour);
    const before = await rowsAbout(pupil);
    expect(before.pupil).toBe(1);
    expect(before.messages).toBeGreaterThan(0);
    expect(before.carerLinks).toBeGreaterThan(0);
    const first = await subgraph.request<{
      erasePupilParents: { rowsErased: number; alreadyErased: boolean };
    }>(dpo, ERASE, { id: pupil });
    expect(first.errors).toBeUndefined();
    expect(first.data?.erasePupilParents.alreadyErased).toBe(false);
    const after = await rowsAbout(pupil);
    const { auditEvents, ...rest } = after;
    expect(Object.values(rest).every((n) => n === 0)).toBe(true);
    expect(auditEvents).toBeGreaterThan(0); // the erasure itself, at least
    expect(await rowsAbout(neighbour)).toEqual(neighbourBefore);
    const again = await subgraph.request<{
      erasePupilParents: { rowsErased: number; alreadyErased: boolean };
    }>(dpo, ERASE, { id: pupil });
    expect(again.data?.erasePupilParents).toMatchObject({ alreadyErased: true, rowsErased: 0 });
  });

  it('refuses erasure to everyone but the DPO of the pupil’s trust, and changes nothing', async () => {
    const before = await rowsAbout(neighbour, false);
    for (const viewer of [
      { role: 'dpo', sub: 'x', trustId: 'TR-ANOTHER' },
      { role: 'trust_leader', sub: 'x', trustId: TRUST },
      { role: 'school_staff', sub: 'x', urn: URN, staffId: `S${URN}-01` },
    ] as Viewer[]) {
      const res = await subgraph.request(viewer, ERASE, { id: neighbour });
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
    expect(await rowsAbout(neighbour, false)).toEqual(before);
  });

  it('keeps the audit trail append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      subgraph.db.execute(statement).then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
      );
    expect(await refusal(sql`update parents.audit_events set outcome = 'OK'`)).toMatch(/append-only: UPDATE/);
    expect(await refusal(sql`delete from parents.audit_events`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`truncate parents.audit_events`)).toMatch(/append-only: TRUNCATE/);
  });
});
