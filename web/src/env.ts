/** The web service's settings, read and checked once at start. */
export interface WebSettings {
  port: number;
  host: string;
  /** The gateway's GraphQL endpoint: the only thing the web service talks to. */
  gatewayUrl: string;
  production: boolean;
  /** Key for the session cookie (AES-256-GCM, so the cookie is both secret and tamper-proof). */
  sessionSecret: string;
  /** Hours a session lasts (the development tokens last 12). */
  sessionHours: number;
  /** OpenID Connect sign-in (authorization code with PKCE); absent when OIDC_ISSUER is not set. */
  oidc?: OidcSettings;
  /** Where sessions are kept so that signing out ends them at once: Redis when set, else this process's memory. */
  redisUrl?: string;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** This service's `/sign-in/callback` as the issuer knows it, e.g. https://commonroom.example/sign-in/callback. */
  redirectUri: string;
  /** Scopes asked for: `openid` and whatever makes the issuer add the `commonroom` claim. */
  scope: string;
  /** The resource (RFC 8707) the access token is for: the gateway's JWT_AUDIENCE. */
  resource?: string;
}

const DEV_SESSION_SECRET = 'commonroom-development-session-secret-not-for-production';

export function webSettings(env: NodeJS.ProcessEnv = process.env): WebSettings {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.WEB_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WEB_PORT must be a port number, got "${env.WEB_PORT}"`);
  const sessionSecret = env.WEB_SESSION_SECRET || (production ? '' : DEV_SESSION_SECRET);
  if (sessionSecret.length < 32)
    throw new Error('WEB_SESSION_SECRET must be set to at least 32 characters in production.');
  const issuer = env.OIDC_ISSUER;
  if (production && !issuer) console.warn('web: OIDC_ISSUER is not set, so nobody can sign in');
  let oidc: OidcSettings | undefined;
  if (issuer) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_REDIRECT_URI)
      throw new Error(
        "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI (this service's /sign-in/callback)",
      );
    oidc = {
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      redirectUri: env.OIDC_REDIRECT_URI,
      scope: env.OIDC_SCOPE || 'openid commonroom',
      resource: env.OIDC_RESOURCE || undefined,
    };
  }
  return {
    oidc,
    redisUrl: env.REDIS_URL || undefined,
    port,
    host: env.HOST || '127.0.0.1',
    gatewayUrl: env.GATEWAY_URL || `http://127.0.0.1:${env.PORT || 4000}/graphql`,
    production,
    sessionSecret,
    sessionHours: 12,
  };
}
