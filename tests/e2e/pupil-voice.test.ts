import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { currentDemoPupils, DEMO_LAST_YEAR, demoSelection } from '@commonroom/demo';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal } from '../../scripts/personas.ts';

/**
 * Pupil voice through the real gateway: a school's staff set a lesson-feedback survey, its pupils in Year 5
 * and above answer it once and anonymously, staff read the results per survey and in the self-evaluation
 * through the disclosure-control rules, and a pupil sees their own traffic lights and targets, nobody else's.
 */
const OWN_URN = 138113; // Catmose Primary (Rutland Beacon Schools Trust)
const OTHER_URN = 139481; // Leighfield Primary: same trust and LA, another school
const school = (urn: number) => {
  const found = demoSelection().schools.find((s) => s.urn === urn);
  if (!found) throw new Error(`no demo school ${urn}`);
  return found;
};
const yearGroupOf = (p: { receptionYear: number }) => DEMO_LAST_YEAR - p.receptionYear;
const pupils = currentDemoPupils(school(OWN_URN));
const inYear = (y: number) => pupils.filter((p) => yearGroupOf(p) === y);
const [sixA, sixB, sixC] = inYear(6) as [
  (typeof pupils)[number],
  (typeof pupils)[number],
  (typeof pupils)[number],
];
const [fourA] = inYear(4) as [(typeof pupils)[number]];

const pupil = (p: { id: string }): Viewer => ({ role: 'pupil', sub: p.id, pupilId: p.id, urn: OWN_URN });
const head: Viewer = { role: 'school_staff', sub: 'e2e-head', urn: OWN_URN, staffId: `S${OWN_URN}-01` };
const otherHead: Viewer = {
  role: 'school_staff',
  sub: 'e2e-other',
  urn: OTHER_URN,
  staffId: `S${OTHER_URN}-01`,
};
const laOfficer: Viewer = { role: 'la_officer', sub: 'e2e-la', laCode: '857' };

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    parentsUnderTest,
    progressUnderTest({ urns: [OWN_URN, OTHER_URN] }),
  ]);
});
afterAll(() => hub?.close());

const SET = `mutation ($input: LessonFeedbackSurveyInput!) {
  setLessonFeedbackSurvey(input: $input) { id yearGroup subject className questions { code wording } } }`;
const ANSWER = `mutation ($input: LessonFeedbackAnswersInput!) {
  answerLessonFeedback(input: $input) { surveyId answered } }`;
const MINE = `{ myLessonFeedbackSurveys { id yearGroup subject answeredByMe questions { code } } }`;
const RESULTS = `query ($urn: Int!, $year: Int!) { school(urn: $urn) { lessonFeedbackSurveys(academicYear: $year) {
  id subject className results { respondents questions { question { code } answered
    answers { answer share { value cohort suppressed code } } } } } } }`;
const SELF_EVALUATION = `query ($urn: Int!, $year: Int!) { school(urn: $urn) { selfEvaluation(academicYear: $year) {
  pupilVoice { respondents questions { question { code } answered answers { answer share { value suppressed } } } }
} parentSatisfaction(academicYear: $year) { responses } } }`;

type Survey = { id: string; answeredByMe: boolean | null; yearGroup: number };
const ALL_YES = ['HELPED_ME_LEARN', 'USEFUL_FEEDBACK'].map((question) => ({ question, answer: 'YES' }));

async function counts(surveyId: string) {
  const db = hub.subgraphs.progress?.db;
  if (!db) throw new Error('no progress subgraph');
  const [survey] = await queryRows<{ respondents: number }>(
    db,
    sql`select respondents from progress.feedback_surveys where id = ${Number(surveyId)}`,
  );
  const rows = await queryRows<{ question: string; answer: string; n: number }>(
    db,
    sql`select question, answer, n from progress.feedback_counts where survey_id = ${Number(surveyId)}
        order by question, answer`,
  );
  return { respondents: Number(survey?.respondents), rows: rows.map((r) => ({ ...r, n: Number(r.n) })) };
}

describe('pupil voice: lesson feedback', () => {
  let surveyId = '';

  it('gives a demo pupil in Year 5 or above a token, and refuses one below', () => {
    expect(demoPrincipal('pupil', { pupil: sixA.id })).toEqual(pupil(sixA));
    expect(() => demoPrincipal('pupil', { pupil: fourA.id })).toThrow(/Year 4: pupils sign in from Year 5/);
    const first = demoPrincipal('pupil', {});
    expect(first.role).toBe('pupil');
  });

  it('lets the school’s staff set a survey from the question bank, and refuses bad input naming the field', async () => {
    const bank = await hub.query<{ lessonFeedbackQuestions: { code: string }[] }>(
      { role: 'anonymous' },
      '{ lessonFeedbackQuestions { code wording } }',
    );
    expect(bank.data?.lessonFeedbackQuestions.map((q) => q.code)).toEqual([
      'HELPED_ME_LEARN',
      'KNEW_HOW_TO_IMPROVE',
      'USEFUL_FEEDBACK',
    ]);
    const input = {
      urn: OWN_URN,
      academicYear: DEMO_LAST_YEAR,
      yearGroup: 6,
      subject: 'History',
      className: '6H',
      questions: ['HELPED_ME_LEARN', 'USEFUL_FEEDBACK'],
    };
    const bad = await hub.query(head, SET, { input: { ...input, questions: ['HELPED_ME_LEARN', 'GUESS'] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions[1]' });
    const young = await hub.query(head, SET, { input: { ...input, yearGroup: 4 } });
    expect(young.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'yearGroup' });
    const stranger = await hub.query(otherHead, SET, { input });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asPupil = await hub.query(pupil(sixA), SET, { input });
    expect(asPupil.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await hub.query<{ setLessonFeedbackSurvey: { id: string } }>(head, SET, { input });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setLessonFeedbackSurvey).toMatchObject({
      yearGroup: 6,
      subject: 'History',
      className: '6H',
    });
    surveyId = set.data?.setLessonFeedbackSurvey.id as string;
  });

  it('shows a Year 6 pupil the survey, takes their answers once, and stores no link from answer to pupil', async () => {
    const mine = await hub.query<{ myLessonFeedbackSurveys: Survey[] }>(pupil(sixA), MINE);
    expect(mine.errors).toBeUndefined();
    const listed = mine.data?.myLessonFeedbackSurveys ?? [];
    expect(listed.find((s) => s.id === surveyId)).toMatchObject({ answeredByMe: false, yearGroup: 6 });
    expect(listed.every((s) => s.yearGroup === 6)).toBe(true);

    const answered = await hub.query(pupil(sixA), ANSWER, { input: { surveyId, answers: ALL_YES } });
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toEqual({ answerLessonFeedback: { surveyId, answered: true } });
    const after = await counts(surveyId);
    expect(after.respondents).toBe(1);

    const again = await hub.query(pupil(sixA), ANSWER, {
      input: { surveyId, answers: ALL_YES.map((a) => ({ ...a, answer: 'NO' })) },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'surveyId' });
    expect(await counts(surveyId)).toEqual(after);

    const relisted = await hub.query<{ myLessonFeedbackSurveys: Survey[] }>(pupil(sixA), MINE);
    expect(relisted.data?.myLessonFeedbackSurveys.find((s) => s.id === surveyId)?.answeredByMe).toBe(true);

    // The only tables that name the pupil say that they answered, not what or when.
    const db = hub.subgraphs.progress?.db;
    if (!db) throw new Error('no progress subgraph');
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'progress' and table_name like 'feedback_%' order by table_name, ordinal_position`,
    );
    const byTable = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name);
    expect(byTable('feedback_answered')).toEqual(['survey_id', 'pupil_id', 'urn']);
    expect(byTable('feedback_counts')).toEqual(['survey_id', 'urn', 'question', 'answer', 'n']);
  });

  it('refuses incomplete or stray answers, naming the answer, and changes nothing', async () => {
    const before = await counts(surveyId);
    const missing = await hub.query(pupil(sixB), ANSWER, {
      input: { surveyId, answers: ALL_YES.slice(0, 1) },
    });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers' });
    const stray = await hub.query(pupil(sixB), ANSWER, {
      input: { surveyId, answers: [...ALL_YES, { question: 'KNEW_HOW_TO_IMPROVE', answer: 'YES' }] },
    });
    expect(stray.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'answers[2].question',
    });
    expect(await counts(surveyId)).toEqual(before);
  });

  it('refuses a Year 4 pupil everything, and a pupil a survey of another year group', async () => {
    const young = pupil(fourA);
    const mine = await hub.query(young, MINE);
    expect(mine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const answer = await hub.query(young, ANSWER, { input: { surveyId, answers: ALL_YES } });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await hub.query(young, 'query ($id: ID!) { pupil(id: $id) { id learningTargets { id } } }', {
      id: fourA.id,
    });
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(own.data?.pupil ?? null).toBeNull();

    const five = inYear(5)[0];
    if (!five) throw new Error('no Year 5 pupil');
    const wrongYear = await hub.query(pupil(five), ANSWER, { input: { surveyId, answers: ALL_YES } });
    expect(wrongYear.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows staff results per survey only, suppressed while few have answered, and never who', async () => {
    for (const p of [sixB, sixC])
      expect(
        (await hub.query(pupil(p), ANSWER, { input: { surveyId, answers: ALL_YES } })).errors,
      ).toBeUndefined();
    type Results = {
      school: {
        lessonFeedbackSurveys: {
          id: string;
          className: string | null;
          results: {
            respondents: number | null;
            questions: {
              answers: { share: { value: number | null; suppressed: boolean; code: string } }[];
            }[];
          };
        }[];
      };
    };
    const res = await hub.query<Results>(head, RESULTS, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(res.errors).toBeUndefined();
    const surveys = res.data?.school.lessonFeedbackSurveys ?? [];
    const ours = surveys.find((s) => s.id === surveyId);
    // Three answers: nothing shown.
    expect(ours?.results.respondents).toBeNull();
    for (const q of ours?.results.questions ?? [])
      for (const a of q.answers) expect(a.share).toMatchObject({ value: null, suppressed: true, code: 'c' });
    // The demo's year-group surveys have enough answers to show; its class survey of four does not.
    const shown = surveys.filter((s) => s.results.respondents !== null);
    expect(shown.length).toBeGreaterThan(0);
    expect(surveys.some((s) => s.className !== null && s.results.respondents === null)).toBe(true);
    // The schema has no way to ask who answered: no field of a survey or its results names a pupil.
    expect(JSON.stringify(res.data)).not.toMatch(/P138113-/);

    const stranger = await hub.query(otherHead, RESULTS, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asPupil = await hub.query(pupil(sixA), RESULTS, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(asPupil.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const la = await hub.query(laOfficer, RESULTS, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(la.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('feeds the school’s self-evaluation beside Parent View, protected with the surveys it adds up', async () => {
    type Voice = {
      school: {
        selfEvaluation: {
          pupilVoice: {
            respondents: number | null;
            questions: { question: { code: string }; answered: number | null }[];
          };
        };
        parentSatisfaction: { responses: number };
      };
    };
    const res = await hub.query<Voice>(head, SELF_EVALUATION, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(res.errors).toBeUndefined();
    const voice = res.data?.school.selfEvaluation.pupilVoice;
    expect(voice?.questions.map((q) => q.question.code)).toEqual([
      'HELPED_ME_LEARN',
      'KNEW_HOW_TO_IMPROVE',
      'USEFUL_FEEDBACK',
    ]);
    expect(typeof res.data?.school.parentSatisfaction.responses).toBe('number');
    // Our survey of three is hidden, and the school's totals include it: they may show only while the
    // surveys hidden beside it are enough (two or more, six pupils or more) that total minus the shown
    // surveys gives their sum, not any one of them.
    const listed = await hub.query<{
      school: { lessonFeedbackSurveys: { results: { respondents: number | null } }[] };
    }>(head, RESULTS, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    const hidden = (listed.data?.school.lessonFeedbackSurveys ?? []).filter(
      (s) => s.results.respondents === null,
    );
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(voice?.respondents).not.toBeNull();
    const la = await hub.query<Voice>(laOfficer, SELF_EVALUATION, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(la.data?.school.selfEvaluation.pupilVoice.questions.length).toBe(3);
    const stranger = await hub.query(otherHead, SELF_EVALUATION, { urn: OWN_URN, year: DEMO_LAST_YEAR });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a pupil sees their own traffic lights and targets, and nothing about anyone else', () => {
  const OWN = `query ($id: ID!) { pupil(id: $id) { id displayName yearGroup learningTargets { id description }
    trafficLights { subject concept status } } }`;

  it('reads their own lights and targets', async () => {
    const res = await hub.query<{
      pupil: { id: string; trafficLights: unknown[]; learningTargets: unknown[] };
    }>(pupil(sixA), OWN, { id: sixA.id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.pupil.id).toBe(sixA.id);
    expect(res.data?.pupil.trafficLights.length).toBeGreaterThan(0);
    expect(Array.isArray(res.data?.pupil.learningTargets)).toBe(true);
  });

  it('is refused another pupil, and their own results, carers, messages and characteristics', async () => {
    const other = await hub.query(pupil(sixA), OWN, { id: sixB.id });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data?.pupil ?? null).toBeNull();
    for (const field of [
      'upn',
      'sen',
      'results(academicYear: 2025) { subject }',
      'reviews { id }',
      'entitlement { eligible }',
      'carers { carer { id } }',
      'messages(first: 1) { totalCount }',
    ]) {
      const res = await hub.query(pupil(sixA), `query ($id: ID!) { pupil(id: $id) { id ${field} } }`, {
        id: sixA.id,
      });
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    const stuck = await hub.query(
      pupil(sixA),
      'query ($urn: Int!) { school(urn: $urn) { stuckPupils(academicYear: 2025) { totalCount } } }',
      { urn: OWN_URN },
    );
    expect(stuck.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
