import { type Db, queryRows } from '@commonroom/db';
import { conflict, groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import type { SurveyCounts } from '../rules/lesson-feedback.ts';
import { feedbackSurveys } from './feedback-tables.ts';
import { list } from './scope.ts';

export interface FeedbackQuestionRow {
  code: string;
  wording: string;
  position: number;
  retired: boolean;
}

export interface FeedbackSurveyRow {
  id: string;
  urn: number;
  academicYear: number;
  yearGroup: number;
  subject: string;
  className: string | null;
  questions: string[];
  openUntil: string | null;
  respondents: number;
}

/** The question bank, in its order, retired questions included (surveys that asked them still show them). */
export async function questionBank(db: Db): Promise<FeedbackQuestionRow[]> {
  const rows = await queryRows<{ code: string; wording: string; position: number; retired: boolean }>(
    db,
    sql`select code, wording, position, retired_on is not null as retired
        from progress.feedback_questions order by position, code`,
  );
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

const SURVEY_COLUMNS = sql`id::text as id, urn, academic_year, year_group, subject, class_name, questions,
  open_until::text as open_until, respondents`;

type SurveyDbRow = {
  id: string;
  urn: number;
  academic_year: number;
  year_group: number;
  subject: string;
  class_name: string | null;
  questions: string[] | string;
  open_until: string | null;
  respondents: number;
};

/** postgres.js gives a text[] as an array; PGlite through drizzle may give its text form `{A,B}`. */
const textArray = (value: string[] | string): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

const toSurvey = (r: SurveyDbRow): FeedbackSurveyRow => ({
  id: r.id,
  urn: Number(r.urn),
  academicYear: Number(r.academic_year),
  yearGroup: Number(r.year_group),
  subject: r.subject,
  className: r.class_name,
  questions: textArray(r.questions),
  openUntil: r.open_until,
  respondents: Number(r.respondents),
});

/** Surveys by id, in key order (null for a miss). One query. */
export async function surveysByIds(db: Db, ids: readonly string[]): Promise<(FeedbackSurveyRow | null)[]> {
  const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (numeric.length === 0) return ids.map(() => null);
  const rows = await queryRows<SurveyDbRow>(
    db,
    sql`select ${SURVEY_COLUMNS} from progress.feedback_surveys where id in (${list(numeric)})`,
  );
  return inKeyOrder(ids, rows.map(toSurvey), (s) => s.id);
}

/** Each school's surveys of one academic year, newest first. One query for every school. */
export async function surveysOfSchools(
  db: Db,
  urns: readonly number[],
  academicYear: number,
): Promise<FeedbackSurveyRow[][]> {
  const rows = await queryRows<SurveyDbRow>(
    db,
    sql`select ${SURVEY_COLUMNS} from progress.feedback_surveys
        where urn in (${list(urns)}) and academic_year = ${academicYear} order by id desc`,
  );
  return groupedInKeyOrder(urns, rows.map(toSurvey), (s) => s.urn);
}

/**
 * The surveys open to each pupil on `today`: their school's, for the year group they are in, in an academic
 * year they are on roll, not closed. One query for every pupil.
 */
export async function openSurveysOfPupils(
  db: Db,
  pupilIds: readonly string[],
  today: string,
): Promise<FeedbackSurveyRow[][]> {
  const rows = await queryRows<SurveyDbRow & { pupil_id: string }>(
    db,
    sql`select p.id as pupil_id, f.id::text as id, f.urn, f.academic_year, f.year_group, f.subject,
          f.class_name, f.questions, f.open_until::text as open_until, f.respondents
        from progress.pupils p
        join progress.feedback_surveys f on f.urn = p.urn
          and f.academic_year between p.on_roll_from and p.on_roll_to
          and f.year_group = f.academic_year - p.reception_year
        where p.id in (${list(pupilIds)}) and (f.open_until is null or f.open_until >= ${today}::date)
        order by f.id desc`,
  );
  return groupedInKeyOrder(
    pupilIds,
    rows.map((r) => ({ pupilId: r.pupil_id, survey: toSurvey(r) })),
    (r) => r.pupilId,
  ).map((group) => group.map((r) => r.survey));
}

/** Of these surveys, those the pupil has answered (true/false in key order). One query. */
export async function answeredBy(db: Db, surveyIds: readonly string[], pupilId: string): Promise<boolean[]> {
  const numeric = surveyIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (numeric.length === 0) return surveyIds.map(() => false);
  const rows = await queryRows<{ survey_id: string }>(
    db,
    sql`select survey_id::text as survey_id from progress.feedback_answered
        where pupil_id = ${pupilId} and survey_id in (${list(numeric)})`,
  );
  const answered = new Set(rows.map((r) => r.survey_id));
  return surveyIds.map((id) => answered.has(id));
}

/** Each survey's stored counts (what the results are worked out from). One query for every survey. */
export async function countsOfSurveys(
  db: Db,
  surveys: readonly FeedbackSurveyRow[],
): Promise<SurveyCounts[]> {
  const ids = surveys.map((s) => Number(s.id));
  const rows =
    ids.length === 0
      ? []
      : await queryRows<{ survey_id: string; question: string; answer: string; n: number }>(
          db,
          sql`select survey_id::text as survey_id, question, answer, n from progress.feedback_counts
              where survey_id in (${list(ids)})`,
        );
  const grouped = groupedInKeyOrder(
    surveys.map((s) => s.id),
    rows,
    (r) => r.survey_id,
  );
  return surveys.map((s, i) => ({
    id: s.id,
    respondents: s.respondents,
    questions: s.questions,
    counts: (grouped[i] ?? []).map((r) => ({ question: r.question, answer: r.answer, n: Number(r.n) })),
  }));
}

export interface NewSurvey {
  urn: number;
  academicYear: number;
  yearGroup: number;
  subject: string;
  className: string | null;
  questions: string[];
  openUntil: string | null;
  setBy: string;
}

export async function insertSurvey(db: Db, survey: NewSurvey): Promise<FeedbackSurveyRow> {
  const [row] = await db.insert(feedbackSurveys).values(survey).returning({ id: feedbackSurveys.id });
  if (!row) throw new Error('the survey was not stored');
  return { ...survey, id: String(row.id), respondents: 0 };
}

/**
 * Stores one pupil's answers in one transaction: marks the pupil as having answered (a second time is
 * CONFLICT, and nothing changes), adds one to each answer's count and to the respondents. No row says which
 * answers were this pupil's.
 */
export async function recordAnswers(
  db: Db,
  survey: FeedbackSurveyRow,
  pupilId: string,
  answers: readonly { question: string; answer: string }[],
) {
  await db.transaction(async (tx) => {
    const marked = await queryRows<{ survey_id: string }>(
      tx,
      sql`insert into progress.feedback_answered (survey_id, pupil_id, urn)
          values (${Number(survey.id)}, ${pupilId}, ${survey.urn})
          on conflict do nothing returning survey_id::text as survey_id`,
    );
    if (marked.length === 0) throw conflict('You have already answered this survey.', { field: 'surveyId' });
    for (const { question, answer } of answers)
      await tx.execute(
        sql`insert into progress.feedback_counts (survey_id, urn, question, answer, n)
            values (${Number(survey.id)}, ${survey.urn}, ${question}, ${answer}, 1)
            on conflict (survey_id, question, answer) do update set n = progress.feedback_counts.n + 1`,
      );
    await tx.execute(
      sql`update progress.feedback_surveys set respondents = respondents + 1 where id = ${Number(survey.id)}`,
    );
  });
}
