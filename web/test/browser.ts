import AxeBuilder from '@axe-core/playwright';
import { listenGateway, type RunningGateway } from '@commonroom/gateway';
import { type TestHub, testGatewayOptions } from '@commonroom/test-kit';
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

/** axe-core on the page as it is: no serious or critical accessibility violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** With WEB_SCREENSHOTS=DIR, saves a screenshot of the page there (docs/screenshots holds the committed ones). */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.WEB_SCREENSHOTS;
  if (!dir) return;
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.screenshot({ path: `${dir}/${name}.png` });
}
