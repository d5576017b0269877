import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { AuthSettings } from './env.ts';
import { ANONYMOUS, parseViewer, type Viewer } from './viewer.ts';

export class TokenError extends Error {}

/** Claims in our tokens: the viewer's fields under `commonroom`, the person under `sub`. */
function claimsToViewer(payload: JWTPayload): Viewer {
  const claims = (payload as { commonroom?: unknown }).commonroom;
  if (!claims || typeof claims !== 'object') throw new TokenError('token has no commonroom claims');
  try {
    return parseViewer({ ...claims, sub: payload.sub });
  } catch (error) {
    throw new TokenError((error as Error).message);
  }
}

/** Refuses a token valid for longer than the maximum, counted from its `iat` and from now. */
function checkLifetime(payload: JWTPayload, maxSeconds: number) {
  const exp = payload.exp as number; // required above
  const now = Math.floor(Date.now() / 1000);
  const issued = typeof payload.iat === 'number' ? payload.iat : now;
  if (exp - issued > maxSeconds || exp - now > maxSeconds) {
    throw new TokenError(
      `token lifetime exceeds the maximum of ${maxSeconds} seconds (JWT_MAX_LIFETIME_SECONDS)`,
    );
  }
}

export type TokenVerifier = (authorization: string | null | undefined) => Promise<Viewer>;

/** Verifies `Authorization: Bearer …` (HS256 secret in development, JWKS in production). No header: anonymous. */
export async function createTokenVerifier(settings: AuthSettings): Promise<TokenVerifier> {
  let key: Uint8Array | JWTVerifyGetKey;
  if (settings.jwksUrl) key = createRemoteJWKSet(new URL(settings.jwksUrl));
  else if (settings.jwksFile) {
    key = createLocalJWKSet(JSON.parse(await readFile(settings.jwksFile, 'utf8')) as JSONWebKeySet);
  } else key = new TextEncoder().encode(settings.jwtSecret);
  const algorithms = settings.jwksUrl || settings.jwksFile ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];

  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new TokenError('Authorization header must be "Bearer <token>"');
    try {
      // A token without `exp` would be good for ever: refuse it, and any whose validity exceeds the maximum.
      const options = {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms,
        requiredClaims: ['exp'],
      };
      const { payload } =
        key instanceof Uint8Array
          ? await jwtVerify(match[1], key, options)
          : await jwtVerify(match[1], key, options);
      checkLifetime(payload, settings.jwtMaxLifetimeSeconds);
      return claimsToViewer(payload);
    } catch (error) {
      if (error instanceof TokenError) throw error;
      throw new TokenError(`invalid token: ${(error as Error).message}`);
    }
  };
}

/** Issues a development token (HS256) for a viewer. */
export async function signDevelopmentToken(
  viewer: Exclude<Viewer, { role: 'anonymous' }>,
  settings: Pick<AuthSettings, 'jwtSecret' | 'issuer' | 'audience'>,
  expiresIn = '12h',
): Promise<string> {
  if (!settings.jwtSecret) throw new Error('development tokens need JWT_SECRET (or the development default)');
  const { sub, ...claims } = viewer;
  return new SignJWT({ commonroom: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.jwtSecret));
}
