import { date, integer, jsonb, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { progressSchema } from '../data/tables.ts';

/*
 * What a Common Transfer File brings beyond the pupil's row (progress.pupils): the raw codes behind the
 * groups, attendance by year and the school history. Each is listed in data/data-subject.ts (export, erasure).
 */

/** The raw CTF codes behind a pupil's groups (ethnicity → group, first language → EAL, FSM → disadvantaged). */
export const pupilCharacteristics = progressSchema.table('pupil_characteristics', {
  pupilId: text('pupil_id').primaryKey(),
  ethnicityCode: text('ethnicity_code'),
  firstLanguage: text('first_language'),
  ncYear: smallint('nc_year'),
  /** SEN types, primary need first. */
  senNeeds: text('sen_needs').array().notNull(),
  /** Periods of FSM eligibility, `[{ start, end }]` (end null while eligible). */
  fsmPeriods: jsonb('fsm_periods').notNull(),
  formerUpns: text('former_upns').array().notNull(),
});

/** Sessions by academic year and school (LA code and establishment number, '' when the file has none). */
export const pupilAttendance = progressSchema.table(
  'pupil_attendance',
  {
    pupilId: text('pupil_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    lea: text('lea').notNull(),
    estab: text('estab').notNull(),
    sessionsPossible: integer('sessions_possible').notNull(),
    sessionsAttended: integer('sessions_attended'),
    sessionsAuthorised: integer('sessions_authorised'),
    sessionsUnauthorised: integer('sessions_unauthorised'),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.academicYear, t.lea, t.estab] })],
);

/** The schools a pupil has been at, in the order of the latest CTF imported (oldest first). */
export const pupilSchoolHistory = progressSchema.table(
  'pupil_school_history',
  {
    pupilId: text('pupil_id').notNull(),
    position: smallint('position').notNull(),
    lea: text('lea').notNull(),
    estab: text('estab').notNull(),
    urn: integer('urn'),
    schoolName: text('school_name').notNull(),
    entryDate: date('entry_date'),
    leavingDate: date('leaving_date'),
    leavingReason: text('leaving_reason'),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.position] })],
);

/**
 * The carers a CTF names for each pupil, handed off to the parents subgraph (which owns carers): written in the
 * import's transaction, so a file's carers are handed off all or nothing with its pupils, and delivered
 * afterwards (`scripts/carer-handoffs.ts`) into parents in one transaction there. A row is rewritten, and its
 * `delivered_at` cleared, only when the pupil's school or carers changed: a second import hands off nothing.
 */
export const carerHandoffs = progressSchema.table('carer_handoffs', {
  pupilId: text('pupil_id').primaryKey(),
  urn: integer('urn').notNull(),
  /** `[{ carerId, order, givenName, familyName, relationship, parentalResponsibility, email, phone, language }]`. */
  carers: jsonb('carers').notNull(),
  /**
   * `[{ urn, until }]`: the schools the pupil moved from by a CTF and their leaving dates (`pupil_moves`), so that
   * parents gives their staff the same access until then as progress does.
   */
  formerSchools: jsonb('former_schools').notNull().default([]),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
});

/**
 * A pupil's move from a school in Commonroom to another by a CTF: the staff (and trust leaders) of the school
 * they left keep access to their record until the leaving date — the date the file's school history gives for
 * that school, else the date the file was written — and lose it after (data/access.ts).
 */
export const pupilMoves = progressSchema.table(
  'pupil_moves',
  {
    pupilId: text('pupil_id').notNull(),
    fromUrn: integer('from_urn').notNull(),
    toUrn: integer('to_urn').notNull(),
    leavingDate: date('leaving_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.fromUrn] })],
);
