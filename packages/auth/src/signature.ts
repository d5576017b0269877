import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseViewer, type Viewer } from './viewer.ts';

/**
 * The gateway tells a subgraph who is asking with two headers:
 *   x-commonroom-viewer     base64url JSON { viewer, iat (ms), nonce, body (sha256 of the request body, base64url) }
 *   x-commonroom-signature  base64url HMAC-SHA256 of the viewer header, keyed by the shared secret
 * Binding the body hash and a timestamp means a captured header cannot be reused for another request,
 * nor replayed after it expires; the nonce (128 random bits, fresh for every call) lets a subgraph refuse
 * the identical request sent again within its validity (`SignedRequest.nonce`, checked by the subgraph kit).
 */
export const VIEWER_HEADER = 'x-commonroom-viewer';
export const SIGNATURE_HEADER = 'x-commonroom-signature';

export class SignatureError extends Error {}

function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

function hmac(secret: string, value: string): Buffer {
  return createHmac('sha256', secret).update(value).digest();
}

export function signViewer(
  viewer: Viewer,
  body: string | Uint8Array,
  secret: string,
  now: number = Date.now(),
): Record<typeof VIEWER_HEADER | typeof SIGNATURE_HEADER, string> {
  const nonce = randomBytes(16).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ viewer, iat: now, nonce, body: bodyHash(body) })).toString(
    'base64url',
  );
  return { [VIEWER_HEADER]: payload, [SIGNATURE_HEADER]: hmac(secret, payload).toString('base64url') };
}

/**
 * The key for calls from one subgraph to another (not through the gateway), derived from the shared secret so
 * that a gateway signature is never valid on an internal call, nor an internal call's on `/graphql`.
 */
export function serviceSigningSecret(secret: string): string {
  return hmac(secret, 'commonroom internal service call').toString('base64url');
}

/** What a valid signature vouches for: the viewer, and the nonce and time that make this request unique. */
export interface SignedRequest {
  viewer: Viewer;
  nonce: string;
  /** When the gateway signed it (ms since the epoch). */
  iat: number;
}

/** Checks the gateway's signature on a request and returns the viewer it vouches for; throws if anything is off. */
export function verifySignedViewer(
  headers: { viewer?: string | null; signature?: string | null },
  body: string | Uint8Array,
  secret: string,
  maxAgeSeconds: number,
  now: number = Date.now(),
): Viewer {
  return verifySignedRequest(headers, body, secret, maxAgeSeconds, now).viewer;
}

/**
 * As `verifySignedViewer`, returning the nonce as well. The caller must still refuse a nonce it has seen
 * within the validity window (a replay): see the subgraph kit's nonce stores.
 */
export function verifySignedRequest(
  headers: { viewer?: string | null; signature?: string | null },
  body: string | Uint8Array,
  secret: string,
  maxAgeSeconds: number,
  now: number = Date.now(),
): SignedRequest {
  const { viewer: payload, signature } = headers;
  if (!payload || !signature) throw new SignatureError('missing gateway signature');
  const expected = hmac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignatureError('gateway signature does not match');
  }
  let decoded: { viewer?: unknown; iat?: unknown; nonce?: unknown; body?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new SignatureError('gateway signature payload is not JSON');
  }
  if (typeof decoded.iat !== 'number' || Math.abs(now - decoded.iat) > maxAgeSeconds * 1000) {
    throw new SignatureError('gateway signature has expired');
  }
  if (decoded.body !== bodyHash(body))
    throw new SignatureError('gateway signature is for another request body');
  if (typeof decoded.nonce !== 'string' || decoded.nonce.length < 16 || decoded.nonce.length > 64) {
    throw new SignatureError('gateway signature has no nonce');
  }
  try {
    return { viewer: parseViewer(decoded.viewer), nonce: decoded.nonce, iat: decoded.iat };
  } catch (error) {
    throw new SignatureError((error as Error).message);
  }
}
