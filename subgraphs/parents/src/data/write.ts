import type { Db } from '@commonroom/db';
import { conflict } from '@commonroom/subgraph-kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { catalogueFor } from '../i18n/index.ts';
import { addressOn } from '../rules/delivery.ts';
import type { CarerRow, MessageRow, PupilRow } from './queries.ts';
import { refreshSatisfaction } from './satisfaction.ts';
import {
  consultationSlots,
  messages,
  messageThreads,
  messageTranslations,
  outbox,
  surveyAnswers,
  surveyResponses,
} from './tables.ts';

type Sender = MessageRow['sender'];

/** Where a message to a carer goes by their preferred channel (the outbox falls back from there). */
export const addressFor = (carer: CarerRow): string | null => addressOn(carer, carer.preferredChannel);

export interface NewMessage {
  carer: CarerRow;
  pupil: PupilRow;
  /** The learning guide's side of the thread, or null for the school office. */
  threadStaffId: string | null;
  sender: Sender;
  senderStaffId: string | null;
  senderName: string;
  kind: MessageRow['kind'];
  body: string;
  /** BCP 47 tag of `body`; null when not known (a carer's message). */
  language: string | null;
  /** Staff-supplied translations (checked, canonical tags), stored with the message. */
  translations?: { language: string; body: string }[];
}

/**
 * Writes a message into its thread (made on first use) with its translations and, for a message to a carer, its
 * outbox row, in one transaction: a message is never stored without the means of delivering it.
 */
export async function insertMessage(db: Db, m: NewMessage, sentAt = new Date()): Promise<MessageRow> {
  return db.transaction(async (tx) => {
    await tx
      .insert(messageThreads)
      .values({ carerId: m.carer.id, pupilId: m.pupil.id, urn: m.pupil.urn, staffId: m.threadStaffId })
      .onConflictDoNothing();
    const [thread] = await tx
      .select({ id: messageThreads.id })
      .from(messageThreads)
      .where(
        and(
          eq(messageThreads.carerId, m.carer.id),
          eq(messageThreads.pupilId, m.pupil.id),
          m.threadStaffId === null
            ? isNull(messageThreads.staffId)
            : eq(messageThreads.staffId, m.threadStaffId),
        ),
      );
    if (!thread) throw new Error('thread not created');
    const [message] = await tx
      .insert(messages)
      .values({
        threadId: thread.id,
        pupilId: m.pupil.id,
        carerId: m.carer.id,
        urn: m.pupil.urn,
        sentAt,
        sender: m.sender,
        senderStaffId: m.senderStaffId,
        senderName: m.senderName,
        kind: m.kind,
        body: m.body,
        language: m.language,
      })
      .returning();
    if (!message) throw new Error('message not stored');
    if (m.translations?.length)
      await tx
        .insert(messageTranslations)
        .values(m.translations.map((t) => ({ messageId: message.id, language: t.language, body: t.body })));
    if (m.sender !== 'CARER') {
      const address = addressFor(m.carer);
      await tx.insert(outbox).values({
        messageId: message.id,
        // With no address for their channel (no email on record), fall back to the app inbox.
        channel: address ? m.carer.preferredChannel : 'APP',
        address: address ?? m.carer.id,
        language: catalogueFor(m.carer.preferredLanguage).language,
        nextAttemptAt: sentAt,
      });
    }
    return message;
  });
}

export async function markRead(db: Db, id: number) {
  const [row] = await db
    .update(messages)
    .set({ readAt: sql`coalesce(${messages.readAt}, now())` })
    .where(eq(messages.id, id))
    .returning();
  return row ?? null;
}

export interface SurveyInput {
  carerId: string;
  urn: number;
  academicYear: number;
  term: number;
  recommend: boolean;
  answers: { question: string; answer: string }[];
}

/**
 * Stores a Parent View response and its answers in one transaction. The unique index on (carer, school,
 * year, term) decides a race between two submissions: the second inserts nothing and gets CONFLICT, and the
 * transaction leaves no partial rows.
 */
export async function insertSurveyResponse(db: Db, input: SurveyInput) {
  return db.transaction(async (tx) => {
    const [response] = await tx
      .insert(surveyResponses)
      .values({
        carerId: input.carerId,
        urn: input.urn,
        academicYear: input.academicYear,
        term: input.term,
        recommend: input.recommend,
      })
      .onConflictDoNothing()
      .returning();
    if (!response)
      throw conflict('You have already answered Parent View for this school and period.', {
        field: 'urn',
      });
    if (input.answers.length > 0)
      await tx
        .insert(surveyAnswers)
        .values(
          input.answers.map((a) => ({ responseId: response.id, question: a.question, answer: a.answer })),
        );
    await refreshSatisfaction(tx, [{ urn: input.urn, academicYear: input.academicYear }]);
    return response;
  });
}

/**
 * Frees a slot the carer booked. Returns the freed slot and the child it was booked for (so the audit trail can
 * name the child, whom the freed row no longer names), or null when the carer holds no booking of that slot.
 */
export async function cancelSlot(db: Db, slotId: number, carerId: string) {
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select({ pupilId: consultationSlots.bookedForPupilId })
      .from(consultationSlots)
      .where(and(eq(consultationSlots.id, slotId), eq(consultationSlots.bookedByCarerId, carerId)))
      .for('update');
    if (!held) return null;
    const [slot] = await tx
      .update(consultationSlots)
      .set({ bookedByCarerId: null, bookedForPupilId: null, bookedAt: null })
      .where(eq(consultationSlots.id, slotId))
      .returning();
    return slot ? { slot, pupilId: held.pupilId } : null;
  });
}
