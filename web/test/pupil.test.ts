import type { Viewer } from '@commonroom/auth';
import { currentDemoPupils, DEMO_LAST_YEAR, demoSelection } from '@commonroom/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal } from '../../scripts/personas.ts';
import {
  askGateway,
  expectAccessible,
  JOURNEY_TIMEOUT,
  newPage,
  START_TIMEOUT,
  signIn,
  startWeb,
  type WebUnderTest,
} from './browser.ts';

/**
 * A pupil's own page (/pupil) in Chromium through the real gateway: their traffic lights and targets, and the
 * lesson-feedback surveys open to them, answered with GOV.UK radios by keyboard, once; a pupil below Year 5
 * cannot sign in, and staff cannot answer for a pupil.
 */
let t: WebUnderTest;
beforeAll(async () => {
  t = await startWeb();
}, START_TIMEOUT);
afterAll(() => t?.close());

// Catmose Primary (Rutland): primary, so it has pupils below Year 5 too, and lights from Year 5.
const principal = demoPrincipal('pupil', { urn: '138113' });
if (principal.role !== 'pupil') throw new Error('the demo pupil');
const PUPIL = principal.pupilId;
const URN = principal.urn;
const school = demoSelection().schools.find((s) => s.urn === URN);
const me = school && currentDemoPupils(school).find((p) => p.id === PUPIL);
const YEAR_GROUP = DEMO_LAST_YEAR - (me?.receptionYear ?? 0);
const young = school && currentDemoPupils(school).find((p) => DEMO_LAST_YEAR - p.receptionYear < 5);
const staff: Viewer = { role: 'school_staff', sub: 'web-test-staff', urn: URN, staffId: `S${URN}-01` };
const pupil: Viewer = principal;

async function enter(page: Page, control: ReturnType<Page['getByRole']>) {
  await control.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('a pupil answers lesson feedback (/pupil)', { timeout: JOURNEY_TIMEOUT }, () => {
  it('sees their lights and the survey; answers by keyboard once; a missing answer is named', async () => {
    // A survey of its own each run, so the file runs again on the same hub.
    const subject = `Drama ${Math.floor(Math.random() * 1e6)}`;
    const set = await askGateway<{ setLessonFeedbackSurvey: { id: string } }>(
      t,
      staff,
      `mutation ($input: LessonFeedbackSurveyInput!) { setLessonFeedbackSurvey(input: $input) { id } }`,
      {
        input: {
          urn: URN,
          academicYear: DEMO_LAST_YEAR,
          yearGroup: YEAR_GROUP,
          subject,
          questions: ['HELPED_ME_LEARN', 'USEFUL_FEEDBACK'],
        },
      },
    );
    const id = set.setLessonFeedbackSurvey.id;

    const page = await newPage(t);
    await signIn(t, page, `as=pupil&pupil=${PUPIL}`, '/pupil');
    expect(new URL(page.url()).pathname).toBe('/pupil');
    expect(await page.locator('#lights tbody tr').count()).toBeGreaterThan(0);
    const form = page.locator(`#survey-${id}`);
    expect((await form.locator('fieldset legend').allTextContents()).map((l) => l.trim())).toEqual([
      'Did the lesson help you learn?',
      'Did you get feedback you could use?',
    ]);
    await expectAccessible(page);

    // Only the first question answered: the second is named and nothing is sent.
    await page.locator(`#lf-${id}-helped-me-learn`).focus();
    await page.keyboard.press('Space');
    await enter(page, page.getByRole('button', { name: `Send your answers about ${subject}` }));
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe(
      `#lf-${id}-useful-feedback`,
    );
    await expectAccessible(page);

    await page.locator(`#lf-${id}-helped-me-learn`).focus();
    await page.keyboard.press('Space');
    await page.locator(`#lf-${id}-useful-feedback`).focus();
    await page.keyboard.press('ArrowRight'); // "A bit"
    expect(await page.locator(`#survey-${id} input[name="USEFUL_FEEDBACK"]:checked`).inputValue()).toBe(
      'PARTLY',
    );
    await enter(page, page.getByRole('button', { name: `Send your answers about ${subject}` }));
    expect(page.url()).toContain('answered=1');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Thank you');
    expect(await page.locator(`#survey-${id}`).count()).toBe(0);
    expect(await page.locator('#answered-surveys').textContent()).toContain(subject);

    // A second answer, posted by hand, is refused in words and changes nothing.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const again = await page.request.post(`${t.web.url}pupil/surveys/${id}`, {
      form: { _csrf: csrf, HELPED_ME_LEARN: 'NO', USEFUL_FEEDBACK: 'NO' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('You have already answered this survey.');
    const mine = await askGateway<{ myLessonFeedbackSurveys: { id: string; answeredByMe: boolean }[] }>(
      t,
      pupil,
      '{ myLessonFeedbackSurveys { id answeredByMe } }',
    );
    expect(mine.myLessonFeedbackSurveys.find((s) => s.id === id)?.answeredByMe).toBe(true);
    await page.context().close();
  });

  it('refuses a pupil below Year 5 at sign-in, and staff the pupil page', async () => {
    if (!young) throw new Error('no demo pupil below Year 5');
    const page = await newPage(t);
    const refused = await signIn(t, page, `as=pupil&pupil=${young.id}`, '/pupil');
    expect(refused?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('pupils sign in from Year 5');
    await page.context().close();

    const asStaff = await newPage(t);
    const res = await signIn(t, asStaff, 'as=school_staff', '/pupil');
    expect(res?.status()).toBe(403);
    await asStaff.context().close();
  });
});
