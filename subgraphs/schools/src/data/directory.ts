import type { Db } from '@commonroom/db';
import { regionOf, type SchoolRecord } from '@commonroom/school-list';
import { localAuthorities } from './tables.ts';

/** How a school of the DfE list is stored, shared by the seed and the imports. */
const CHUNK = 1000;

export async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
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
