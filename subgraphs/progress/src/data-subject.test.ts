import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { tablesWithPupilIds } from '@commonroom/subgraph-kit';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_DATA_SUBJECT } from './data/data-subject.ts';
import { progressUnderTest } from './testing.ts';

/** Subject access and erasure in the progress subgraph (the whole flow through the gateway: tests/e2e). */
const URN = 142401; // TR0965
const TRUST = 'TR0965';
const dpo: Viewer = { role: 'dpo', sub: 'dpo@TR0965', trustId: TRUST };

let subgraph: TestSubgraph;
let pupil: string;
let neighbour: string;
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [URN] }));
  const rows = await queryRows<{ id: string }>(
    subgraph.db,
    sql`select id from progress.pupils where urn = ${URN} order by id limit 2`,
  );
  pupil = rows[0]?.id as string;
  neighbour = rows[1]?.id as string;
});
afterAll(() => subgraph?.close());

/** Rows about the pupil per part; the audit trail only with `withAudit` (refusals add to it). */
const rowsAbout = async (id: string, withAudit = true) => {
  const counts: Record<string, number> = {};
  for (const part of PROGRESS_DATA_SUBJECT.parts) {
    const [row] = await queryRows<{ n: number }>(
      subgraph.db,
      sql`select count(*)::int as n from ${sql.raw(part.table)} t where ${part.where(sql`${id}::text`)}`,
    );
    if (withAudit || part.erase !== 'keep') counts[part.name] = row?.n ?? 0;
  }
  return counts;
};

const ERASE =
  'mutation ($id: ID!) { erasePupilProgress(pupilId: $id) { rowsErased alreadyErased erasedAt } }';

describe('data-subject rights in progress', () => {
  it('lists every table that holds a pupil id', async () => {
    const listed = new Set(PROGRESS_DATA_SUBJECT.parts.map((p) => p.table));
    const missing = (await tablesWithPupilIds(subgraph.db, 'progress')).filter((t) => !listed.has(t));
    expect(missing).toEqual([]);
  });

  it('erases one pupil in one go, keeps the audit trail and other pupils, and is idempotent', async () => {
    const neighbourBefore = await rowsAbout(neighbour);
    const before = await rowsAbout(pupil);
    expect(before.pupil).toBe(1);
    expect(before.assessments).toBeGreaterThan(0);
    const first = await subgraph.request<{
      erasePupilProgress: { rowsErased: number; alreadyErased: boolean };
    }>(dpo, ERASE, { id: pupil });
    expect(first.errors).toBeUndefined();
    expect(first.data?.erasePupilProgress.alreadyErased).toBe(false);
    const after = await rowsAbout(pupil);
    const { auditEvents, ...rest } = after;
    expect(Object.values(rest).every((n) => n === 0)).toBe(true);
    expect(auditEvents).toBeGreaterThan(0); // the erasure itself, at least
    expect(await rowsAbout(neighbour)).toEqual(neighbourBefore);
    const again = await subgraph.request<{
      erasePupilProgress: { rowsErased: number; alreadyErased: boolean };
    }>(dpo, ERASE, { id: pupil });
    expect(again.data?.erasePupilProgress).toMatchObject({ alreadyErased: true, rowsErased: 0 });
  });

  it('refuses erasure to everyone but the DPO of the pupil’s trust, and changes nothing', async () => {
    const before = await rowsAbout(neighbour, false);
    for (const viewer of [
      { role: 'dpo', sub: 'x', trustId: 'TR0962' },
      { role: 'trust_leader', sub: 'x', trustId: TRUST },
      { role: 'school_staff', sub: 'x', urn: URN, staffId: `S${URN}-01` },
    ] as Viewer[]) {
      const res = await subgraph.request(viewer, ERASE, { id: neighbour });
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
    expect(await rowsAbout(neighbour, false)).toEqual(before);
  });
});
