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
  return {
    port,
    host: env.HOST || '127.0.0.1',
    gatewayUrl: env.GATEWAY_URL || `http://127.0.0.1:${env.PORT || 4000}/graphql`,
    production,
    sessionSecret,
    sessionHours: 12,
  };
}
