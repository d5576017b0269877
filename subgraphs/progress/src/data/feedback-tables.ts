import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { progressSchema } from './tables.ts';

/**
 * Lesson feedback (pupil voice): short surveys a school's staff set for a year group's lessons in a subject,
 * answered anonymously by its pupils in Year 5 and above. No table links an answer to a pupil: the answers are
 * kept only as counts (`feedback_counts`), and `feedback_answered` says who has answered a survey, to stop a
 * second answer, and nothing about what they said (docs/data-protection.md, "Pupil voice").
 */

/**
 * The question bank: what a survey may ask (the report's three to begin with). A lookup table, so a question
 * is added with a row; a retired one stays for the surveys that asked it.
 */
export const feedbackQuestions = progressSchema.table('feedback_questions', {
  code: text('code').primaryKey(),
  /** The question as pupils read it. */
  wording: text('wording').notNull(),
  /** Where it comes in the bank's order. */
  position: smallint('position').notNull(),
  /** Set when the question may no longer be asked in new surveys. */
  retiredOn: date('retired_on'),
});

/** A survey a member of a school's staff set: one year group's lessons in one subject, or one class of it. */
export const feedbackSurveys = progressSchema.table(
  'feedback_surveys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    urn: integer('urn').notNull(),
    academicYear: smallint('academic_year').notNull(),
    yearGroup: smallint('year_group').notNull(),
    /** The school's own name for the subject (History, Maths, PE…). */
    subject: text('subject').notNull(),
    /** The class, when the survey is for one class (e.g. 6B); null for the whole year group. */
    className: text('class_name'),
    /** Codes from `feedback_questions`, in the order asked. */
    questions: text('questions').array().notNull(),
    /** The last day pupils may answer (inclusive); null while the staff leave it open. */
    openUntil: date('open_until'),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    /** Pupils who have answered: kept with the counts, in the transaction that adds an answer. */
    respondents: integer('respondents').notNull().default(0),
  },
  (t) => [
    index('feedback_surveys_school_idx').on(t.urn, t.academicYear, t.yearGroup),
    check('feedback_surveys_year_group', sql`${t.yearGroup} between 5 and 13`),
  ],
);

/**
 * Who has answered which survey: only so that nobody answers twice. No time and no answer, so it cannot be
 * lined up against the counts.
 */
export const feedbackAnswered = progressSchema.table(
  'feedback_answered',
  {
    surveyId: bigint('survey_id', { mode: 'number' }).notNull(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.pupilId] }),
    index('feedback_answered_pupil_idx').on(t.pupilId),
  ],
);

/** How many pupils gave each answer to each question of a survey: the only record of what they said. */
export const feedbackCounts = progressSchema.table(
  'feedback_counts',
  {
    surveyId: bigint('survey_id', { mode: 'number' }).notNull(),
    urn: integer('urn').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.question, t.answer] })],
);
