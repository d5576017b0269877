import type { Db } from '@commonroom/db';
import { DEMO_LAST_YEAR, demoPupils, demoStaff } from '@commonroom/demo';
import { type SchoolRecord, seededRandom } from '@commonroom/school-list';
import { insertJson } from '../data/bulk.ts';
import { feedbackSurveys } from '../data/feedback-tables.ts';
import { FEEDBACK_ANSWERS } from '../rules/lesson-feedback.ts';

const QUESTIONS = ['HELPED_ME_LEARN', 'KNEW_HOW_TO_IMPROVE', 'USEFUL_FEEDBACK'];
const SUBJECTS = ['Maths', 'English', 'Science', 'History', 'Geography', 'Art', 'Computing'];
/** Chance of YES and of PARTLY for each question (the rest NO): pupils are less sure how to improve. */
const LEANING: Record<string, [number, number]> = {
  HELPED_ME_LEARN: [0.62, 0.27],
  KNEW_HOW_TO_IMPROVE: [0.44, 0.36],
  USEFUL_FEEDBACK: [0.51, 0.31],
};

/**
 * Lesson feedback for the demo: at each demo school, in the latest demo year, a survey for every year group
 * from Year 5 (whole year group, a subject each) answered by about seven pupils in ten, and one for a single
 * class of the oldest year group answered by four, whose results are hidden. The answers go in as counts and
 * "has answered" marks, as the mutation stores them. Deterministic for (schools, seed).
 */
export async function generateLessonFeedback(db: Db, schools: readonly SchoolRecord[], seed: number) {
  const answered: Record<string, unknown>[] = [];
  const counts: Record<string, unknown>[] = [];
  let surveys = 0;
  for (const school of schools) {
    const random = seededRandom(school.urn * 104_729 + seed);
    const setBy = demoStaff(school).staff[0]?.id ?? `S${school.urn}-01`;
    const byYear = new Map<number, string[]>();
    for (const pupil of demoPupils(school, seed)) {
      const yearGroup = DEMO_LAST_YEAR - pupil.receptionYear;
      if (pupil.onRollTo !== DEMO_LAST_YEAR || yearGroup < 5) continue;
      byYear.set(yearGroup, [...(byYear.get(yearGroup) ?? []), pupil.id]);
    }
    const years = [...byYear.keys()].sort((a, b) => a - b);
    const oldest = years.at(-1);
    const planned = years.map((yearGroup) => ({ yearGroup, className: null as string | null, share: 0.7 }));
    if (oldest !== undefined) planned.push({ yearGroup: oldest, className: `${oldest}A`, share: 0 });
    for (const plan of planned) {
      const pupils = byYear.get(plan.yearGroup) ?? [];
      const answering = plan.className ? pupils.slice(0, 4) : pupils.filter(() => random() < plan.share);
      const tally = new Map<string, number>();
      for (const question of QUESTIONS) {
        const [yes, partly] = LEANING[question] ?? [0.5, 0.3];
        for (const _ of answering) {
          const r = random();
          const answer = FEEDBACK_ANSWERS[r < yes ? 0 : r < yes + partly ? 1 : 2];
          tally.set(`${question}|${answer}`, (tally.get(`${question}|${answer}`) ?? 0) + 1);
        }
      }
      const [survey] = await db
        .insert(feedbackSurveys)
        .values({
          urn: school.urn,
          academicYear: DEMO_LAST_YEAR,
          yearGroup: plan.yearGroup,
          subject: SUBJECTS[(plan.yearGroup + (plan.className ? 2 : 0)) % SUBJECTS.length] as string,
          className: plan.className,
          questions: QUESTIONS,
          setBy,
          respondents: answering.length,
        })
        .returning({ id: feedbackSurveys.id });
      if (!survey) throw new Error('a demo survey was not stored');
      surveys++;
      for (const pupilId of answering)
        answered.push({ survey_id: survey.id, pupil_id: pupilId, urn: school.urn });
      for (const [k, n] of tally) {
        const [question, answer] = k.split('|');
        counts.push({ survey_id: survey.id, urn: school.urn, question, answer, n });
      }
    }
  }
  await insertJson(db, 'progress.feedback_answered', ANSWERED_COLUMNS, answered);
  await insertJson(db, 'progress.feedback_counts', COUNT_COLUMNS, counts);
  return { surveys, answered: answered.length };
}

const ANSWERED_COLUMNS = { survey_id: 'bigint', pupil_id: 'text', urn: 'int' };
const COUNT_COLUMNS = { survey_id: 'bigint', urn: 'int', question: 'text', answer: 'text', n: 'int' };
