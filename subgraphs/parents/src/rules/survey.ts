import {
  type Audience,
  type Cell,
  DEFAULT_POLICY,
  type DisclosurePolicy,
  type Measure,
  protect,
  publishCount,
  publishValue,
  SUPPRESSED,
  type SumSet,
  type Suppression,
  suppressedMeasure,
} from '@commonroom/disclosure';
import { catalogueFor } from '../i18n/index.ts';

/**
 * Ofsted Parent View: thirteen statements a carer answers on an agree scale, then "I would recommend this
 * school to another parent" (yes or no). The SEND statement is for carers of a child with SEND; others
 * answer DONT_KNOW or leave it out.
 */
export const PARENT_VIEW_QUESTIONS = [
  ['HAPPY', 'My child is happy at this school.'],
  ['SAFE', 'My child feels safe at this school.'],
  ['BEHAVIOUR', 'The school makes sure its pupils are well behaved.'],
  ['BULLYING', 'My child has been bullied and the school dealt with the bullying quickly and effectively.'],
  ['AWARE_OF_LEARNING', 'The school makes me aware of what my child will learn during the year.'],
  ['CONCERNS', 'When I have raised concerns with the school they have been dealt with properly.'],
  ['SEND_SUPPORT', 'My child has SEND, and the school gives them the support they need to succeed.'],
  ['HIGH_EXPECTATIONS', 'The school has high expectations for my child.'],
  ['DOES_WELL', 'My child does well at this school.'],
  ['LETS_ME_KNOW', 'The school lets me know how my child is doing.'],
  ['RANGE_OF_SUBJECTS', 'There is a good range of subjects available to my child at this school.'],
  ['CLUBS', 'My child can take part in clubs and activities at this school.'],
  ['WIDER_DEVELOPMENT', "The school supports my child's wider personal development."],
] as const;

export type ParentViewQuestion = (typeof PARENT_VIEW_QUESTIONS)[number][0];
export const QUESTION_KEYS = PARENT_VIEW_QUESTIONS.map(([key]) => key) as ParentViewQuestion[];
export const QUESTION_TEXT = new Map<string, string>(PARENT_VIEW_QUESTIONS);

export const AGREE_SCALE = ['STRONGLY_AGREE', 'AGREE', 'DISAGREE', 'STRONGLY_DISAGREE', 'DONT_KNOW'] as const;
export type AgreeAnswer = (typeof AGREE_SCALE)[number];

/** As Ofsted publishes Parent View: a question's results are shown only once it has this many answers. */
export const MIN_RESPONSES = 10;

export type Share = Measure;

/**
 * `count` out of `responses` as a share (0–1), or suppressed (code `c`) with the reason when fewer than
 * MIN_RESPONSES answered, so a handful of carers cannot be identified from the figures.
 */
export function responseShare(count: number, responses: number, minimum = MIN_RESPONSES): Share {
  if (responses < minimum) return tooFewResponses(responses, minimum);
  return { value: count / responses, cohort: responses, suppressed: false, reason: null, code: null };
}

const tooFewResponses = (responses: number, minimum: number): Share => ({
  value: null,
  cohort: null,
  suppressed: true,
  reason: `c: fewer than ${minimum} responses (${responses === 0 ? 'none' : 'too few'} so far): results are shown from ${minimum}.`,
  code: SUPPRESSED,
});

/** A share of `answered` as the viewer may see it, or hidden as decided by `protect`. */
function protectedShare(
  count: number,
  answered: number,
  hidden: Suppression | undefined,
  audience: Audience,
  policy: DisclosurePolicy,
): Share {
  if (hidden) return suppressedMeasure(hidden, policy);
  return {
    value: publishValue(count / answered, 'share', audience, policy),
    cohort: publishCount(answered, audience, policy),
    suppressed: false,
    reason: null,
    code: null,
  };
}

/**
 * Responses over carers with a child at the school, 0–1; null when the school has no carers on record.
 * Each response is one carer's, so the rate never exceeds 1.
 */
export function responseRate(responses: number, carers: number): number | null {
  if (carers <= 0) return null;
  return Math.min(1, responses / carers);
}

export interface QuestionCounts {
  question: string;
  counts: Partial<Record<AgreeAnswer, number>>;
}

const AGREEING = 'AGREEING';

/**
 * The sets of one question's figures that add up to a known total (the question's responses): the answers
 * on the scale; "agreeing" and the other answers; and "agreeing" is strongly agree plus agree.
 */
const ANSWER_SETS: SumSet[] = [
  { members: AGREE_SCALE },
  { members: [AGREEING, 'DISAGREE', 'STRONGLY_DISAGREE', 'DONT_KNOW'] },
  { members: ['STRONGLY_AGREE', 'AGREE'], total: AGREEING },
];

/**
 * One question's results: the share giving each answer and the share agreeing (strongly or not). A question
 * with fewer than `minimum` answers shows nothing (as Ofsted publishes Parent View). Otherwise through the
 * disclosure-control rules (docs/disclosure-control.md): an answer given by 1 to the threshold carers is
 * hidden, and so are as many more answers as stop it being worked out from the others and the responses
 * (code `c`, with the reason); shares to whole percentages for viewers who see aggregates only.
 */
export function questionResult(
  { question, counts }: QuestionCounts,
  minimum = MIN_RESPONSES,
  audience: Audience = 'pupils',
  policy: DisclosurePolicy = DEFAULT_POLICY,
) {
  const answered = AGREE_SCALE.reduce((n, answer) => n + (counts[answer] ?? 0), 0);
  const agreeing = (counts.STRONGLY_AGREE ?? 0) + (counts.AGREE ?? 0);
  const suppressed = answered < minimum;
  const base = {
    question,
    statement: QUESTION_TEXT.get(question) ?? question,
    responses: answered,
    suppressed,
  };
  if (suppressed) {
    const hidden = tooFewResponses(answered, minimum);
    return { ...base, agree: hidden, answers: AGREE_SCALE.map((answer) => ({ answer, share: hidden })) };
  }
  const cells: Cell[] = [
    { key: AGREEING, n: agreeing },
    ...AGREE_SCALE.map((answer) => ({ key: answer, n: counts[answer] ?? 0 })),
  ];
  const hidden = protect(cells, ANSWER_SETS, policy);
  return {
    ...base,
    agree: protectedShare(agreeing, answered, hidden.get(AGREEING), audience, policy),
    answers: AGREE_SCALE.map((answer) => ({
      answer,
      share: protectedShare(counts[answer] ?? 0, answered, hidden.get(answer), audience, policy),
    })),
  };
}

/**
 * The share recommending the school: hidden below `minimum` responses, and when the carers saying yes, or
 * those saying no, are 1 to the threshold (the two add up to the responses, which are published).
 */
function recommendShare(
  recommend: number,
  responses: number,
  minimum: number,
  audience: Audience,
  policy: DisclosurePolicy,
): Share {
  if (responses < minimum) return tooFewResponses(responses, minimum);
  const hidden = protect(
    [
      { key: 'YES', n: recommend },
      { key: 'NO', n: responses - recommend },
    ],
    [{ members: ['YES', 'NO'] }],
    policy,
  );
  return protectedShare(recommend, responses, hidden.get('YES'), audience, policy);
}

export interface SurveyCounts {
  responses: number;
  recommend: number;
  carers: number;
  answers: { q: string; a: string; n: number }[];
}

/** Adds up several schools' counts (a trust's): the same rules then apply to the total. */
export function addCounts(all: SurveyCounts[]): SurveyCounts {
  return {
    responses: all.reduce((n, c) => n + c.responses, 0),
    recommend: all.reduce((n, c) => n + c.recommend, 0),
    carers: all.reduce((n, c) => n + c.carers, 0),
    answers: all.flatMap((c) => c.answers),
  };
}

/** The published shape of a school's or trust's Parent View results for a year. */
export function summariseSurvey(
  academicYear: number,
  counts: SurveyCounts,
  minimum = MIN_RESPONSES,
  audience: Audience = 'pupils',
  policy: DisclosurePolicy = DEFAULT_POLICY,
) {
  const byQuestion = new Map<string, Partial<Record<AgreeAnswer, number>>>();
  for (const { q, a, n } of counts.answers) {
    const entry = byQuestion.get(q) ?? {};
    entry[a as AgreeAnswer] = (entry[a as AgreeAnswer] ?? 0) + n;
    byQuestion.set(q, entry);
  }
  return {
    academicYear,
    responses: counts.responses,
    responseRate: responseRate(counts.responses, counts.carers),
    recommend: recommendShare(counts.recommend, counts.responses, minimum, audience, policy),
    questions: QUESTION_KEYS.map((question) =>
      questionResult({ question, counts: byQuestion.get(question) ?? {} }, minimum, audience, policy),
    ),
  };
}

/**
 * The questionnaire as a reader of `languageTag` sees it: statements, the recommend question and the answer
 * labels from the message catalogue for their language (English when there is none: see `catalogueFor`).
 */
export function wordQuestionnaire(languageTag: string | null | undefined) {
  const { language, catalogue } = catalogueFor(languageTag);
  return {
    language,
    statements: QUESTION_KEYS.map((question) => ({ question, statement: catalogue.survey[question] })),
    recommend: catalogue.survey.RECOMMEND,
    answers: AGREE_SCALE.map((answer) => ({ answer, label: catalogue.agree[answer] })),
  };
}

/** One statement in the reader's language (English when there is no catalogue for it). */
export function statementIn(question: ParentViewQuestion, languageTag: string | null | undefined): string {
  return catalogueFor(languageTag).catalogue.survey[question];
}
