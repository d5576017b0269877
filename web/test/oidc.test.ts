import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authSettings, createTokenVerifier } from '@commonroom/auth';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer, type RunningWeb, webSettings } from '../src/server.ts';
import { COOKIE, Sealer } from '../src/session.ts';
import { CHROMIUM, expectAccessible, JOURNEY_TIMEOUT, NAVIGATION_TIMEOUT } from './browser.ts';

/**
 * Production sign-in with OpenID Connect, in Chromium, against a real local issuer (`oidc-provider`, its own
 * development login and consent pages): authorization code with PKCE, the `commonroom` claim mapped to a role
 * and scope, the access token one the gateway's verifier accepts, and sessions that end at once on sign-out.
 * No hub: the pages signed in to here need no data (the start page).
 */
const SECRET = 'a-production-session-secret-for-this-test-only-0123456789';
const AUDIENCE = 'urn:commonroom:gateway'; // the gateway's JWT_AUDIENCE; a resource indicator is a URI
/** The issuer's accounts: a login name → the `commonroom` claim it carries (none: no role in Commonroom). */
const ACCOUNTS: Record<string, Record<string, unknown> | undefined> = {
  'leader-TR0962': { role: 'trust_leader', trustId: 'TR0962' },
  'carer-C1': { role: 'carer', carerId: 'C146232-0002' },
  'visitor-1': undefined,
};

let issuerServer: Server;
let issuer: string;
let web: RunningWeb;
let browser: Browser;

beforeAll(async () => {
  // The issuer's address must be known before the web is configured, and the web's before the issuer is.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) => r.end();
  issuerServer = createServer((req, res) => handler(req, res));
  await new Promise<void>((done) => issuerServer.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  const settings = {
    ...webSettings({
      NODE_ENV: 'production',
      WEB_SESSION_SECRET: SECRET,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'commonroom-web',
      OIDC_CLIENT_SECRET: 'the-web-client-secret',
      OIDC_REDIRECT_URI: 'http://127.0.0.1:1/sign-in/callback', // replaced below, once the port is known
      OIDC_RESOURCE: AUDIENCE,
    }),
    gatewayUrl: 'http://127.0.0.1:9/graphql', // no page here asks the gateway
  };
  web = await createWebServer({ settings, log: false, oidcOverHttp: true }).listen(0);
  const redirectUri = `${web.url}sign-in/callback`;
  if (settings.oidc) settings.oidc.redirectUri = redirectUri; // the same object the web's client reads

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'commonroom-web',
        client_secret: 'the-web-client-secret',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' }] },
    cookies: { keys: ['an-issuer-cookie-key-for-this-test'] },
    pkce: { required: () => true },
    scopes: ['openid', 'commonroom'],
    claims: { openid: ['sub'], commonroom: ['commonroom'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(ACCOUNTS[id] ? { commonroom: ACCOUNTS[id] } : {}) }),
    }),
    extraTokenClaims: (_ctx, token) => {
      const claim = 'accountId' in token ? ACCOUNTS[String(token.accountId)] : undefined;
      return claim ? { commonroom: claim } : {};
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'commonroom',
          audience: AUDIENCE,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  handler = provider.callback();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-background-networking'] });
}, JOURNEY_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  issuerServer?.closeAllConnections();
  await new Promise((done) => issuerServer?.close(done));
});

async function signInAt(login: string, next = '/') {
  const context = await browser.newContext();
  context.setDefaultTimeout(NAVIGATION_TIMEOUT);
  const page = await context.newPage();
  const authorizations: URL[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${issuer}/auth?`)) authorizations.push(new URL(r.url()));
  });
  await page.goto(`${web.url}sign-in?next=${encodeURIComponent(next)}`);
  // The issuer's own (development) login and consent pages.
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Back at the web: the callback redirects on, or refuses.
  await page.waitForURL((url) => url.href.startsWith(web.url));
  return { page, authorization: authorizations[0] };
}

/** The web's cookie (the issuer's cookies are for the same host: cookies do not tell ports apart). */
async function webCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === COOKIE);
}

function sessionOf(cookie: { value: string } | undefined) {
  return new Sealer(SECRET).unseal(cookie?.value);
}

describe('OpenID Connect sign-in (production)', { timeout: JOURNEY_TIMEOUT }, () => {
  it("signs a trust leader in with PKCE, maps the claim to role and scope, and the gateway's verifier accepts the token", async () => {
    const { page, authorization } = await signInAt('leader-TR0962');
    expect(authorization?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization?.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization?.searchParams.get('state')).toBeTruthy();
    expect(authorization?.searchParams.get('client_id')).toBe('commonroom-web');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByText('Trust leader (TR0962)').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    const cookie = await webCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    const session = sessionOf(cookie);
    expect(session).toMatchObject({ role: 'trust_leader', scope: 'TR0962' });
    const verify = await createTokenVerifier(
      authSettings({
        NODE_ENV: 'production',
        JWKS_URL: `${issuer}/jwks`,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: AUDIENCE,
        GATEWAY_SIGNING_SECRET: 'a-gateway-signing-secret-for-this-test-0123456789',
      }),
    );
    expect(await verify(`Bearer ${session?.token}`)).toMatchObject({
      role: 'trust_leader',
      trustId: 'TR0962',
      sub: 'leader-TR0962',
    });
    await page.context().close();
  });

  it('ends the session at once on sign-out: the old cookie signs nobody in', async () => {
    const { page } = await signInAt('carer-C1', '/');
    expect(await page.getByText('Carer (C146232-0002)').count()).toBeGreaterThan(0);
    const cookie = await webCookie(page);
    const before = await fetch(web.url, { headers: { cookie: `${COOKIE}=${cookie?.value}` } });
    expect(await before.text()).toContain('Carer (C146232-0002)');
    await page.getByRole('button', { name: 'Sign out' }).focus();
    // Already on the start page, where sign-out also lands: wait for the sign-out itself, not the address.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sign-out')),
      page.keyboard.press('Enter'),
    ]);
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'detached' });
    const after = await fetch(web.url, { headers: { cookie: `${COOKIE}=${cookie?.value}` } });
    expect(await after.text()).not.toContain('Carer (C146232-0002)');
    await page.context().close();
  });

  it('refuses an account with no Commonroom role, and a callback replayed or with a forged state', async () => {
    const { page } = await signInAt('visitor-1');
    expect(await page.locator('h1').textContent()).toContain('You could not be signed in');
    expect(await page.locator('main').textContent()).toContain('no Commonroom role');
    await expectAccessible(page);
    // No session was started.
    expect(sessionOf(await webCookie(page))?.token).toBeUndefined();
    // A callback the session did not start: refused, nobody signed in.
    const unasked = await page.goto(`${web.url}sign-in/callback?code=made-up&state=made-up`);
    expect(unasked?.status()).toBe(403);
    // One it started, but whose state is not the one it sent (a forged or swapped callback): refused too.
    const started = await fetch(`${web.url}sign-in?next=/`, { redirect: 'manual' });
    expect(started.headers.get('location')).toMatch(new RegExp(`^${issuer}/auth\\?`));
    const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const forged = await fetch(`${web.url}sign-in/callback?code=made-up&state=forged`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('did not confirm who you are');
    expect(forged.headers.get('location')).toBeNull();
    expect(sessionOf(await webCookie(page))?.token).toBeUndefined();
    await page.context().close();
  });

  it('refuses development sign-in in production', async () => {
    const res = await fetch(`${web.url}sign-in?as=trust_leader`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
