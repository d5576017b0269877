import type { Db } from '@commonroom/db';
import { demoSelection, demoStaff } from '@commonroom/demo';
import { englandSchoolList } from '@commonroom/school-list';
import { count, sql } from 'drizzle-orm';
import { insertInChunks, schoolValues, upsertLocalAuthorities } from '../data/directory.ts';
import { departments, localAuthorities, schools, staff, trusts } from '../data/tables.ts';

/**
 * Loads the real school list (all 21,567 schools, 151 LAs), the trusts formed from its academies, and staff
 * for the demo schools. Does nothing when schools are already loaded, so every start after the first
 * reuses the data.
 */
export async function seedIfEmpty(db: Db): Promise<{ seeded: boolean; schools: number }> {
  const [existing] = await db.select({ n: count() }).from(schools);
  if ((existing?.n ?? 0) > 0) return { seeded: false, schools: existing?.n ?? 0 };
  const { schools: list, trusts: trustList } = englandSchoolList();
  const trustOf = new Map(trustList.flatMap((t) => t.urns.map((urn) => [urn, t.id] as const)));
  const demo = demoSelection().schools.map(demoStaff);
  await db.transaction(async (tx) => {
    await upsertLocalAuthorities(tx, list);
    await insertInChunks(trustList, (chunk) =>
      tx.insert(trusts).values(chunk.map(({ id, name, kind, region }) => ({ id, name, kind, region }))),
    );
    await insertInChunks(list, (chunk) =>
      tx
        .insert(schools)
        .values(chunk.map((s) => ({ ...schoolValues(s), trustId: trustOf.get(s.urn) ?? null }))),
    );
    await insertInChunks(
      demo.flatMap((d) => d.departments),
      (chunk) => tx.insert(departments).values(chunk),
    );
    await insertInChunks(
      demo.flatMap((d) => d.staff),
      (chunk) => tx.insert(staff).values(chunk),
    );
  });
  // Fresh statistics and visibility maps, so counts and lookups use index-only scans from the first request.
  for (const table of [localAuthorities, trusts, schools, departments, staff])
    await db.execute(sql`vacuum analyze ${table}`);
  return { seeded: true, schools: list.length };
}
