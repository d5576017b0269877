import type { MatrixRow, Outcome } from './access-matrix.ts';
import { isOptionalPersona, OWN_SCHOOL_READERS, OWN_URN, PERSONAS, type Persona, YEAR } from './personas.ts';

/**
 * Pupil voice and the pupil role: lesson-feedback surveys (set by the school's staff, answered by its pupils
 * from Year 5, read per survey by its staff and trust leaders, totalled in the self-evaluation for whoever
 * reads the school's aggregates), and the few fields of their own record a pupil reads. Every other row of the
 * matrix gives the pupil a stranger's outcome: another pupil's record, aggregates, carers' data, practice.
 */
const outcomes = (granted: Persona[], named: Partial<Record<Persona, Outcome>> = {}) => {
  const expect = Object.fromEntries(
    PERSONAS.filter((p) => !isOptionalPersona(p)).map((p) => [
      p,
      named[p] ?? (granted.includes(p) ? 'GRANT' : 'DENY'),
    ]),
  ) as MatrixRow['expect'];
  expect.pupil = named.pupil ?? (granted.includes('pupil') ? 'GRANT' : 'DENY');
  return expect;
};

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const ANSWERS = ['HELPED_ME_LEARN', 'KNEW_HOW_TO_IMPROVE', 'USEFUL_FEEDBACK'].map((question) => ({
  question,
  answer: 'YES',
}));
const OWN_RECORD = 'query ($id: ID!) { pupil(id: $id) { id FIELD } }';
const own = (field: string) => OWN_RECORD.replace('FIELD', field);

export const PUPIL_VOICE_ROWS: MatrixRow[] = [
  {
    covers: 'Query.lessonFeedbackQuestions',
    name: 'lessonFeedbackQuestions',
    operation: '{ lessonFeedbackQuestions { code wording } }',
    path: 'lessonFeedbackQuestions',
    // The question bank is public: it says nothing about anyone.
    expect: outcomes([...PERSONAS]),
  },
  {
    covers: 'Query.myLessonFeedbackSurveys',
    name: 'myLessonFeedbackSurveys',
    operation: '{ myLessonFeedbackSurveys { id yearGroup answeredByMe school { urn } } }',
    path: 'myLessonFeedbackSurveys',
    expect: outcomes(['pupil']),
    check: (value, f) => {
      const surveys = value as { id: string; answeredByMe: boolean | null; school: { urn: number } }[];
      assert(
        surveys.some((s) => s.id === f.feedbackSurvey),
        'the pupil’s year-group survey is listed',
      );
      assert(
        surveys.every((s) => s.school.urn === OWN_URN && typeof s.answeredByMe === 'boolean'),
        'only their own school’s surveys, each saying whether they answered',
      );
    },
  },
  {
    covers: 'Field.LessonFeedbackSurvey.results',
    name: 'myLessonFeedbackSurveys { results }',
    operation: '{ myLessonFeedbackSurveys { id results { respondents } } }',
    path: 'myLessonFeedbackSurveys.0.results',
    // A pupil is shown the survey to answer, never what others said in it.
    expect: outcomes([]),
  },
  {
    covers: 'Field.School.lessonFeedbackSurveys',
    name: 'school { lessonFeedbackSurveys }',
    operation: `query ($urn: Int!) { school(urn: $urn) { lessonFeedbackSurveys(academicYear: ${YEAR}) {
      id answeredByMe results { respondents questions { answers { share { value suppressed } } } } } } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.lessonFeedbackSurveys',
    // Per class, subject and year group: the school's staff and its trust's leaders; not its LA's officers,
    // governors, another school's staff, the pupils themselves or carers.
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn']),
    check: (value) => {
      const surveys = value as { answeredByMe: boolean | null; results: { respondents: number | null } }[];
      assert(surveys.length > 0, 'the demo surveys');
      assert(
        surveys.every((s) => s.answeredByMe === null),
        'staff are never told who answered',
      );
      assert(
        surveys.every((s) => s.results.respondents === null || s.results.respondents % 5 === 0),
        'respondents rounded to 5 or hidden, for everyone',
      );
    },
  },
  {
    covers: 'Field.SelfEvaluation.pupilVoice',
    name: 'school { selfEvaluation { pupilVoice } }',
    operation: `query ($urn: Int!) { school(urn: $urn) { selfEvaluation(academicYear: ${YEAR}) {
      pupilVoice { respondents questions { question { code } answered } } } } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.selfEvaluation.pupilVoice',
    expect: outcomes(OWN_SCHOOL_READERS),
    check: (value) => {
      const voice = value as { questions: { answered: number | null }[] };
      assert(voice.questions.length === 3, 'the three questions the demo asks');
    },
  },
  {
    covers: 'Mutation.setLessonFeedbackSurvey',
    name: 'setLessonFeedbackSurvey',
    operation: `mutation ($urn: Int!) { setLessonFeedbackSurvey(input: {
      urn: $urn, academicYear: ${YEAR}, yearGroup: 6, subject: "Access matrix", questions: ["HELPED_ME_LEARN"]
    }) { id } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'setLessonFeedbackSurvey',
    // The school's own staff; a pupil, a trust leader or another school's staff may not.
    expect: outcomes(['staffOwn', 'learningGuide']),
  },
  {
    covers: 'Mutation.answerLessonFeedback',
    name: 'answerLessonFeedback',
    operation: `mutation ($survey: ID!, $answers: [LessonFeedbackAnswerInput!]!) {
      answerLessonFeedback(input: { surveyId: $survey, answers: $answers }) { surveyId answered } }`,
    variables: (f) => ({ survey: f.feedbackSurvey, answers: ANSWERS }),
    path: 'answerLessonFeedback',
    expect: outcomes([], { pupil: 'COVERED' }),
    coveredBy: [
      'tests/e2e/pupil-voice.test.ts > shows a Year 6 pupil the survey, takes their answers once, and stores no link from answer to pupil',
    ],
    coveredWhy: 'a pupil answers once: the grant would use up the fixture pupil’s only answer',
  },
  {
    covers: 'Field.Pupil.trafficLights (own)',
    name: 'pupil(own) { trafficLights }',
    operation: own('trafficLights { subject status }'),
    variables: (f) => ({ id: f.voicePupil }),
    path: 'pupil.trafficLights',
    // The pupil's own lights; the staff of their school; not another family's carer, nor anyone else.
    expect: outcomes(['pupil', 'staffOwn', 'learningGuide']),
  },
  {
    covers: 'Field.Pupil.learningTargets (own)',
    name: 'pupil(own) { learningTargets }',
    operation: own('learningTargets { id description }'),
    variables: (f) => ({ id: f.voicePupil }),
    path: 'pupil.learningTargets',
    expect: outcomes(['pupil', 'staffOwn', 'learningGuide', 'trustOwn']),
  },
  {
    covers: 'Field.Pupil.results (own, not a pupil’s)',
    name: 'pupil(own) { results }',
    operation: own(`results(academicYear: ${YEAR}) { subject }`),
    variables: (f) => ({ id: f.voicePupil }),
    path: 'pupil.results',
    // Their traffic lights are how a pupil sees their results; the points stay with staff and carers.
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn']),
  },
  {
    covers: 'Field.Pupil.carers (own, not a pupil’s)',
    name: 'pupil(own) { carers }',
    operation: own('carers { relationship }'),
    variables: (f) => ({ id: f.voicePupil }),
    path: 'pupil.carers',
    expect: outcomes(['staffOwn', 'learningGuide']),
  },
  {
    covers: 'Field.Pupil.upn (own, not a pupil’s)',
    name: 'pupil(own) { upn }',
    operation: own('upn'),
    variables: (f) => ({ id: f.voicePupil }),
    path: 'pupil.upn',
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn']),
  },
];
