import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  JOURNEY_TIMEOUT,
  newPage,
  START_TIMEOUT,
  signIn,
  startWeb,
  type WebUnderTest,
} from './browser.ts';

/** One journey per persona, through sign-in, on the demo data, in Chromium (see browser.ts). */
let t: WebUnderTest;
beforeAll(async () => {
  t = await startWeb();
}, START_TIMEOUT);
afterAll(() => t?.close());

/** TR0962, Leicester Evolve Academy Trust: its four demo schools. */
const TR0962_SCHOOLS = ['Catmose College', 'Uppingham Community College'];

describe('sign-in and sessions', { timeout: JOURNEY_TIMEOUT }, () => {
  it('signs in with the form by keyboard alone, keeps an HttpOnly SameSite=Lax cookie, and signs out', async () => {
    const page = await newPage(t);
    await page.goto(`${t.web.url}sign-in`);
    await expectAccessible(page);
    await page.getByLabel('Trust leader').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Sign in' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/trusts\/TR0962$/);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'commonroom_session', httpOnly: true, sameSite: 'Lax' });
    // The sealed cookie does not show the bearer token.
    expect(cookie?.value).not.toMatch(/^eyJ|\.eyJ/);
    expect(await page.getByText('Trust leader (TR0962)').count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${t.web.url}`);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.context().close();
  });

  it('refuses a form posted without the session CSRF token, changing nothing', async () => {
    const res = await fetch(`${t.web.url}sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'role=trust_leader',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/commonroom_session=.{200,}/);
  });

  it('sends a visitor who is not signed in to sign-in, then back', async () => {
    const page = await newPage(t);
    await page.goto(`${t.web.url}trusts/TR0962`);
    await page.waitForURL(/\/sign-in\?next=%2Ftrusts%2FTR0962$/);
    await page.getByLabel('Trust leader').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/trusts\/TR0962$/);
    await page.context().close();
  });
});

describe("a trust leader's trust overview (/trusts/TR0962)", { timeout: JOURNEY_TIMEOUT }, () => {
  it('shows every school of the trust side by side with DfE markers, sortable, and is accessible', async () => {
    const page = await newPage(t);
    await signIn(t, page, 'as=trust_leader', '/trusts/TR0962');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Leicester Evolve Academy Trust',
    );
    const rows = page.locator('#schools tbody tr');
    expect(await rows.count()).toBe(4);
    const names = await page.locator('#schools tbody th').allTextContents();
    for (const name of TR0962_SCHOOLS) expect(names.map((n) => n.trim())).toContain(name);
    // Every school has pupils on roll in the seeded data: a number, not an "x".
    const pupils = await page.locator('#schools tbody tr td:nth-child(2)').allTextContents();
    for (const p of pupils) expect(Number(p.trim())).toBeGreaterThan(0);
    await expectAccessible(page);

    // Sort by pupils, descending: the column's numbers come back in order, and the header says so.
    await page.getByRole('link', { name: 'Pupils', exact: true }).click();
    await page.getByRole('link', { name: 'Pupils', exact: true }).click();
    await page.waitForURL(/sort=pupils&order=desc/);
    const sorted = (await page.locator('#schools tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Pupils');
    await page.context().close();
  });

  it("gives another trust's leader a clear 'no access' page", async () => {
    const page = await newPage(t);
    const response = await signIn(t, page, 'as=trust_leader&trust=TR0963', '/trusts/TR0962');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'You do not have access to this page',
    );
    expect(await page.getByText('You do not have access to trust TR0962.').count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it('says which input is wrong for a bad sort column', async () => {
    const page = await newPage(t);
    const response = await signIn(t, page, 'as=trust_leader', '/trusts/TR0962?sort=nonsense');
    expect(response?.status()).toBe(400);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Sort by one of');
    await page.context().close();
  });
});
