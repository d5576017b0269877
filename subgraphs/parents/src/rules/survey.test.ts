import { describe, expect, it } from 'vitest';
import {
  addCounts,
  PARENT_VIEW_QUESTIONS,
  responseRate,
  responseShare,
  statementIn,
  summariseSurvey,
  wordQuestionnaire,
} from './survey.ts';

describe('Parent View results', () => {
  it('has the thirteen agree-scale statements', () => {
    expect(PARENT_VIEW_QUESTIONS).toHaveLength(13);
  });

  it('shows a share from 10 responses and suppresses it below, with the reason', () => {
    expect(responseShare(7, 10)).toEqual({
      value: 0.7,
      cohort: 10,
      suppressed: false,
      reason: null,
      code: null,
    });
    const hidden = responseShare(7, 9);
    expect(hidden).toMatchObject({ value: null, cohort: null, suppressed: true });
    expect(hidden).toMatchObject({ code: 'c' });
    expect(hidden.reason).toMatch(/^c: fewer than 10 responses/);
    expect(responseShare(0, 0).suppressed).toBe(true);
  });

  it('gives the response rate over carers with a child at the school', () => {
    expect(responseRate(25, 100)).toBe(0.25);
    expect(responseRate(0, 40)).toBe(0);
    expect(responseRate(3, 0)).toBeNull();
  });

  it('suppresses each question on its own answers, and a trust adds its schools first', () => {
    const small = {
      responses: 6,
      recommend: 5,
      carers: 40,
      answers: [
        { q: 'HAPPY', a: 'AGREE', n: 4 },
        { q: 'HAPPY', a: 'DISAGREE', n: 2 },
      ],
    };
    const big = {
      responses: 20,
      recommend: 15,
      carers: 60,
      answers: [
        { q: 'HAPPY', a: 'STRONGLY_AGREE', n: 10 },
        { q: 'HAPPY', a: 'AGREE', n: 5 },
        { q: 'HAPPY', a: 'DONT_KNOW', n: 5 },
        { q: 'SEND_SUPPORT', a: 'AGREE', n: 3 },
      ],
    };
    const school = summariseSurvey(2025, small);
    expect(school.responses).toBe(6);
    expect(school.responseRate).toBe(0.15);
    expect(school.recommend.suppressed).toBe(true);
    expect(school.questions.find((q) => q.question === 'HAPPY')?.agree.suppressed).toBe(true);

    const trust = summariseSurvey(2025, addCounts([small, big]));
    expect(trust.responses).toBe(26);
    expect(trust.responseRate).toBe(0.26);
    expect(trust.recommend).toMatchObject({ value: 20 / 26, cohort: 26, suppressed: false });
    const happy = trust.questions.find((q) => q.question === 'HAPPY');
    expect(happy?.responses).toBe(26);
    expect(happy?.agree.value).toBeCloseTo(19 / 26);
    expect(trust.questions.find((q) => q.question === 'SEND_SUPPORT')?.agree.suppressed).toBe(true);
  });
});

describe('Parent View through the disclosure-control rules', () => {
  const survey = (answers: [string, number][], responses = 30, recommend = 20) => ({
    responses,
    recommend,
    carers: 100,
    answers: answers.map(([a, n]) => ({ q: 'HAPPY', a, n })),
  });
  const happy = (s: ReturnType<typeof summariseSurvey>) => {
    const q = s.questions.find((x) => x.question === 'HAPPY');
    return Object.fromEntries([
      ['AGREEING', q?.agree],
      ...(q?.answers ?? []).map((a) => [a.answer, a.share]),
    ]);
  };

  it('hides an answer given by 1–5 carers and the next smallest, so the responses minus the rest do not give it', () => {
    const s = summariseSurvey(
      2025,
      survey([
        ['STRONGLY_AGREE', 12],
        ['AGREE', 10],
        ['DISAGREE', 2],
        ['DONT_KNOW', 6],
      ]),
    );
    const h = happy(s);
    expect(h.DISAGREE).toMatchObject({ suppressed: true, code: 'c' });
    expect(h.DISAGREE?.reason).toMatch(/^c: withheld to protect confidentiality/);
    // 30 − 12 − 10 − 0 would give DISAGREE (2): DONT_KNOW (6), the next smallest, is hidden as well.
    expect(h.DONT_KNOW).toMatchObject({ suppressed: true, code: 'c' });
    // The same reason as DISAGREE's: it must not tell which of the two is the small one.
    expect(h.DONT_KNOW?.reason).toBe(h.DISAGREE?.reason);
    expect(h.STRONGLY_DISAGREE).toMatchObject({ value: 0, suppressed: false });
    expect(h.AGREEING).toMatchObject({ value: 22 / 30, suppressed: false });
  });

  it('hides "agreeing" too when it would give a hidden answer away with the responses', () => {
    // STRONGLY_AGREE 1 and DISAGREE 5 hidden; AGREE (20) hidden next; then agreeing (21) and the responses
    // (26) would give DISAGREE: agreeing is hidden as well.
    const h = happy(
      summariseSurvey(
        2025,
        survey(
          [
            ['STRONGLY_AGREE', 1],
            ['AGREE', 20],
            ['DISAGREE', 5],
          ],
          26,
        ),
      ),
    );
    for (const k of ['STRONGLY_AGREE', 'AGREE', 'DISAGREE', 'AGREEING'])
      expect(h[k], k).toMatchObject({ suppressed: true, code: 'c', value: null });
  });

  it('hides the recommend share when those saying no (or yes) are 1–5', () => {
    expect(summariseSurvey(2025, survey([], 30, 27)).recommend).toMatchObject({
      suppressed: true,
      code: 'c',
    });
    expect(summariseSurvey(2025, survey([], 30, 20)).recommend).toMatchObject({ value: 20 / 30 });
  });

  it('rounds shares to whole percentages for viewers who see aggregates only', () => {
    const s = summariseSurvey(2025, survey([], 30, 20), 10, 'aggregates');
    expect(s.recommend).toMatchObject({ value: 0.67, cohort: 30 });
  });
});

describe("Parent View in the carer's language", () => {
  it("has Ofsted's English wording in the English catalogue", () => {
    const english = wordQuestionnaire('en-GB');
    expect(english.statements.map((s) => [s.question, s.statement])).toEqual(
      PARENT_VIEW_QUESTIONS.map(([key, text]) => [key, text]),
    );
    expect(english.recommend).toBe('I would recommend this school to another parent.');
    expect(english.answers.map((a) => a.label)).toEqual([
      'Strongly agree',
      'Agree',
      'Disagree',
      'Strongly disagree',
      "Don't know",
    ]);
  });

  it('words every statement, the recommend question and the answers in Polish, Urdu, Punjabi and Bengali', () => {
    const english = wordQuestionnaire('en');
    for (const tag of ['pl-PL', 'ur', 'pa-Guru', 'bn']) {
      const worded = wordQuestionnaire(tag);
      expect(worded.language).toBe(tag.slice(0, 2));
      expect(worded.statements).toHaveLength(13);
      worded.statements.forEach((s, i) => {
        expect(s.question).toBe(english.statements[i]?.question);
        expect(s.statement).not.toBe(english.statements[i]?.statement);
        expect(s.statement.length).toBeGreaterThan(10);
      });
      expect(worded.recommend).not.toBe(english.recommend);
      expect(new Set(worded.answers.map((a) => a.label)).size).toBe(5);
    }
    expect(statementIn('HAPPY', 'pl')).toBe('Moje dziecko jest szczęśliwe w tej szkole.');
    expect(statementIn('SAFE', 'bn')).toBe('আমার সন্তান এই স্কুলে নিরাপদ বোধ করে।');
  });

  it.each(['so', 'pa-Arab', 'not a tag!', null])('falls back to English for %s', (tag) => {
    expect(wordQuestionnaire(tag).language).toBe('en');
    expect(statementIn('HAPPY', tag)).toBe('My child is happy at this school.');
  });
});
