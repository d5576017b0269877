import { auditEventsTable, erasuresTable } from '@commonroom/subgraph-kit/audit-table';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Everything the parents subgraph owns lives in the Postgres schema "parents"; no other subgraph reads it. */
export const parentsSchema = pgSchema('parents');

/**
 * A read-only copy of which LA and trust each school is in, loaded from the same DfE list the schools
 * subgraph imports (never from its tables): who may see a school's satisfaction figures depends on it.
 */
export const schoolDirectory = parentsSchema.table(
  'school_directory',
  {
    urn: integer('urn').primaryKey(),
    name: text('name').notNull(),
    laCode: text('la_code').notNull(),
    trustId: text('trust_id'),
  },
  (t) => [index('school_directory_trust_idx').on(t.trustId), index('school_directory_la_idx').on(t.laCode)],
);

/**
 * A read-only copy of which school each pupil is (or was last) at and who their learning guide is: the
 * progress subgraph owns pupils; this copy comes from the same demo definition (later, from its roll). Decides
 * which staff may see a child's carers and messages. Holds every demo pupil, past ones too, so their
 * references resolve (with no carers or lights) rather than fail.
 */
export const pupilDirectory = parentsSchema.table(
  'pupil_directory',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    learningGuideId: text('learning_guide_id'),
  },
  (t) => [index('pupil_directory_urn_idx').on(t.urn)],
);

/**
 * A pupil's move from a school to another by a Common Transfer File, as the progress subgraph hands it over
 * with the carers: the staff of the school they left keep access to the child's carers, traffic lights and
 * messages until the leaving date (inclusive), as in progress, and lose it after (data/access.ts).
 */
export const pupilMoves = parentsSchema.table(
  'pupil_moves',
  {
    pupilId: text('pupil_id')
      .notNull()
      .references(() => pupilDirectory.id),
    fromUrn: integer('from_urn').notNull(),
    leavingDate: date('leaving_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.fromUrn] })],
);

/**
 * A read-only copy of the demo schools' staff (names for the `from` of their messages, and which school each
 * learning guide is at), from the same definition the schools subgraph loads.
 */
export const staffDirectory = parentsSchema.table(
  'staff_directory',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
  },
  (t) => [index('staff_directory_urn_idx').on(t.urn)],
);

export const CHANNELS = ['APP', 'EMAIL', 'SMS', 'PAPER_LETTER'] as const;
export const RELATIONSHIPS = [
  'MOTHER',
  'FATHER',
  'STEP_PARENT',
  'GRANDPARENT',
  'GUARDIAN',
  'FOSTER_CARER',
  'OTHER',
] as const;

export const carers = parentsSchema.table('carers', {
  id: text('id').primaryKey(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  postalAddress: text('postal_address'),
  /** BCP 47 tag. */
  preferredLanguage: text('preferred_language').notNull(),
  preferredChannel: text('preferred_channel', { enum: CHANNELS }).notNull(),
  accessibilityNeeds: text('accessibility_needs'),
});

export const carerLinks = parentsSchema.table(
  'carer_links',
  {
    carerId: text('carer_id')
      .notNull()
      .references(() => carers.id),
    pupilId: text('pupil_id')
      .notNull()
      .references(() => pupilDirectory.id),
    /** The child's school, kept on the link so staff access checks need no join (and it shards by school). */
    urn: integer('urn').notNull(),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    parentalResponsibility: boolean('parental_responsibility').notNull(),
    primaryContact: boolean('primary_contact').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.carerId, t.pupilId] }),
    index('carer_links_pupil_idx').on(t.pupilId),
    index('carer_links_urn_idx').on(t.urn),
  ],
);

export const SUBJECTS = ['READING', 'WRITING', 'MATHS'] as const;
export const STATUSES = ['RED', 'AMBER', 'GREEN'] as const;

/**
 * A teacher's own red/amber/green status for one key concept of one periodic assessment, from what they see in
 * class. It overrides the rule for that light. Every other light is worked out when asked for, from the progress
 * subgraph's concept-level results (`Pupil.conceptResults` through the gateway): no copy of them is kept here.
 */
export const teacherLightStatuses = parentsSchema.table(
  'teacher_light_statuses',
  {
    pupilId: text('pupil_id')
      .notNull()
      .references(() => pupilDirectory.id),
    urn: integer('urn').notNull(),
    assessedOn: date('assessed_on').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    concept: text('concept').notNull(),
    status: text('status', { enum: STATUSES }).notNull(),
    setByStaffId: text('set_by_staff_id'),
    /** Why the teacher set it, in words for the carer (required through `setTrafficLight`; null for old rows). */
    reason: text('reason'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.assessedOn, t.subject, t.concept] })],
);

/** A conversation between a carer and the school about one child: with the learning guide, or the office. */
export const messageThreads = parentsSchema.table(
  'message_threads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    carerId: text('carer_id')
      .notNull()
      .references(() => carers.id),
    pupilId: text('pupil_id')
      .notNull()
      .references(() => pupilDirectory.id),
    urn: integer('urn').notNull(),
    /** The learning guide on the school's side; null when the thread is with the school office. */
    staffId: text('staff_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('message_threads_one_per_party_idx').on(
      t.carerId,
      t.pupilId,
      sql`coalesce(${t.staffId}, '')`,
    ),
    index('message_threads_pupil_idx').on(t.pupilId),
  ],
);

export const SENDERS = ['CARER', 'LEARNING_GUIDE', 'SCHOOL'] as const;

export const messages = parentsSchema.table(
  'messages',
  {
    /** Increases with time: lists page on it, newest first. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint('thread_id', { mode: 'number' })
      .notNull()
      .references(() => messageThreads.id),
    /** Copied from the thread so a child's messages are one index range. */
    pupilId: text('pupil_id').notNull(),
    carerId: text('carer_id').notNull(),
    urn: integer('urn').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sender: text('sender', { enum: SENDERS }).notNull(),
    senderStaffId: text('sender_staff_id'),
    /** The sender's name as the recipient sees it, fixed when sent (like an email's From). */
    senderName: text('sender_name').notNull(),
    kind: text('kind', { enum: ['MESSAGE', 'DONE_WELL'] }).notNull(),
    body: text('body').notNull(),
    /** BCP 47 tag of `body` as written: staff say (English by default); null for a carer's (not known). */
    language: text('language'),
    /** When the recipient read it; null while unread. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('messages_pupil_idx').on(t.pupilId, t.id), index('messages_thread_idx').on(t.threadId, t.id)],
);

/** A staff-supplied translation of a message, one per language (canonical BCP 47 tag). */
export const messageTranslations = parentsSchema.table(
  'message_translations',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    language: text('language').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.language] })],
);

/**
 * Every message to a carer is delivered through here, by the carer's channel. A row is never deleted: a
 * failed attempt sets the next attempt time (exponential backoff) and keeps the error.
 */
export const outbox = parentsSchema.table(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** Where it goes: email address, phone number, postal address, or the carer id for the app. */
    address: text('address').notNull(),
    language: text('language').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_message_idx').on(t.messageId),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`),
  ],
);

/** One Parent View response: one per carer per school per period (academic year; term 0 = the whole year). */
export const surveyResponses = parentsSchema.table(
  'survey_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    carerId: text('carer_id')
      .notNull()
      .references(() => carers.id),
    urn: integer('urn').notNull(),
    academicYear: smallint('academic_year').notNull(),
    term: smallint('term').notNull().default(0),
    recommend: boolean('recommend').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_responses_once_idx').on(t.carerId, t.urn, t.academicYear, t.term),
    index('survey_responses_school_idx').on(t.urn, t.academicYear),
    check('survey_responses_term_check', sql`${t.term} between 0 and 3`),
  ],
);

export const surveyAnswers = parentsSchema.table(
  'survey_answers',
  {
    responseId: bigint('response_id', { mode: 'number' })
      .notNull()
      .references(() => surveyResponses.id),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.question] })],
);

/**
 * Parent View results kept per school and academic year, so the reports read one row per school rather than
 * every response: responses (each carer's latest for the year), how many would recommend the school, and the
 * answers per question (`[{ q, a, n }]`). Rewritten for the school and year in the transaction that stores a
 * response (data/satisfaction.ts); a test compares it with the live count.
 */
export const satisfactionSummary = parentsSchema.table(
  'satisfaction_summary',
  {
    urn: integer('urn').notNull(),
    academicYear: smallint('academic_year').notNull(),
    responses: integer('responses').notNull(),
    recommend: integer('recommend').notNull(),
    answers: jsonb('answers').$type<{ q: string; a: string; n: number }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.urn, t.academicYear] })],
);

/** A meeting slot a learning guide offers to the carers of their pupils. Booked by at most one carer. */
export const consultationSlots = parentsSchema.table(
  'consultation_slots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    urn: integer('urn').notNull(),
    staffId: text('staff_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    bookedByCarerId: text('booked_by_carer_id').references(() => carers.id),
    bookedForPupilId: text('booked_for_pupil_id'),
    bookedAt: timestamp('booked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consultation_slots_staff_time_idx').on(t.staffId, t.startsAt),
    index('consultation_slots_carer_idx').on(t.bookedByCarerId),
    check('consultation_slots_order_check', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'consultation_slots_booking_check',
      sql`(${t.bookedByCarerId} is null) = (${t.bookedForPupilId} is null)`,
    ),
  ],
);

/**
 * A school's consultation rules: how many upcoming slots one carer may hold for each child (1 when the school has
 * set nothing). Set by the school's staff (`setConsultationBookingsPerChild`).
 */
export const consultationSettings = parentsSchema.table(
  'consultation_settings',
  {
    urn: integer('urn').primaryKey(),
    bookingsPerChild: smallint('bookings_per_child').notNull(),
    setByStaffId: text('set_by_staff_id').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('consultation_settings_per_child_check', sql`${t.bookingsPerChild} between 1 and 10`)],
);

/** Every read of pupil-level data and every change, append-only (packages/subgraph-kit/src/audit.ts). */
export const auditEvents = auditEventsTable(parentsSchema);

/** Tombstones of erased pupils (subject erasure and the retention job): id, school, trust, when, why. */
export const erasures = erasuresTable(parentsSchema);
