import { badUserInput, forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import {
  canReadLessonFeedbackOf,
  canSeeAggregatesOf,
  canSetLessonFeedbackOf,
  isPupilThemselves,
} from '../data/access.ts';
import {
  type FeedbackQuestionRow,
  type FeedbackSurveyRow,
  insertSurvey,
  recordAnswers,
} from '../data/lesson-feedback.ts';
import type { LessonFeedbackAnswersInput, LessonFeedbackSurveyInput } from '../generated/resolvers.ts';
import { todayIso } from '../rules/dates.ts';
import {
  FEEDBACK_ANSWERS,
  type FeedbackResults,
  schoolResults,
  surveyResults,
} from '../rules/lesson-feedback.ts';
import { policyOf } from './gaps.ts';
import { date, text } from './mutation.ts';

const MAX_QUESTIONS = 10;

/** The signed-in pupil's record, if they are a pupil in Year 5 or above at the school their token names. */
async function signedInPupil({ viewer, loaders }: ProgressContext) {
  if (viewer.role !== 'pupil') throw forbidden('Only a signed-in pupil answers lesson feedback.');
  const pupil = await loaders.pupil.load(viewer.pupilId);
  if (!pupil || !isPupilThemselves(viewer, pupil))
    throw forbidden('Pupils in Year 5 and above answer lesson feedback; this account may not.');
  return pupil;
}

async function bankOf(context: ProgressContext): Promise<Map<string, FeedbackQuestionRow>> {
  const bank = await context.loaders.feedbackQuestions.load('bank');
  return new Map(bank.map((q) => [q.code, q]));
}

async function schoolPlace(urn: number, context: ProgressContext) {
  const place = await context.loaders.place.load(urn);
  if (!place) throw notFound(`No school with URN ${urn}.`);
  return place;
}

function validQuestions(codes: readonly string[], bank: Map<string, FeedbackQuestionRow>): string[] {
  if (codes.length === 0 || codes.length > MAX_QUESTIONS)
    throw badUserInput(`A survey asks 1 to ${MAX_QUESTIONS} questions.`, 'questions');
  codes.forEach((code, i) => {
    const question = bank.get(code);
    if (!question) throw badUserInput(`No question ${code} in the bank.`, `questions[${i}]`);
    if (question.retired) throw badUserInput(`Question ${code} is retired.`, `questions[${i}]`);
    if (codes.indexOf(code) !== i) throw badUserInput(`Question ${code} is asked twice.`, `questions[${i}]`);
  });
  return [...codes];
}

/** Every question of the survey answered once, with nothing else: else BAD_USER_INPUT naming the answer. */
function validAnswers(survey: FeedbackSurveyRow, answers: LessonFeedbackAnswersInput['answers']) {
  const seen = new Set<string>();
  answers.forEach(({ question, answer }, i) => {
    if (!survey.questions.includes(question))
      throw badUserInput(`This survey does not ask ${question}.`, `answers[${i}].question`);
    if (seen.has(question)) throw badUserInput(`${question} is answered twice.`, `answers[${i}].question`);
    if (!(FEEDBACK_ANSWERS as readonly string[]).includes(answer))
      throw badUserInput(`${answer} is not an answer.`, `answers[${i}].answer`);
    seen.add(question);
  });
  const missing = survey.questions.find((q) => !seen.has(q));
  if (missing) throw badUserInput(`Every question needs an answer: ${missing} has none.`, 'answers');
  return answers.map(({ question, answer }) => ({ question, answer }));
}

/** A school's surveys for a year, as readers of its lesson feedback may list them. */
async function surveysFor(urn: number, academicYear: number, context: ProgressContext) {
  return context.loaders.feedbackSurveysOfSchool.load({ key: urn, args: { year: academicYear } });
}

/** Results with the question codes turned into bank rows (the bank includes retired questions). */
async function withQuestions(results: FeedbackResults, context: ProgressContext) {
  const bank = await bankOf(context);
  return {
    respondents: results.respondents,
    questions: results.questions.map((q) => ({
      ...q,
      question: bank.get(q.question) ?? { code: q.question, wording: q.question },
    })),
  };
}

export const LessonFeedbackQuery = {
  async lessonFeedbackQuestions(_: unknown, __: unknown, context: ProgressContext) {
    const bank = await context.loaders.feedbackQuestions.load('bank');
    return bank.filter((q) => !q.retired);
  },
  async myLessonFeedbackSurveys(_: unknown, __: unknown, context: ProgressContext) {
    const pupil = await signedInPupil(context);
    return context.loaders.openFeedbackSurveys.load({ key: pupil.id, args: { today: todayIso() } });
  },
};

export const LessonFeedbackMutation = {
  async setLessonFeedbackSurvey(
    _: unknown,
    { input }: { input: LessonFeedbackSurveyInput },
    context: ProgressContext,
  ) {
    const { viewer } = context;
    const place = await context.loaders.place.load(input.urn);
    if (!place) throw badUserInput(`No school with URN ${input.urn}.`, 'urn');
    if (!canSetLessonFeedbackOf(viewer, place) || viewer.role !== 'school_staff')
      throw forbidden("Only the school's own staff set its lesson feedback.");
    if (!Number.isInteger(input.academicYear) || input.academicYear < 2000 || input.academicYear > 2100)
      throw badUserInput('academicYear must be a year such as 2025 (for 2025/26).', 'academicYear');
    if (!Number.isInteger(input.yearGroup) || input.yearGroup < 5 || input.yearGroup > 13)
      throw badUserInput('Lesson feedback is for Years 5 to 13.', 'yearGroup');
    const className = input.className == null ? null : text(input.className, 'className', 20);
    const openUntil = input.openUntil == null ? null : date(input.openUntil, 'openUntil');
    const survey = await insertSurvey(context.db, {
      urn: input.urn,
      academicYear: input.academicYear,
      yearGroup: input.yearGroup,
      subject: text(input.subject, 'subject', 60),
      className,
      questions: validQuestions(input.questions, await bankOf(context)),
      openUntil,
      setBy: viewer.staffId,
    });
    context.loaders.feedbackSurvey.prime(survey.id, survey);
    return survey;
  },
  async answerLessonFeedback(
    _: unknown,
    { input }: { input: LessonFeedbackAnswersInput },
    context: ProgressContext,
  ) {
    const pupil = await signedInPupil(context);
    const survey = await context.loaders.feedbackSurvey.load(input.surveyId);
    if (!survey) throw badUserInput(`No survey ${input.surveyId}.`, 'surveyId');
    const open = await context.loaders.openFeedbackSurveys.load({
      key: pupil.id,
      args: { today: todayIso() },
    });
    if (!open.some((s) => s.id === survey.id)) {
      const theirs =
        survey.urn === pupil.urn &&
        survey.academicYear >= pupil.onRollFrom &&
        survey.academicYear <= pupil.onRollTo &&
        survey.yearGroup === survey.academicYear - pupil.receptionYear;
      if (!theirs) throw forbidden('This survey is for another school, year group or year.');
      throw badUserInput(`This survey closed on ${survey.openUntil}.`, 'surveyId');
    }
    await recordAnswers(context.db, survey, pupil.id, validAnswers(survey, input.answers));
    return { surveyId: survey.id, answered: true };
  },
};

export const LessonFeedbackSurvey = {
  school: (survey: FeedbackSurveyRow) => ({ urn: survey.urn }),
  async questions(survey: FeedbackSurveyRow, _: unknown, context: ProgressContext) {
    const bank = await bankOf(context);
    return survey.questions.map((code) => bank.get(code) ?? { code, wording: code });
  },
  async answeredByMe(survey: FeedbackSurveyRow, _: unknown, context: ProgressContext) {
    const { viewer } = context;
    if (viewer.role !== 'pupil') return null;
    return context.loaders.feedbackAnsweredBy.load({ key: survey.id, args: { pupilId: viewer.pupilId } });
  },
  async results(survey: FeedbackSurveyRow, _: unknown, context: ProgressContext) {
    if (!canReadLessonFeedbackOf(context.viewer, await schoolPlace(survey.urn, context)))
      throw forbidden("Only the school's staff and its trust's leaders read its lesson feedback.");
    const counts = await context.loaders.feedbackCounts.load(survey);
    return withQuestions(surveyResults(counts, policyOf(context)), context);
  },
};

export const LessonFeedbackSchool = {
  async lessonFeedbackSurveys(
    school: { urn: number },
    { academicYear }: { academicYear: number },
    context: ProgressContext,
  ) {
    if (!canReadLessonFeedbackOf(context.viewer, await schoolPlace(school.urn, context)))
      throw forbidden("Only the school's staff and its trust's leaders read its lesson feedback.");
    return surveysFor(school.urn, academicYear, context);
  },
};

/** The self-evaluation's pupil voice: its parent carries the school and year (School.selfEvaluation). */
export const SelfEvaluation = {
  async pupilVoice(parent: { urn: number; academicYear: number }, _: unknown, context: ProgressContext) {
    if (!canSeeAggregatesOf(context.viewer, await schoolPlace(parent.urn, context)))
      throw forbidden("You may not see this school's self-evaluation.");
    const surveys = await surveysFor(parent.urn, parent.academicYear, context);
    const [counts, bank] = await Promise.all([
      context.loaders.feedbackCounts.loadMany(surveys),
      context.loaders.feedbackQuestions.load('bank'),
    ]);
    const loaded = counts.map((c) => {
      if (c instanceof Error) throw c;
      return c;
    });
    const results = schoolResults(
      loaded,
      bank.map((q) => q.code),
      policyOf(context),
    );
    return withQuestions(results, context);
  },
};
