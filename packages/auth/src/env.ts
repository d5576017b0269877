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
  /** The longest a bearer token may be valid for (from its `iat`, or from now), in seconds; `exp` is required. */
  jwtMaxLifetimeSeconds: number;
}

const DEV_JWT_SECRET = 'commonroom-development-jwt-secret-not-for-production';
const DEV_SIGNING_SECRET = 'commonroom-development-gateway-signing-secret';
/** The built-in development secrets: never accepted in production, even when set explicitly. */
export const DEVELOPMENT_SECRETS: readonly string[] = [DEV_JWT_SECRET, DEV_SIGNING_SECRET];
/** The shortest secret accepted in production, in bytes (HS256 and HMAC-SHA256 want at least their 256 bits). */
export const MIN_SECRET_BYTES = 32;

/** In production a secret must be long enough and must not be one of the published development defaults. */
function checkProductionSecret(name: string, value: string | undefined) {
  if (value === undefined) return;
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes in production.`);
  }
  if (DEVELOPMENT_SECRETS.includes(value)) {
    throw new Error(`${name} is a development default, which is public: set your own in production.`);
  }
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const production = env.NODE_ENV === 'production';
  const jwksFile = env.JWKS_FILE || undefined;
  const jwksUrl = env.JWKS_URL || undefined;
  const jwtSecret = env.JWT_SECRET || (production || jwksFile || jwksUrl ? undefined : DEV_JWT_SECRET);
  const gatewaySigningSecret = env.GATEWAY_SIGNING_SECRET || (production ? '' : DEV_SIGNING_SECRET);
  if (!jwtSecret && !jwksFile && !jwksUrl) {
    throw new Error('Set JWKS_FILE, JWKS_URL or JWT_SECRET: in production there is no default token key.');
  }
  if (Buffer.byteLength(gatewaySigningSecret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(
      `GATEWAY_SIGNING_SECRET must be set to at least ${MIN_SECRET_BYTES} bytes in production.`,
    );
  }
  if (production) {
    checkProductionSecret('JWT_SECRET', jwtSecret);
    checkProductionSecret('GATEWAY_SIGNING_SECRET', gatewaySigningSecret);
  }
  const maxAge = positiveNumber(env, 'SIGNATURE_MAX_AGE_SECONDS', 60);
  return {
    production,
    jwtSecret,
    jwksFile,
    jwksUrl,
    issuer: env.JWT_ISSUER || 'commonroom',
    audience: env.JWT_AUDIENCE || 'commonroom',
    gatewaySigningSecret,
    signatureMaxAgeSeconds: maxAge,
    jwtMaxLifetimeSeconds: positiveNumber(env, 'JWT_MAX_LIFETIME_SECONDS', 12 * 60 * 60),
  };
}
