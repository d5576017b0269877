import { describe, expect, it } from 'vitest';
import { authSettings } from './env.ts';
import { createTokenVerifier, signDevelopmentToken } from './token.ts';

const settings = authSettings({ NODE_ENV: 'test' });

describe('bearer tokens', () => {
  it('treats no Authorization header as anonymous', async () => {
    const verify = await createTokenVerifier(settings);
    expect(await verify(undefined)).toEqual({ role: 'anonymous' });
  });

  it('verifies a development token and returns its scoped viewer', async () => {
    const verify = await createTokenVerifier(settings);
    const token = await signDevelopmentToken(
      { role: 'trust_leader', sub: 'leader-1', trustId: 'TR0001' },
      settings,
    );
    expect(await verify(`Bearer ${token}`)).toEqual({
      role: 'trust_leader',
      sub: 'leader-1',
      trustId: 'TR0001',
    });
  });

  it('refuses a token signed with another key', async () => {
    const verify = await createTokenVerifier(settings);
    const token = await signDevelopmentToken(
      { role: 'carer', sub: 'c', carerId: 'c1' },
      { ...settings, jwtSecret: 'some-other-secret-entirely-xxxxxxxxx' },
    );
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/invalid token/);
  });

  it('refuses a token whose claims lack their scope', async () => {
    const verify = await createTokenVerifier(settings);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed claims.
    const token = await signDevelopmentToken({ role: 'la_officer', sub: 'x' } as any, settings);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/laCode/);
  });

  it('refuses a malformed header', async () => {
    const verify = await createTokenVerifier(settings);
    await expect(verify('Basic abc')).rejects.toThrow(/Bearer/);
  });

  it('has no default key in production', () => {
    expect(() => authSettings({ NODE_ENV: 'production' })).toThrow(/JWKS_FILE/);
  });
});
