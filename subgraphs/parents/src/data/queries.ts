import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FormerSchool } from './access.ts';
import {
  carerLinks,
  carers,
  consultationSlots,
  messages,
  messageTranslations,
  outbox,
  pupilDirectory,
  schoolDirectory,
  staffDirectory,
  teacherLightStatuses,
} from './tables.ts';

export type CarerRow = typeof carers.$inferSelect;
export type CarerLinkRow = typeof carerLinks.$inferSelect;
/** A pupil and the schools they moved from by a CTF, with the leaving dates (data/access.ts). */
export type PupilRow = typeof pupilDirectory.$inferSelect & { formerSchools: FormerSchool[] };
export type SchoolRow = typeof schoolDirectory.$inferSelect;
export type StaffRow = typeof staffDirectory.$inferSelect;
export type TeacherStatusRow = typeof teacherLightStatuses.$inferSelect;
export type TranslationRow = typeof messageTranslations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type SlotRow = typeof consultationSlots.$inferSelect;

export const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export async function schoolsByUrns(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(schoolDirectory)
    .where(inArray(schoolDirectory.urn, [...urns]));
  return inKeyOrder(urns, rows, (r) => r.urn);
}

export async function schoolsOfTrusts(db: Db, trustIds: readonly string[]) {
  const rows = await db
    .select()
    .from(schoolDirectory)
    .where(inArray(schoolDirectory.trustId, [...trustIds]))
    .orderBy(asc(schoolDirectory.urn));
  return groupedInKeyOrder(trustIds, rows, (r) => r.trustId as string);
}

export async function pupilsByIds(db: Db, ids: readonly string[]): Promise<(PupilRow | null)[]> {
  const rows = await db
    .select({
      id: pupilDirectory.id,
      urn: pupilDirectory.urn,
      learningGuideId: pupilDirectory.learningGuideId,
      formerSchools: sql<FormerSchool[] | string>`coalesce((
        select json_agg(json_build_object('urn', m.from_urn, 'until', m.leaving_date::text) order by m.from_urn)
        from parents.pupil_moves m where m.pupil_id = ${pupilDirectory.id}), '[]')`,
    })
    .from(pupilDirectory)
    .where(inArray(pupilDirectory.id, [...ids]));
  return inKeyOrder(
    ids,
    rows.map((r) => ({
      ...r,
      formerSchools: typeof r.formerSchools === 'string' ? JSON.parse(r.formerSchools) : r.formerSchools,
    })),
    (r) => r.id,
  );
}

export async function staffByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(staffDirectory)
    .where(inArray(staffDirectory.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function carersByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(carers)
    .where(inArray(carers.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function linksOfCarers(db: Db, carerIds: readonly string[]) {
  const rows = await db
    .select()
    .from(carerLinks)
    .where(inArray(carerLinks.carerId, [...carerIds]))
    .orderBy(asc(carerLinks.pupilId));
  return groupedInKeyOrder(carerIds, rows, (r) => r.carerId);
}

export async function linksOfPupils(db: Db, pupilIds: readonly string[]) {
  const rows = await db
    .select()
    .from(carerLinks)
    .where(inArray(carerLinks.pupilId, [...pupilIds]))
    .orderBy(desc(carerLinks.primaryContact), asc(carerLinks.carerId));
  return groupedInKeyOrder(pupilIds, rows, (r) => r.pupilId);
}

/** Each pupil's teachers' own traffic-light statuses (few: only where a teacher overrode the rule). */
export async function teacherStatusesOfPupils(db: Db, pupilIds: readonly string[]) {
  const rows = await db
    .select()
    .from(teacherLightStatuses)
    .where(inArray(teacherLightStatuses.pupilId, [...pupilIds]));
  return groupedInKeyOrder(pupilIds, rows, (r) => r.pupilId);
}

/** Each message's staff-supplied translations, by language. */
export async function translationsOfMessages(db: Db, messageIds: readonly number[]) {
  const rows = await db
    .select()
    .from(messageTranslations)
    .where(inArray(messageTranslations.messageId, [...messageIds]))
    .orderBy(asc(messageTranslations.language));
  return groupedInKeyOrder(messageIds, rows, (r) => r.messageId);
}

/** Whose messages a viewer sees about a child: one carer's conversations, or everyone's (school staff). */
export interface MessageScope {
  carerId: string | null;
  /** Which side the viewer is on, for unread counts. */
  side: 'CARER' | 'SCHOOL';
}

/** A page of each pupil's messages, newest first, in one query (a window per pupil). */
export async function messagePages(
  db: Db,
  pupilIds: readonly string[],
  args: MessageScope & { limit: number; beforeId: number | undefined },
) {
  const rows = await queryRows<MessageRow & { rank: number }>(
    db,
    sql`select * from (
      select m.id, m.thread_id as "threadId", m.pupil_id as "pupilId", m.carer_id as "carerId", m.urn,
        m.sent_at as "sentAt", m.sender, m.sender_staff_id as "senderStaffId", m.sender_name as "senderName",
        m.kind, m.body, m.language, m.read_at as "readAt",
        row_number() over (partition by m.pupil_id order by m.id desc) as rank
      from ${messages} m
      where m.pupil_id in (${list(pupilIds)})
        ${args.carerId === null ? sql`` : sql`and m.carer_id = ${args.carerId}`}
        ${args.beforeId === undefined ? sql`` : sql`and m.id < ${args.beforeId}`}
    ) ranked where rank <= ${args.limit + 1} order by "pupilId", id desc`,
  );
  const normalised = rows.map(({ rank: _rank, ...m }) => ({
    ...m,
    id: Number(m.id),
    threadId: Number(m.threadId),
    sentAt: new Date(m.sentAt),
    readAt: m.readAt === null ? null : new Date(m.readAt),
  }));
  return groupedInKeyOrder(pupilIds, normalised, (m) => m.pupilId);
}

/** Each pupil's message total and how many are unread by the viewer's side, in one query. */
export async function messageCounts(db: Db, pupilIds: readonly string[], scope: MessageScope) {
  const toViewer = scope.side === 'CARER' ? sql`m.sender <> 'CARER'` : sql`m.sender = 'CARER'`;
  const rows = await queryRows<{ pupil_id: string; total: number; unread: number }>(
    db,
    sql`select m.pupil_id, count(*)::int as total,
        count(*) filter (where m.read_at is null and ${toViewer})::int as unread
      from ${messages} m
      where m.pupil_id in (${list(pupilIds)})
        ${scope.carerId === null ? sql`` : sql`and m.carer_id = ${scope.carerId}`}
      group by m.pupil_id`,
  );
  return inKeyOrder(pupilIds, rows, (r) => r.pupil_id).map((r) => ({
    total: r?.total ?? 0,
    unread: r?.unread ?? 0,
  }));
}

export async function messagesByIds(db: Db, ids: readonly number[]) {
  const rows = await db
    .select()
    .from(messages)
    .where(inArray(messages.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function outboxByMessageIds(db: Db, messageIds: readonly number[]) {
  const rows = await db
    .select()
    .from(outbox)
    .where(inArray(outbox.messageId, [...messageIds]));
  return inKeyOrder(messageIds, rows, (r) => r.messageId);
}

export async function slotsByIds(db: Db, ids: readonly number[]) {
  const rows = await db
    .select()
    .from(consultationSlots)
    .where(inArray(consultationSlots.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function slotsOfStaff(db: Db, staffIds: readonly string[]) {
  const rows = await db
    .select()
    .from(consultationSlots)
    .where(inArray(consultationSlots.staffId, [...staffIds]))
    .orderBy(asc(consultationSlots.startsAt), asc(consultationSlots.id));
  return groupedInKeyOrder(staffIds, rows, (r) => r.staffId);
}

export async function slotsBookedByCarers(db: Db, carerIds: readonly string[]) {
  const rows = await db
    .select()
    .from(consultationSlots)
    .where(inArray(consultationSlots.bookedByCarerId, [...carerIds]))
    .orderBy(asc(consultationSlots.startsAt));
  return groupedInKeyOrder(carerIds, rows, (r) => r.bookedByCarerId as string);
}

export async function linkOf(db: Db, carerId: string, pupilId: string) {
  const [row] = await db
    .select()
    .from(carerLinks)
    .where(and(eq(carerLinks.carerId, carerId), eq(carerLinks.pupilId, pupilId)));
  return row ?? null;
}
