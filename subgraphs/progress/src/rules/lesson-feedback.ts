import {
  type Cell,
  type DisclosurePolicy,
  type Measure,
  protect,
  protectAbove,
  publishCount,
  publishValue,
  type SumSet,
  type Suppression,
  suppressedMeasure,
} from '@commonroom/disclosure';

/** How a pupil answers each question: worded for children ("Yes", "A bit", "No"). */
export const FEEDBACK_ANSWERS = ['YES', 'PARTLY', 'NO'] as const;
export type FeedbackAnswer = (typeof FEEDBACK_ANSWERS)[number];

/** A survey's stored counts: how many answered, and how many gave each answer to each question asked. */
export interface SurveyCounts {
  id: string;
  respondents: number;
  /** The question codes the survey asks, in its order. */
  questions: readonly string[];
  counts: readonly { question: string; answer: string; n: number }[];
}

/** One question's results: how many answered it, and the share giving each answer. */
export interface QuestionResult {
  question: string;
  answered: number | null;
  answers: { answer: FeedbackAnswer; share: Measure }[];
}

export interface FeedbackResults {
  /** Pupils who answered (null when hidden). */
  respondents: number | null;
  questions: QuestionResult[];
}

const RESPONDENTS = 'RESPONDENTS';
const ANSWERED = 'ANSWERED';
const key = (question: string, answer: string) => `${question}\u0000${answer}`;

/**
 * A survey's cells: its respondents, each question's answered count (every question is answered by every
 * respondent, so it is the same figure) and each answer's count.
 */
function surveyCells(survey: SurveyCounts): Cell[] {
  const n = new Map(survey.counts.map((c) => [key(c.question, c.answer), c.n]));
  return [
    { key: RESPONDENTS, n: survey.respondents },
    ...survey.questions.flatMap((q) => [
      { key: key(q, ANSWERED), n: survey.respondents },
      ...FEEDBACK_ANSWERS.map((a) => ({ key: key(q, a), n: n.get(key(q, a)) ?? 0 })),
    ]),
  ];
}

/**
 * Each question's answers add up to its answered count, which the reader knows whatever is hidden (it is the
 * respondents, or the sum of other questions' answers): hidden answers must be safe together on their own.
 */
const setsOf = (questions: readonly string[]): SumSet[] =>
  questions.map((q) => ({
    members: FEEDBACK_ANSWERS.map((a) => key(q, a)),
    total: key(q, ANSWERED),
    totalKnown: true,
  }));

/**
 * One survey's hidden cells (docs/disclosure-control.md): a survey answered by 1 to the threshold pupils shows
 * nothing; an answer given by 1 to the threshold pupils is hidden, and so are as many more answers to the same
 * question as stop it being worked out from the others. A hidden respondents count hides every question's.
 */
function protectSurvey(survey: SurveyCounts, policy: DisclosurePolicy): Map<string, Suppression> {
  const hidden = protect(surveyCells(survey), setsOf(survey.questions), policy);
  const respondents =
    hidden.get(RESPONDENTS) ?? survey.questions.map((q) => hidden.get(key(q, ANSWERED))).find(Boolean);
  if (respondents) {
    hidden.set(RESPONDENTS, respondents);
    for (const q of survey.questions) hidden.set(key(q, ANSWERED), respondents);
  }
  return hidden;
}

function share(
  count: number,
  answered: number,
  hidden: Suppression | undefined,
  policy: DisclosurePolicy,
): Measure {
  if (answered === 0)
    return { value: null, cohort: 0, suppressed: false, reason: 'Nobody has answered yet.', code: null };
  if (hidden) return suppressedMeasure(hidden, policy);
  // Answers are anonymous: nobody reads the records behind them, so every reader gets aggregates' rounding.
  return {
    value: publishValue(count / answered, 'share', 'aggregates', policy),
    cohort: publishCount(answered, 'aggregates', policy),
    suppressed: false,
    reason: null,
    code: null,
  };
}

function resultsOf(
  questions: readonly string[],
  cells: readonly Cell[],
  hidden: ReadonlyMap<string, Suppression>,
  policy: DisclosurePolicy,
): FeedbackResults {
  const n = new Map(cells.map((c) => [c.key, c.n]));
  const respondents = n.get(RESPONDENTS) ?? 0;
  return {
    respondents: hidden.has(RESPONDENTS) ? null : publishCount(respondents, 'aggregates', policy),
    questions: questions.map((question) => {
      const answered = n.get(key(question, ANSWERED)) ?? 0;
      const answeredHidden = hidden.get(key(question, ANSWERED));
      return {
        question,
        answered: answeredHidden ? null : publishCount(answered, 'aggregates', policy),
        answers: FEEDBACK_ANSWERS.map((answer) => ({
          answer,
          share: share(
            n.get(key(question, answer)) ?? 0,
            answered,
            hidden.get(key(question, answer)) ?? answeredHidden,
            policy,
          ),
        })),
      };
    }),
  };
}

/** One survey's results, as its school's staff see them: per class, subject and year group, never who. */
export function surveyResults(survey: SurveyCounts, policy: DisclosurePolicy): FeedbackResults {
  return resultsOf(survey.questions, surveyCells(survey), protectSurvey(survey, policy), policy);
}

/**
 * A school's lesson feedback for a year, every survey together, per question (for its self-evaluation):
 * protected with the surveys it adds up (`protectAbove`), as each survey's results stand on their own, so no
 * survey's hidden figure comes back as the school's total minus the other surveys'.
 */
export function schoolResults(
  surveys: readonly SurveyCounts[],
  bank: readonly string[],
  policy: DisclosurePolicy,
): FeedbackResults {
  const asked = bank.filter((q) => surveys.some((s) => s.questions.includes(q)));
  const totals = new Map<string, number>([[RESPONDENTS, 0]]);
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  const parts = surveys.map((survey) => {
    const cells = surveyCells(survey);
    for (const c of cells) add(c.key, c.n);
    return { id: survey.id, cells, hidden: protectSurvey(survey, policy) };
  });
  const own: Cell[] = [
    { key: RESPONDENTS, n: totals.get(RESPONDENTS) ?? 0 },
    ...asked.flatMap((q) =>
      [ANSWERED, ...FEEDBACK_ANSWERS].map((a) => ({ key: key(q, a), n: totals.get(key(q, a)) ?? 0 })),
    ),
  ];
  const hidden = protectAbove(own, setsOf(asked), parts, policy);
  // A question every survey asked was answered by every respondent: one figure, hidden everywhere or nowhere.
  const everywhere = asked.filter((q) => surveys.every((s) => s.questions.includes(q)));
  const same = [RESPONDENTS, ...everywhere.map((q) => key(q, ANSWERED))];
  const reason = same.map((k) => hidden.get(k)).find(Boolean);
  if (reason) for (const k of same) hidden.set(k, reason);
  return resultsOf(asked, own, hidden, policy);
}
