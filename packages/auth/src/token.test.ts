import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { authSettings, DEVELOPMENT_SECRETS } from './env.ts';
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

describe('token lifetime', () => {
  const key = new TextEncoder().encode(settings.jwtSecret);
  const claims = { commonroom: { role: 'la_officer', laCode: '857' } };
  const base = () =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('officer')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt();

  it('refuses a token without exp', async () => {
    const verify = await createTokenVerifier(settings);
    const token = await base().sign(key);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/"exp" claim/);
  });

  it('refuses a token valid for longer than JWT_MAX_LIFETIME_SECONDS (12 h by default)', async () => {
    expect(settings.jwtMaxLifetimeSeconds).toBe(12 * 60 * 60);
    const verify = await createTokenVerifier(settings);
    const token = await base().setExpirationTime('13h').sign(key);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/lifetime exceeds/);
    // Backdating iat does not help: the remaining validity is counted from now as well.
    const backdated = await base()
      .setIssuedAt(Math.floor(Date.now() / 1000) + 3600)
      .setExpirationTime('13h')
      .sign(key);
    await expect(verify(`Bearer ${backdated}`)).rejects.toThrow(/lifetime exceeds/);
  });

  it('takes the maximum from the setting', async () => {
    const short = authSettings({ NODE_ENV: 'test', JWT_MAX_LIFETIME_SECONDS: '600' });
    const verify = await createTokenVerifier(short);
    await expect(verify(`Bearer ${await base().setExpirationTime('11m').sign(key)}`)).rejects.toThrow(
      /600 seconds/,
    );
    expect(await verify(`Bearer ${await base().setExpirationTime('9m').sign(key)}`)).toEqual({
      role: 'la_officer',
      sub: 'officer',
      laCode: '857',
    });
    expect(() => authSettings({ JWT_MAX_LIFETIME_SECONDS: 'soon' })).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
  });
});

describe('secrets in production', () => {
  const strong = 'a-production-secret-of-more-than-32-bytes';
  const other = 'another-production-secret-of-32-bytes-plus';

  it('starts with long, non-default secrets', () => {
    expect(
      authSettings({ NODE_ENV: 'production', JWT_SECRET: strong, GATEWAY_SIGNING_SECRET: other }).production,
    ).toBe(true);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', () => {
    expect(() =>
      authSettings({ NODE_ENV: 'production', JWT_SECRET: 'short-secret', GATEWAY_SIGNING_SECRET: other }),
    ).toThrow(/JWT_SECRET must be at least 32 bytes/);
  });

  it('counts bytes, not characters', () => {
    // 16 characters, 32 bytes in UTF-8: accepted; 15 such characters (30 bytes) are not.
    expect(() =>
      authSettings({ NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(15), GATEWAY_SIGNING_SECRET: other }),
    ).toThrow(/32 bytes/);
    expect(
      authSettings({ NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16), GATEWAY_SIGNING_SECRET: other })
        .jwtSecret,
    ).toBe('é'.repeat(16));
  });

  it.each(DEVELOPMENT_SECRETS)('refuses the development default %s for either secret', (secret) => {
    expect(() =>
      authSettings({ NODE_ENV: 'production', JWT_SECRET: secret, GATEWAY_SIGNING_SECRET: other }),
    ).toThrow(/JWT_SECRET is a development default/);
    expect(() =>
      authSettings({ NODE_ENV: 'production', JWT_SECRET: strong, GATEWAY_SIGNING_SECRET: secret }),
    ).toThrow(/GATEWAY_SIGNING_SECRET is a development default/);
  });

  it('refuses a short GATEWAY_SIGNING_SECRET', () => {
    expect(() =>
      authSettings({ NODE_ENV: 'production', JWT_SECRET: strong, GATEWAY_SIGNING_SECRET: 'x'.repeat(31) }),
    ).toThrow(/GATEWAY_SIGNING_SECRET must be set to at least 32 bytes/);
  });
});
