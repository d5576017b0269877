import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The session lives in the cookie itself, sealed with AES-256-GCM under the session secret, so the browser can
 * neither read the bearer token in it nor change any part of it; a signed-in session's id is also kept in the
 * session store, so that signing out or revoking it ends it at once (src/session-store.ts). The
 * cookie is HttpOnly and SameSite=Lax (Secure in production). Every visitor gets one, signed in or not,
 * because it also carries the CSRF token that every form repeats.
 */
import type { PendingSignIn } from './oidc.ts';

export interface Session {
  /** The signed-in session's id in the session store (src/session-store.ts): revoked, it signs nobody in. */
  id?: string;
  /** An OpenID Connect sign-in under way: its state and PKCE verifier. */
  oidc?: PendingSignIn;
  /** The bearer token sent to the gateway; absent when not signed in. */
  token?: string;
  /** Who is signed in, for the header: e.g. "Trust leader (TR0962)". */
  label?: string;
  role?: string;
  /** The persona's scope: trust id, LA code, URN, carer id, provider id. */
  scope?: string;
  csrf: string;
  /** Expiry, milliseconds since the epoch. */
  expires: number;
}

export const COOKIE = 'commonroom_session';

export class Sealer {
  readonly #key: Buffer;
  constructor(secret: string) {
    this.#key = createHash('sha256').update(`commonroom-web-session:${secret}`).digest();
  }

  seal(session: Session): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The session in a cookie value, or undefined when it is missing, forged, damaged or expired. */
  unseal(value: string | undefined, now = Date.now()): Session | undefined {
    if (!value) return undefined;
    try {
      const raw = Buffer.from(value, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const session = JSON.parse(text) as Session;
      if (typeof session.csrf !== 'string' || !(session.expires > now)) return undefined;
      return session;
    } catch {
      return undefined;
    }
  }
}

export function newSession(hours: number): Session {
  return { csrf: randomBytes(24).toString('base64url'), expires: Date.now() + hours * 3_600_000 };
}

/** Whether a submitted CSRF token is the session's (compared in constant time). */
export function csrfMatches(session: Session, submitted: string | undefined): boolean {
  if (!submitted) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
