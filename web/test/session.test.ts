import { describe, expect, it } from 'vitest';
import { webSettings } from '../src/env.ts';
import { safeNext } from '../src/pages/types.ts';
import { createWebServer } from '../src/server.ts';
import { csrfMatches, newSession, parseCookies, Sealer, sessionCookie } from '../src/session.ts';

describe('the sealed session cookie', () => {
  const sealer = new Sealer('a-test-secret-that-is-long-enough-for-this');

  it('round-trips a session, and its value does not show the token', () => {
    const session = { ...newSession(1), token: 'eyJhbGciOiJIUzI1NiJ9.secret.sig', role: 'carer' };
    const sealed = sealer.seal(session);
    expect(sealed).not.toContain('eyJ');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('secret');
    expect(sealer.unseal(sealed)).toEqual(session);
  });

  it('refuses a changed, truncated, foreign or expired cookie', () => {
    const sealed = sealer.seal({ ...newSession(1), token: 't' });
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(sealer.unseal(bytes.toString('base64url'))).toBeUndefined();
    expect(sealer.unseal(sealed.slice(0, 20))).toBeUndefined();
    expect(sealer.unseal('not a cookie')).toBeUndefined();
    expect(new Sealer('another-secret-that-is-long-enough-too').unseal(sealed)).toBeUndefined();
    expect(sealer.unseal(sealed, Date.now() + 2 * 3_600_000)).toBeUndefined();
  });

  it('sets HttpOnly and SameSite=Lax, and Secure in production', () => {
    expect(sessionCookie('v', 60, false)).toBe(
      'commonroom_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
    );
    expect(sessionCookie('v', 60, true)).toMatch(/; Secure$/);
    expect(parseCookies('a=1; commonroom_session=x%3Dy')).toEqual({ a: '1', commonroom_session: 'x=y' });
  });

  it('matches only the exact CSRF token', () => {
    const session = newSession(1);
    expect(csrfMatches(session, session.csrf)).toBe(true);
    expect(csrfMatches(session, `${session.csrf}x`)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
  });
});

describe('settings and redirects', () => {
  it('needs a session secret in production and defaults WEB_PORT to 3000', () => {
    expect(() => webSettings({ NODE_ENV: 'production' })).toThrow(/WEB_SESSION_SECRET/);
    expect(webSettings({}).port).toBe(3000);
    expect(() => webSettings({ WEB_PORT: 'http' })).toThrow(/WEB_PORT/);
  });

  it('follows only local paths after sign-in', () => {
    expect(safeNext('/trusts/TR0962?sort=gap')).toBe('/trusts/TR0962?sort=gap');
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', '', null])
      expect(safeNext(bad)).toBeUndefined();
  });
});

describe('the web server without a hub', () => {
  it('refuses development sign-in in production, and a cross-site form without the CSRF token', async () => {
    const settings = {
      ...webSettings({ NODE_ENV: 'production', WEB_SESSION_SECRET: 'x'.repeat(40) }),
      gatewayUrl: 'http://127.0.0.1:9/graphql',
      port: 0,
    };
    const issued: string[] = [];
    const web = await createWebServer({
      settings,
      developmentSignIn: async (role) => {
        issued.push(role);
        return { token: 't', label: role, scope: 's' };
      },
      log: false,
    }).listen(0);
    try {
      const get = await fetch(`${web.url}sign-in?as=trust_leader&next=/trusts/TR0962`, {
        redirect: 'manual',
      });
      expect(get.status).toBe(400);
      expect(await get.text()).toContain('Development sign-in is turned off in production');
      const cookie = (get.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(cookie).toMatch(/^commonroom_session=/);
      expect(get.headers.get('set-cookie')).toContain('Secure');
      const post = await fetch(`${web.url}sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: 'role=trust_leader&_csrf=guessed',
        redirect: 'manual',
      });
      expect(post.status).toBe(403);
      expect(issued).toEqual([]);
      const page = await fetch(`${web.url}sign-in`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'nonce-");
      expect(await page.text()).toContain('Sign-in is not available');
    } finally {
      await web.close();
    }
  });
});
