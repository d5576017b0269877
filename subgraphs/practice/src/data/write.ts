import { randomUUID } from 'node:crypto';
import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { badUserInput, conflict, forbidden } from '@commonroom/subgraph-kit';
import { and, eq } from 'drizzle-orm';
import type { AdoptionInput, CpdActivityInput, PracticeValues, SkillRequestInput } from '../rules/inputs.ts';
import { adoptionValues, cpdValues, skillRequestValues } from '../rules/inputs.ts';
import {
  adoptions,
  cpdActivities,
  practices,
  practiceVersions,
  schoolDirectory,
  skillRequests,
} from './tables.ts';
import { visiblePractices } from './visibility.ts';

/**
 * Every change runs in one transaction and checks everything before its first write, so a refused change
 * leaves no rows behind. Callers are school staff acting for their own school (checked in the resolvers).
 */

type StaffViewer = Extract<Viewer, { role: 'school_staff' }>;

const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 13)}`;
/** Millisecond precision, so a timestamp read back into JavaScript compares equal in cursors. */
const now = () => new Date(Math.floor(Date.now()));

export async function publishPractice(db: Db, viewer: StaffViewer, values: PracticeValues, draft: boolean) {
  const id = newId('PR');
  const at = now();
  return db.transaction(async (tx) => {
    const [place] = await tx.select().from(schoolDirectory).where(eq(schoolDirectory.urn, viewer.urn));
    if (!place) throw forbidden('Your school is not in the school directory.');
    await tx.insert(practices).values({
      id,
      urn: viewer.urn,
      status: draft ? 'DRAFT' : 'PUBLISHED',
      version: 1,
      ...values,
      createdAt: at,
      updatedAt: at,
      publishedAt: draft ? null : at,
    });
    await tx
      .insert(practiceVersions)
      .values({ practiceId: id, version: 1, ...values, savedBy: viewer.staffId, savedAt: at });
    return id;
  });
}

/**
 * The practice as the viewer sees it, locked (with its school's directory row: drizzle writes `FOR UPDATE OF`
 * schema-qualified, which Postgres refuses) for the rest of the transaction; errors when it is not theirs.
 */
async function lockOwnPractice(tx: Db, viewer: StaffViewer, id: string) {
  const [row] = await tx
    .select({ id: practices.id, urn: practices.urn, status: practices.status, version: practices.version })
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(eq(practices.id, id), visiblePractices(viewer)))
    .for('update');
  if (!row) throw badUserInput('There is no practice with this id that you can see.', 'id');
  if (row.urn !== viewer.urn) throw forbidden('Only the publishing school changes a practice.');
  return row;
}

export async function updatePractice(
  db: Db,
  viewer: StaffViewer,
  id: string,
  values: PracticeValues,
  options: { publish: boolean; expectedVersion: number | null },
) {
  const at = now();
  await db.transaction(async (tx) => {
    const row = await lockOwnPractice(tx, viewer, id);
    if (row.status === 'RETIRED') throw conflict('A retired practice is not edited.', { field: 'id' });
    if (options.expectedVersion !== null && options.expectedVersion !== row.version)
      throw conflict(`The practice is at version ${row.version}; reload and edit that.`, {
        field: 'expectedVersion',
        version: row.version,
      });
    const version = row.version + 1;
    const publishing = options.publish && row.status === 'DRAFT';
    await tx
      .update(practices)
      .set({
        ...values,
        version,
        updatedAt: at,
        ...(publishing ? { status: 'PUBLISHED' as const, publishedAt: at } : {}),
      })
      .where(eq(practices.id, id));
    await tx
      .insert(practiceVersions)
      .values({ practiceId: id, version, ...values, savedBy: viewer.staffId, savedAt: at });
  });
}

export async function retirePractice(db: Db, viewer: StaffViewer, id: string) {
  const at = now();
  await db.transaction(async (tx) => {
    const row = await lockOwnPractice(tx, viewer, id);
    if (row.status !== 'PUBLISHED')
      throw conflict(`Only a published practice is retired; this one is ${row.status.toLowerCase()}.`, {
        field: 'id',
      });
    await tx
      .update(practices)
      .set({ status: 'RETIRED', retiredAt: at, updatedAt: at })
      .where(eq(practices.id, id));
  });
}

export async function adoptPractice(db: Db, viewer: StaffViewer, input: AdoptionInput) {
  const values = adoptionValues(input, viewer.urn);
  const id = newId('AD');
  await db.transaction(async (tx) => {
    const [practice] = await tx
      .select({ urn: practices.urn, status: practices.status, version: practices.version })
      .from(practices)
      .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
      .where(and(eq(practices.id, values.practiceId), visiblePractices(viewer)))
      .for('share');
    if (!practice)
      throw badUserInput('There is no practice with this id that you can see.', 'input.practiceId');
    if (practice.urn === viewer.urn)
      throw badUserInput("A school adopts other schools' practices, not its own.", 'input.practiceId');
    if (practice.status !== 'PUBLISHED')
      throw conflict(`This practice is ${practice.status.toLowerCase()} and cannot be adopted.`, {
        field: 'input.practiceId',
      });
    const [used] = await tx
      .select({ id: adoptions.id })
      .from(adoptions)
      .where(eq(adoptions.cohortId, values.cohortId));
    if (used)
      throw conflict(`Cohort ${values.cohortId} already has an adoption (${used.id}).`, {
        field: 'input.cohortId',
      });
    await tx.insert(adoptions).values({
      id,
      ...values,
      practiceVersion: practice.version,
      urn: viewer.urn,
      recordedBy: viewer.staffId,
      createdAt: now(),
    });
  });
  return id;
}

export async function recordCpdActivity(db: Db, viewer: StaffViewer, input: CpdActivityInput) {
  const values = cpdValues(input, viewer.urn, viewer.staffId);
  const id = newId('CPD');
  await db.transaction(async (tx) => {
    if (values.practiceId) {
      const [practice] = await tx
        .select({ id: practices.id })
        .from(practices)
        .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
        .where(and(eq(practices.id, values.practiceId), visiblePractices(viewer)));
      if (!practice)
        throw badUserInput('There is no practice with this id that you can see.', 'input.practiceId');
    }
    if (values.hostUrn !== null) {
      const [host] = await tx
        .select({ urn: schoolDirectory.urn })
        .from(schoolDirectory)
        .where(eq(schoolDirectory.urn, values.hostUrn));
      if (!host) throw badUserInput(`There is no school with URN ${values.hostUrn}.`, 'input.hostUrn');
    }
    await tx.insert(cpdActivities).values({ id, ...values });
  });
  return id;
}

export async function createSkillRequest(db: Db, viewer: StaffViewer, input: SkillRequestInput) {
  const values = skillRequestValues(input);
  const id = newId('SR');
  await db
    .insert(skillRequests)
    .values({ id, urn: viewer.urn, ...values, requestedBy: viewer.staffId, createdAt: now() });
  return id;
}

/** Reads back what a mutation wrote, for its result (the caller can always see their own school's rows). */
export async function cpdActivityById(db: Db, id: string) {
  const [row] = await db.select().from(cpdActivities).where(eq(cpdActivities.id, id));
  return row ?? null;
}

export async function skillRequestById(db: Db, id: string) {
  const [row] = await db.select().from(skillRequests).where(eq(skillRequests.id, id));
  return row ?? null;
}
