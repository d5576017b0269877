import { DEFAULT_POLICY } from '@commonroom/disclosure';
import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_ANSWERS,
  type FeedbackResults,
  type SurveyCounts,
  schoolResults,
  surveyResults,
} from './lesson-feedback.ts';

const BANK = ['HELPED_ME_LEARN', 'KNEW_HOW_TO_IMPROVE', 'USEFUL_FEEDBACK'];

function survey(id: string, answers: Record<string, [number, number, number]>): SurveyCounts {
  const questions = Object.keys(answers);
  const respondents = (answers[questions[0] as string] as number[]).reduce((a, b) => a + b, 0);
  return {
    id,
    respondents,
    questions,
    counts: questions.flatMap((question) =>
      FEEDBACK_ANSWERS.map((answer, i) => ({ question, answer, n: answers[question]?.[i] ?? 0 })),
    ),
  };
}

/** The count behind every published share, and which are hidden, for one question. */
const shares = (results: FeedbackResults, question: string) =>
  results.questions
    .find((q) => q.question === question)
    ?.answers.map((a) => (a.share.suppressed ? null : a.share.value));

describe('lesson feedback results', () => {
  it('publishes the shares of a class that answered, rounded for everyone (nobody reads the answers behind them)', () => {
    const results = surveyResults(survey('1', { HELPED_ME_LEARN: [18, 7, 6] }), DEFAULT_POLICY);
    expect(results.respondents).toBe(30); // 31, to the nearest 5
    expect(shares(results, 'HELPED_ME_LEARN')).toEqual([0.58, 0.23, 0.19]);
  });

  it('shows nothing of a survey answered by five pupils or fewer', () => {
    const results = surveyResults(survey('1', { HELPED_ME_LEARN: [3, 1, 1] }), DEFAULT_POLICY);
    expect(results.respondents).toBeNull();
    expect(shares(results, 'HELPED_ME_LEARN')).toEqual([null, null, null]);
    expect(results.questions[0]?.answers[0]?.share).toMatchObject({ code: 'c', suppressed: true });
  });

  it('hides a small answer and the next smallest, so it cannot be worked out from the respondents', () => {
    const results = surveyResults(survey('1', { HELPED_ME_LEARN: [20, 8, 2] }), DEFAULT_POLICY);
    expect(shares(results, 'HELPED_ME_LEARN')).toEqual([0.67, null, null]);
  });

  it('protects a school total together with its surveys: no hidden answer comes back by subtraction', () => {
    const a = survey('A', { HELPED_ME_LEARN: [20, 8, 2] }); // NO (2) hidden, and PARTLY with it
    const b = survey('B', { HELPED_ME_LEARN: [15, 9, 7] }); // all published
    const school = schoolResults([a, b], BANK, DEFAULT_POLICY);
    const published = shares(school, 'HELPED_ME_LEARN') as (number | null)[];
    const fromB = shares(surveyResults(b, DEFAULT_POLICY), 'HELPED_ME_LEARN') as number[];
    // Were the school's NO and PARTLY both published, A's would be the school's minus B's.
    expect(published[1] === null || published[2] === null).toBe(true);
    expect(fromB.every((v) => v !== null)).toBe(true);
    expect(school.questions.map((q) => q.question)).toEqual(['HELPED_ME_LEARN']);
  });

  it('hides the school’s respondents when a hidden survey’s would come back from them', () => {
    const small = survey('A', { HELPED_ME_LEARN: [2, 1, 1] }); // 4 pupils: hidden
    const big = survey('B', { HELPED_ME_LEARN: [15, 9, 7] });
    const school = schoolResults([small, big], BANK, DEFAULT_POLICY);
    expect(school.respondents).toBeNull();
    expect(school.questions[0]?.answered).toBeNull();
  });

  it('adds up surveys that asked different questions over the pupils who were asked each', () => {
    const a = survey('A', { HELPED_ME_LEARN: [10, 5, 5], USEFUL_FEEDBACK: [12, 4, 4] });
    const b = survey('B', { HELPED_ME_LEARN: [12, 6, 6] });
    const school = schoolResults([a, b], BANK, DEFAULT_POLICY);
    expect(school.questions.map((q) => [q.question, q.answered])).toEqual([
      ['HELPED_ME_LEARN', 45], // 44, to the nearest 5
      ['USEFUL_FEEDBACK', 20],
    ]);
  });
});
