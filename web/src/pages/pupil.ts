import { errorSummary, Forbidden } from '../errors.ts';
import type { Handler, Page } from './types.ts';

export const PUPIL_HOME = /* GraphQL */ `
  query WebPupilHome($id: ID!) {
    pupil(id: $id) {
      id
      displayName
      yearGroup
      learningTargets { id kind area description achievedOn }
      trafficLights { subject concept status label subjectName conceptName }
    }
    myLessonFeedbackSurveys {
      id
      subject
      className
      yearGroup
      answeredByMe
      questions { code wording }
    }
  }
`;

export const ANSWER_LESSON_FEEDBACK = /* GraphQL */ `
  mutation WebAnswerLessonFeedback($input: LessonFeedbackAnswersInput!) {
    answerLessonFeedback(input: $input) { surveyId answered }
  }
`;

interface Survey {
  id: string;
  subject: string;
  className: string | null;
  yearGroup: number;
  answeredByMe: boolean | null;
  questions: { code: string; wording: string }[];
}
interface PupilHome {
  pupil: {
    id: string;
    displayName: string;
    yearGroup: number;
    learningTargets: {
      id: string;
      kind: string;
      area: string;
      description: string;
      achievedOn: string | null;
    }[];
    trafficLights: { status: string; label: string; subjectName: string; conceptName: string }[] | null;
  } | null;
  myLessonFeedbackSurveys: Survey[] | null;
}

/** How a pupil answers each question, as the radios label it. */
const ANSWERS = [
  { value: 'YES', text: 'Yes' },
  { value: 'PARTLY', text: 'A bit' },
  { value: 'NO', text: 'No' },
];

/** The id of a question's radio group in a survey's form (the error summary links to it). */
const fieldId = (surveyId: string, code: string) =>
  `lf-${surveyId}-${code.toLowerCase().replaceAll('_', '-')}`;

interface Refusal {
  status?: number;
  surveyId?: string;
  form?: Record<string, string>;
  fieldErrors?: Record<string, string>;
  formError?: string;
}

async function pupilView(ctx: Parameters<Handler>[0], refusal: Refusal = {}): Promise<Page> {
  if (ctx.session.role !== 'pupil' || !ctx.session.scope)
    throw new Forbidden('your own page: this page is for pupils in Year 5 and above');
  const { data, errors } = await ctx.query<PupilHome>(PUPIL_HOME, { id: ctx.session.scope });
  if (!data?.pupil) throw new Forbidden('your own page: this page is for pupils in Year 5 and above');
  const fieldErrors = refusal.fieldErrors ?? {};
  const surveys = (data.myLessonFeedbackSurveys ?? []).map((s) => ({
    ...s,
    error: refusal.surveyId === s.id ? refusal.formError : undefined,
    questions: s.questions.map((q) => {
      const id = fieldId(s.id, q.code);
      return {
        ...q,
        id,
        error: fieldErrors[id],
        items: ANSWERS.map((a) => ({
          ...a,
          checked: refusal.surveyId === s.id && refusal.form?.[q.code] === a.value,
        })),
      };
    }),
  }));
  return {
    view: 'pupil-home.njk',
    status: refusal.status,
    vars: {
      title: `${data.pupil.displayName}: your page`,
      pupil: data.pupil,
      lights: data.pupil.trafficLights ?? [],
      targets: data.pupil.learningTargets,
      open: surveys.filter((s) => !s.answeredByMe),
      done: surveys.filter((s) => s.answeredByMe),
      answered: ctx.url.searchParams.get('answered') === '1',
      errors: [
        ...errorSummary(errors),
        ...(refusal.formError ? [{ text: refusal.formError, href: `#survey-${refusal.surveyId}` }] : []),
        ...Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
      ],
    },
  };
}

/** GET /pupil: a pupil's own traffic lights and targets, and the lesson-feedback surveys open to them. */
export const pupilHomePage: Handler = (ctx) => pupilView(ctx);

/**
 * POST /pupil/surveys/{id}: the pupil's answers, one radio group per question. A question left unanswered is
 * named in the error summary and nothing is sent; a second answer is refused (409) by the API, changing nothing.
 */
export const answerSurvey: Handler = async (ctx) => {
  const surveyId = ctx.params.id ?? '';
  const { data } = await ctx.query<PupilHome>(PUPIL_HOME, { id: ctx.session.scope ?? '' });
  const survey = data?.myLessonFeedbackSurveys?.find((s) => s.id === surveyId);
  if (!survey) throw new Forbidden(`survey ${surveyId}: this survey is not open to you`);
  const form = Object.fromEntries(survey.questions.map((q) => [q.code, ctx.form.get(q.code) ?? '']));
  const fieldErrors: Record<string, string> = {};
  for (const q of survey.questions)
    if (!ANSWERS.some((a) => a.value === form[q.code]))
      fieldErrors[fieldId(survey.id, q.code)] = `Choose Yes, A bit or No for “${q.wording}”`;
  if (Object.keys(fieldErrors).length > 0)
    return pupilView(ctx, { status: 400, surveyId, form, fieldErrors });
  const { errors } = await ctx.query(ANSWER_LESSON_FEEDBACK, {
    input: { surveyId, answers: survey.questions.map((q) => ({ question: q.code, answer: form[q.code] })) },
  });
  if (errors.length > 0) {
    const again = errors.some((e) => e.extensions?.code === 'CONFLICT');
    return pupilView(ctx, {
      status: again ? 409 : 400,
      surveyId,
      form,
      formError: again ? 'You have already answered this survey.' : errors.map((e) => e.message).join('; '),
    });
  }
  return { redirect: '/pupil?answered=1' };
};
