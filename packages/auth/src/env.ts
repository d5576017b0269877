/** Secrets and key sources, read and checked once. Development defaults apply only outside production. */
export interface AuthSettings {
  production: boolean;
  /** HS256 secret for bearer tokens (development), unless a JWKS is given. */
  jwtSecret?: string;
  /** A JWKS file (JSON) or URL holding the public keys that sign bearer tokens (production). */
  jwksFile?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Shared HMAC secret between gateway and subgraphs. */
  gatewaySigningSecret: string;
  /** How long a signed gateway request stays valid, in seconds. */
  signatureMaxAgeSeconds: number;
}

const DEV_JWT_SECRET = 'commonroom-development-jwt-secret-not-for-production';
const DEV_SIGNING_SECRET = 'commonroom-development-gateway-signing-secret';

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const production = env.NODE_ENV === 'production';
  const jwksFile = env.JWKS_FILE || undefined;
  const jwksUrl = env.JWKS_URL || undefined;
  const jwtSecret = env.JWT_SECRET || (production || jwksFile || jwksUrl ? undefined : DEV_JWT_SECRET);
  const gatewaySigningSecret = env.GATEWAY_SIGNING_SECRET || (production ? '' : DEV_SIGNING_SECRET);
  if (!jwtSecret && !jwksFile && !jwksUrl) {
    throw new Error('Set JWKS_FILE, JWKS_URL or JWT_SECRET: in production there is no default token key.');
  }
  if (gatewaySigningSecret.length < 32) {
    throw new Error('GATEWAY_SIGNING_SECRET must be set to at least 32 characters in production.');
  }
  const maxAge = Number(env.SIGNATURE_MAX_AGE_SECONDS ?? 60);
  if (!Number.isFinite(maxAge) || maxAge <= 0)
    throw new Error('SIGNATURE_MAX_AGE_SECONDS must be a positive number');
  return {
    production,
    jwtSecret,
    jwksFile,
    jwksUrl,
    issuer: env.JWT_ISSUER || 'commonroom',
    audience: env.JWT_AUDIENCE || 'commonroom',
    gatewaySigningSecret,
    signatureMaxAgeSeconds: maxAge,
  };
}
