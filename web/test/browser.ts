import AxeBuilder from '@axe-core/playwright';
import type { Viewer } from '@commonroom/auth';
import { listenGateway, type RunningGateway } from '@commonroom/gateway';
import { type TestHub, testGatewayOptions, tokenFor } from '@commonroom/test-kit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { developmentSignIn } from '../src/dev-sign-in.ts';
import { PERSISTED_OPERATIONS_FILE } from '../src/operations.ts';
import { createWebServer, type RunningWeb, webSettings } from '../src/server.ts';
import { startWebTestHub } from './hub.ts';

/**
 * The web service in a real browser over the whole hub: the four subgraphs on fresh seeded databases behind
 * the real gateway (packages/test-kit), the web server calling that gateway over HTTP, and Debian's Chromium
 * driven by playwright-core. One hub per test file, shared by every journey in it.
 */
export interface WebUnderTest {
  /** The hub this file started (none when WEB_TEST_GATEWAY_URL points at one already running). */
  hub?: TestHub;
  /** The hub's gateway, which runs any document: for the tests to ask the API directly. */
  gatewayUrl: string;
  /** The gateway the web calls: persisted operations only (web/persisted-operations.json), as in production. */
  webGateway?: RunningGateway;
  web: RunningWeb;
  browser: Browser;
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Starting the hub seeds four databases: minutes on a busy machine. */
export const START_TIMEOUT = 900_000;
/** A journey: several pages, each waiting on the gateway and four subgraphs. */
export const JOURNEY_TIMEOUT = 300_000;
/** Generous, for a busy two-core machine: a page waits on the gateway and four subgraphs. */
export const NAVIGATION_TIMEOUT = 90_000;

export async function startWeb(): Promise<WebUnderTest> {
  const running = process.env.WEB_TEST_GATEWAY_URL;
  const hub = running ? undefined : await startWebTestHub();
  const gatewayUrl = running ?? (hub as TestHub).gateway.url;
  const webGateway = hub
    ? await listenGateway(
        testGatewayOptions(
          Object.fromEntries(Object.entries(hub.subgraphs).map(([name, s]) => [name, s.url])),
          { persistedOperationsFile: PERSISTED_OPERATIONS_FILE },
        ),
        0,
      )
    : undefined;
  const settings = {
    ...webSettings({ NODE_ENV: 'test' }),
    gatewayUrl: webGateway?.url ?? gatewayUrl,
    port: 0,
  };
  const web = await createWebServer({
    settings,
    developmentSignIn: developmentSignIn({ NODE_ENV: 'test' }),
    log: false,
  }).listen(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-background-networking'],
  });
  return {
    hub,
    gatewayUrl,
    webGateway,
    web,
    browser,
    async close() {
      await browser.close();
      await web.close();
      await webGateway?.close();
      await hub?.close();
    },
  };
}

/** A fresh browser context (no cookies) with a page whose navigations may take their time. */
export async function newPage(t: WebUnderTest): Promise<Page> {
  const context = await t.browser.newContext();
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
  context.setDefaultTimeout(NAVIGATION_TIMEOUT);
  return context.newPage();
}

/** Development sign-in as a persona, then to `next`. */
export async function signIn(t: WebUnderTest, page: Page, query: string, next: string) {
  const response = await page.goto(`${t.web.url}sign-in?${query}&next=${encodeURIComponent(next)}`);
  return response;
}

/**
 * The page as someone with assistive technology or a keyboard alone meets it: axe-core finds no serious or
 * critical violations, and the keyboard reaches every control (expectKeyboardOperable).
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
  await expectKeyboardOperable(page);
}

/** What Tab should stop on: links, buttons and form fields that are shown and not taken out of the order. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Starts sequential navigation at the top of the page, as after loading it: the next Tab goes to its first control. */
function focusTop(page: Page) {
  return page.evaluate(() => {
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
}

/**
 * Keyboard alone, from the top of the page: the first Tab lands on GOV.UK's "Skip to main content" link, and
 * following it (Enter) takes the next Tab to the first control inside the main content; Tab from the top visits
 * every control on the page once, in the order they are on the page. Radios of one group are one stop (the
 * arrow keys move within it), as browsers do. Leaves the page at the top, nothing focused.
 */
export async function expectKeyboardOperable(page: Page) {
  const controls = await page.evaluate((selector) => {
    const shown = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      // GOV.UK's skip link and visually hidden text are 1px or clipped yet focusable: count them.
      return style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0);
    };
    const seenRadioGroups = new Set<string>();
    let n = 0;
    const names: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      el.removeAttribute('data-kbd');
      if (!shown(el)) continue;
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        // One stop per group: the checked radio, else the first.
        const group = `${el.form?.action ?? ''}|${el.name}`;
        const checked = el.form?.querySelector(`input[type=radio][name="${el.name}"]:checked`);
        if (seenRadioGroups.has(group) || (checked && checked !== el)) continue;
        seenRadioGroups.add(group);
      }
      el.setAttribute('data-kbd', String(n++));
      names.push(
        `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('name') || ''}"`,
      );
    }
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return names;
  }, FOCUSABLE);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el && el !== document.body ? (el.getAttribute('data-kbd') ?? 'untracked') : null;
    });
  await focusTop(page);
  const order: string[] = [];
  for (let i = 0; i < controls.length + 3; i++) {
    await page.keyboard.press('Tab');
    const at = await focused();
    if (at === null || order.includes(at)) break;
    order.push(at);
  }
  expect(
    order.map((i) => (i === 'untracked' ? i : controls[Number(i)])),
    'Tab visits every control once, in page order',
  ).toEqual(controls);

  // The skip link: first stop from the top; Enter on it goes to the main content.
  await focusTop(page);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(
    () =>
      document.activeElement?.closest('#main-content') != null ||
      !document.querySelector(
        '#main-content a[href], #main-content button, #main-content input:not([type=hidden]), #main-content textarea, #main-content select',
      ),
  );
  expect(inMain, 'after the skip link, Tab goes to the main content').toBe(true);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
}

/** With WEB_SCREENSHOTS=DIR, saves a screenshot of the page there (docs/screenshots holds the committed ones). */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.WEB_SCREENSHOTS;
  if (!dir) return;
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** Asks the hub's gateway directly (any document), to compare a page with the API or set the scene. */
export async function askGateway<T>(
  t: WebUnderTest,
  viewer: Viewer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await tokenFor(viewer);
  const res = await fetch(t.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** The first child of a demo carer, as the API gives it. */
export async function firstChildOfCarer(t: WebUnderTest, carerId: string): Promise<string> {
  const api = await askGateway<{ me: { children: { id: string }[] } }>(
    t,
    { role: 'carer', sub: 'web-test', carerId },
    '{ me { ... on Carer { children { id } } } }',
  );
  return api.me.children[0]?.id ?? '';
}
