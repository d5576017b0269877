import type { Viewer } from '@commonroom/auth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askGateway,
  expectAccessible,
  firstChildOfCarer,
  JOURNEY_TIMEOUT,
  newPage,
  START_TIMEOUT,
  signIn,
  startWeb,
  type WebUnderTest,
} from './browser.ts';

/**
 * What carers and school staff do about a child, in Chromium through the real gateway (see browser.ts): a carer
 * cancels a consultation, carers and staff mark messages read, a carer answers Parent View, a teacher sets a
 * traffic light with a reason. Each by keyboard alone, each page checked by axe and for keyboard use, each
 * refusal proved (other families, other schools, trust leaders) and changing nothing.
 */
let t: WebUnderTest;
beforeAll(async () => {
  t = await startWeb();
}, START_TIMEOUT);
afterAll(() => t?.close());

const CARER = 'C146232-0001';
const OTHER_CARER = 'C146232-0002';
const carer: Viewer = { role: 'carer', sub: 'web-test-carer', carerId: CARER };
const staff: Viewer = { role: 'school_staff', sub: 'web-test-staff', urn: 146232, staffId: 'S146232-01' };
const ask = <T>(viewer: Viewer, query: string, variables?: Record<string, unknown>) =>
  askGateway<T>(t, viewer, query, variables);

/** Presses Enter on a control, as a keyboard user submits a form, and waits for the page it leads to. */
async function enter(page: Page, control: ReturnType<Page['getByRole']>) {
  await control.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Posts a form of the page's own session (its CSRF token) without a browser form: as a crafted request would. */
async function post(page: Page, path: string, form: Record<string, string>) {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  return page.request.post(`${t.web.url}${path.replace(/^\//, '')}`, {
    form: { _csrf: csrf, ...form },
    maxRedirects: 0,
  });
}

async function slotsOf(pupilId: string) {
  const api = await ask<{ pupil: { consultationSlots: { id: string; booked: boolean }[] } }>(
    staff,
    `{ pupil(id: "${pupilId}") { consultationSlots { id booked } } }`,
  );
  return api.pupil.consultationSlots;
}

describe('a carer cancels a consultation (/children/{pupilId}#consultations)', {
  timeout: JOURNEY_TIMEOUT,
}, () => {
  it('books, then cancels by keyboard: the time is free again; cancelling twice or for another family is refused', async () => {
    const pupilId = await firstChildOfCarer(t, CARER);
    const guide = await ask<{ pupil: { learningGuide: { id: string } } }>(
      staff,
      `{ pupil(id: "${pupilId}") { learningGuide { id } } }`,
    );
    // A day of its own, so that running the file again on the same hub offers times that do not overlap.
    const day = 20 + Math.floor(Math.random() * 300);
    const startsAt = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 11).concat('16:00:00Z');
    const offered = await ask<{ offerConsultationSlots: { id: string }[] }>(
      staff,
      'mutation ($input: OfferSlotsInput!) { offerConsultationSlots(input: $input) { id } }',
      { input: { staffId: guide.pupil.learningGuide.id, startsAt, minutes: 10, count: 2 } },
    );
    const ids = offered.offerConsultationSlots.map((s) => s.id);

    const page = await newPage(t);
    await signIn(t, page, `as=carer&carer=${CARER}`, `/children/${pupilId}`);
    const row = (id: string | undefined) =>
      page.locator('#slots tbody tr', { has: page.locator(`input[name="slotId"][value="${id}"]`) });
    await enter(page, row(ids[0]).getByRole('button', { name: /^Book/ }));
    expect(page.url()).toContain('booked=1');
    const cancel = row(ids[0]).getByRole('button', { name: /^Cancel the booking on/ });
    expect(await cancel.count()).toBe(1);
    await expectAccessible(page);
    const booked = (await slotsOf(pupilId)).filter((s) => ids.includes(s.id) && s.booked);
    expect(booked.map((s) => s.id)).toEqual([ids[0]]);

    await enter(page, cancel);
    expect(page.url()).toContain('cancelled=1');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your consultation is cancelled',
    );
    expect(await row(ids[0]).getByText('Booked for').count()).toBe(0);
    expect(await row(ids[0]).getByRole('button', { name: /^Book/ }).count()).toBe(1);
    await expectAccessible(page);
    expect((await slotsOf(pupilId)).filter((s) => ids.includes(s.id) && s.booked)).toHaveLength(0);

    // Cancelling the same booking again: said in plain words, nothing changes.
    const again = await post(page, `/children/${pupilId}/consultations/cancel`, {
      slotId: booked[0]?.id ?? '',
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('You have no booking at that time to cancel');
    const missing = await post(page, `/children/${pupilId}/consultations/cancel`, { slotId: '' });
    expect(missing.status()).toBe(400);
    await page.context().close();

    // Another family's carer may not cancel this family's booking, even knowing the slot.
    await ask(
      carer,
      'mutation ($slot: ID!, $pupil: ID!) { bookConsultation(slotId: $slot, pupilId: $pupil) { id } }',
      {
        slot: ids[0],
        pupil: pupilId,
      },
    );
    const other = await newPage(t);
    await signIn(t, other, `as=carer&carer=${OTHER_CARER}`, '/children');
    const refused = await post(other, `/children/${pupilId}/consultations/cancel`, { slotId: ids[0] ?? '' });
    expect(refused.status()).toBe(403);
    expect((await slotsOf(pupilId)).find((s) => s.id === ids[0])?.booked).toBe(true);
    await other.context().close();
    await ask(carer, 'mutation ($slot: ID!) { cancelConsultation(slotId: $slot) { id } }', { slot: ids[0] });
  });
});

describe('carers and staff mark messages read', { timeout: JOURNEY_TIMEOUT }, () => {
  const unread = async (viewer: Viewer, pupilId: string) =>
    (
      await ask<{ pupil: { messages: { unreadCount: number } } }>(
        viewer,
        `{ pupil(id: "${pupilId}") { messages(first: 1) { unreadCount } } }`,
      )
    ).pupil.messages.unreadCount;

  it('a carer marks a message from school read by keyboard, and the unread count follows', async () => {
    const pupilId = await firstChildOfCarer(t, CARER);
    await ask(staff, 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
      input: { pupilId, carerId: CARER, body: 'Reading record signed every night this week. Thank you.' },
    });
    const before = await unread(carer, pupilId);
    expect(before).toBeGreaterThan(0);

    const page = await newPage(t);
    await signIn(t, page, `as=carer&carer=${CARER}`, `/children/${pupilId}`);
    expect(await page.locator('#unread-count').textContent()).toContain(
      before === 1 ? '1 unread message' : `${before} unread messages`,
    );
    const mark = page.locator('#messages').getByRole('button', { name: /^Mark as read/ });
    expect(await mark.count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await enter(page, mark.first());
    expect(page.url()).toContain('read=1');
    expect(await unread(carer, pupilId)).toBe(before - 1);
    const after = before - 1;
    expect(await page.locator('#unread-count').textContent()).toContain(
      after === 0 ? 'No unread messages' : after === 1 ? '1 unread message' : `${after} unread messages`,
    );
    await expectAccessible(page);

    // A message that does not exist: said so, nothing changes.
    const missing = await post(page, `/children/${pupilId}/messages/read`, { messageId: '99999999' });
    expect(missing.status()).toBe(404);
    expect(await unread(carer, pupilId)).toBe(after);
    await page.context().close();
  });

  it("staff mark a carer's message read on the pupil's messages page; carers and trust leaders are refused it", async () => {
    const pupilId = await firstChildOfCarer(t, CARER);
    await ask(carer, 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
      input: { pupilId, body: 'Could we talk about spelling homework?' },
    });
    const before = await unread(staff, pupilId);
    expect(before).toBeGreaterThan(0);

    const page = await newPage(t);
    await signIn(t, page, 'as=school_staff', `/pupils/${pupilId}`);
    await enter(page, page.getByRole('link', { name: /Messages from .* carers/ }));
    expect(new URL(page.url()).pathname).toBe(`/pupils/${pupilId}/messages`);
    expect(await page.locator('#messages li').first().textContent()).toContain(
      'Could we talk about spelling homework?',
    );
    expect(await page.locator('#unread-count').textContent()).toContain(`${before} unread`);
    await expectAccessible(page);
    await enter(
      page,
      page
        .locator('#messages')
        .getByRole('button', { name: /^Mark as read/ })
        .first(),
    );
    expect(page.url()).toContain('read=1');
    expect(await unread(staff, pupilId)).toBe(before - 1);
    await expectAccessible(page);
    await page.context().close();

    // The carer reads their own conversations on their child's page instead.
    const carerPage = await newPage(t);
    await signIn(t, carerPage, `as=carer&carer=${CARER}`, `/pupils/${pupilId}/messages`);
    expect(new URL(carerPage.url()).pathname).toBe(`/children/${pupilId}`);
    await carerPage.context().close();
    for (const persona of ['as=trust_leader', 'as=school_staff&urn=139481']) {
      const other = await newPage(t);
      const response = await signIn(t, other, persona, `/pupils/${pupilId}/messages`);
      expect(response?.status(), persona).toBe(403);
      expect(await other.getByText(/You do not have access to the messages about pupil/).count()).toBe(1);
      await other.context().close();
    }
  });
});

describe('a carer answers Parent View (/children/{pupilId}#parent-view)', {
  timeout: JOURNEY_TIMEOUT,
}, () => {
  // A year the demo data has no responses in (it ends in 2025), so the carer has not answered yet; one of its
  // own each run, so that the file runs again on the same hub (WEB_TEST_GATEWAY_URL).
  const YEAR = 2026 + Math.floor(Math.random() * 70);
  const responses = async () =>
    (
      await ask<{ school: { parentSatisfaction: { responses: number } | null } }>(
        staff,
        `{ school(urn: 146232) { parentSatisfaction(academicYear: ${YEAR}) { responses } } }`,
      )
    ).school.parentSatisfaction?.responses ?? 0;

  it("answers in the carer's language by keyboard; the school's summary counts it once; a second is refused", async () => {
    const pupilId = await firstChildOfCarer(t, CARER);
    const before = await responses();
    const page = await newPage(t);
    await signIn(t, page, `as=carer&carer=${CARER}`, `/children/${pupilId}?year=${YEAR}`);
    const form = page.locator('form[action*="/parent-view"]');
    const questionnaire = await ask<{ parentViewQuestionnaire: { statements: { statement: string }[] } }>(
      carer,
      '{ parentViewQuestionnaire { statements { statement } } }',
    );
    expect((await form.locator('fieldset legend').allTextContents()).map((l) => l.trim())).toEqual(
      expect.arrayContaining(questionnaire.parentViewQuestionnaire.statements.map((s) => s.statement.trim())),
    );
    expect(await form.locator('fieldset').first().getAttribute('lang')).toBe('pl');
    await expectAccessible(page);

    // Sent without saying whether they would recommend the school: the question is named, nothing stored.
    await enter(page, page.getByRole('button', { name: 'Send your answers' }));
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#pv-recommend');
    expect(await responses()).toBe(before);
    await expectAccessible(page);

    // Radios by keyboard: Space picks the focused one, the arrow keys move within a group.
    await page.locator('#pv-happy').focus();
    await page.keyboard.press('Space');
    await page.locator('#pv-safe').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('#pv-recommend').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="HAPPY"]:checked').inputValue()).toBe('STRONGLY_AGREE');
    expect(await page.locator('input[name="SAFE"]:checked').inputValue()).toBe('AGREE');
    await enter(page, page.getByRole('button', { name: 'Send your answers' }));
    expect(page.url()).toContain('answered=1');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Thank you');
    expect(await responses()).toBe(before + 1);

    // Once a year: the second response is refused in words and not counted.
    await page.locator('#pv-recommend').focus();
    await page.keyboard.press('Space');
    const [second] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/parent-view')),
      page.getByRole('button', { name: 'Send your answers' }).click(),
    ]);
    expect(second.status()).toBe(409);
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'You have already answered Parent View',
    );
    expect(await responses()).toBe(before + 1);

    // An answer that is not on the scale names its question.
    const bad = await post(page, `/children/${pupilId}/parent-view?year=${YEAR}`, {
      HAPPY: 'VERY_HAPPY',
      recommend: 'yes',
    });
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('href="#pv-happy"');
    await page.context().close();

    // Only the child's carers: staff and another family's carer are refused, and nothing is counted.
    for (const persona of ['as=school_staff', `as=carer&carer=${OTHER_CARER}`]) {
      const other = await newPage(t);
      await signIn(t, other, persona, '/practices');
      const refused = await post(other, `/children/${pupilId}/parent-view?year=${YEAR}`, {
        recommend: 'yes',
      });
      expect(refused.status(), persona).toBe(403);
      await other.context().close();
    }
    expect(await responses()).toBe(before + 1);
  });
});

describe('a teacher sets a traffic light (/pupils/{id}/traffic-lights)', { timeout: JOURNEY_TIMEOUT }, () => {
  it('sets a light by keyboard with a reason the carer then reads; the reason is required; others are refused', async () => {
    const pupilId = await firstChildOfCarer(t, CARER);
    const page = await newPage(t);
    await signIn(t, page, 'as=school_staff', `/pupils/${pupilId}`);
    await enter(page, page.getByRole('link', { name: 'Traffic lights parents see' }));
    expect(new URL(page.url()).pathname).toBe(`/pupils/${pupilId}/traffic-lights`);
    expect(await page.locator('#lights tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // Nothing chosen: each field is named, nothing stored.
    await enter(page, page.getByRole('button', { name: 'Set the light' }));
    expect(
      await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['#light', '#status', '#reason']);
    await expectAccessible(page);

    const option = await page.locator('#light option').nth(1);
    const light = (await option.getAttribute('value')) ?? '';
    const [assessedOn, subject, concept] = light.split('/');
    await page.locator('#light').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#light').inputValue()).toBe(light);
    await page.locator('#status').focus();
    await page.keyboard.press('Space');
    const reason = 'Secure with fractions in class this half term; the test day was an off day.';
    await page.locator('#reason').focus();
    await page.keyboard.type(reason);
    await enter(page, page.getByRole('button', { name: 'Set the light' }));
    expect(page.url()).toContain('set=1');
    expect(await page.locator('#lights tbody').textContent()).toContain(`A teacher: ${reason}`);

    const api = await ask<{
      pupil: {
        trafficLights: {
          assessedOn: string;
          subject: string;
          concept: string;
          status: string;
          setByTeacher: boolean;
          teacherReason: string | null;
        }[];
      };
    }>(
      carer,
      `{ pupil(id: "${pupilId}") { trafficLights { assessedOn subject concept status setByTeacher teacherReason } } }`,
    );
    const set = api.pupil.trafficLights.find(
      (l) => l.assessedOn === assessedOn && l.subject === subject && l.concept === concept,
    );
    expect(set).toMatchObject({ status: 'GREEN', setByTeacher: true, teacherReason: reason });

    // The API's own refusal (a concept of another subject) comes back on the form, naming the light.
    const refused = await post(page, `/pupils/${pupilId}/traffic-lights`, {
      light: `${assessedOn}/READING/FRACTIONS`,
      status: 'RED',
      reason: 'Not a reading topic',
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('href="#light"');
    await page.context().close();

    // The carer sees that a teacher set it, and why.
    const carerPage = await newPage(t);
    await signIn(t, carerPage, `as=carer&carer=${CARER}`, `/children/${pupilId}`);
    expect(await carerPage.locator('#lights .teacher-set').allTextContents()).toEqual([
      expect.stringContaining(reason),
    ]);
    await expectAccessible(carerPage);
    await carerPage.context().close();

    // The carer, the trust's leader and another school's staff may neither see the page nor set a light.
    for (const persona of [`as=carer&carer=${CARER}`, 'as=trust_leader', 'as=school_staff&urn=139481']) {
      const other = await newPage(t);
      const response = await signIn(t, other, persona, `/pupils/${pupilId}/traffic-lights`);
      // The carer is sent to their child's page, where the lights are theirs to read; the others are refused.
      if (persona.startsWith('as=carer')) expect(new URL(other.url()).pathname).toBe(`/children/${pupilId}`);
      else expect(response?.status(), persona).toBe(403);
      const posted = await post(other, `/pupils/${pupilId}/traffic-lights`, {
        light,
        status: 'RED',
        reason: 'Not theirs to set',
      });
      expect(posted.status(), persona).toBe(403);
      await other.context().close();
    }
    const still = await ask<{
      pupil: { trafficLights: { concept: string; subject: string; teacherReason: string }[] };
    }>(staff, `{ pupil(id: "${pupilId}") { trafficLights { subject concept teacherReason } } }`);
    expect(
      still.pupil.trafficLights.find((l) => l.subject === subject && l.concept === concept)?.teacherReason,
    ).toBe(reason);
  });
});

describe('what carers and staff did is in the audit trail', { timeout: JOURNEY_TIMEOUT }, () => {
  it("records each change, by the page's operation, for the trust's DPO, with the refused attempts", async () => {
    const dpo: Viewer = { role: 'dpo', sub: 'web-test-dpo', trustId: 'TR0962' };
    const api = await ask<{
      trust: { parentsAuditEvents: { nodes: { operationName: string | null; outcome: string }[] } };
    }>(dpo, '{ trust(id: "TR0962") { parentsAuditEvents(first: 300) { nodes { operationName outcome } } } }');
    // (A refused cancel names no pupil nor school — the slot is not the carer's — so it is in the parents
    // trail but not in any trust's.)
    const seen = new Set(api.trust.parentsAuditEvents.nodes.map((e) => `${e.operationName} ${e.outcome}`));
    for (const done of [
      'WebCancelConsultation OK',
      'WebMarkMessageRead OK',
      'WebStaffMarkMessageRead OK',
      'WebSubmitParentView OK',
      'WebSubmitParentView REJECTED',
      'WebSetTrafficLight OK',
      'WebSetTrafficLight REJECTED',
    ])
      expect(seen.has(done), done).toBe(true);
  });
});
