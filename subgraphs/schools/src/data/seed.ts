import type { Db } from '@commonroom/db';
import { demoSelection, demoStaff } from '@commonroom/demo';
import { englandSchoolList, regionOf, type SchoolRecord } from '@commonroom/school-list';
import { count, sql } from 'drizzle-orm';
import { departments, localAuthorities, schools, staff, trusts } from './tables.ts';

const CHUNK = 1000;

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export function schoolValues(s: SchoolRecord) {
  return {
    urn: s.urn,
    laestab: s.laestab,
    laCode: s.laCode,
    estab: s.estab,
    name: s.name,
    type: s.type,
    phase: s.phase,
    constituency: s.constituency,
    pupilsOnRoll: s.pupilsOnRoll,
    primaryOnRoll: s.primaryOnRoll,
    secondaryOnRoll: s.secondaryOnRoll,
    disadvantagedPupils: s.disadvantagedPupils,
    percentDisadvantaged: s.percentDisadvantaged,
  };
}

/** Adds any LA the list names that the table lacks (names and regions from the list). */
export async function upsertLocalAuthorities(db: Db, list: readonly SchoolRecord[]) {
  const byCode = new Map(list.map((s) => [s.laCode, s.laName]));
  const rows = [...byCode].map(([code, name]) => ({ code, name, region: regionOf(code) as string }));
  if (rows.length > 0) await db.insert(localAuthorities).values(rows).onConflictDoNothing();
}

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
