import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseViewer, type Viewer } from './viewer.ts';

/**
 * The gateway tells a subgraph who is asking with two headers:
 *   x-commonroom-viewer     base64url JSON { viewer, iat (ms), body (sha256 of the request body, base64url) }
 *   x-commonroom-signature  base64url HMAC-SHA256 of the viewer header, keyed by the shared secret
 * Binding the body hash and a timestamp means a captured header cannot be reused for another request,
 * nor replayed after it expires.
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
  const payload = Buffer.from(JSON.stringify({ viewer, iat: now, body: bodyHash(body) })).toString(
    'base64url',
  );
  return { [VIEWER_HEADER]: payload, [SIGNATURE_HEADER]: hmac(secret, payload).toString('base64url') };
}

/** Checks the gateway's signature on a request and returns the viewer it vouches for; throws if anything is off. */
export function verifySignedViewer(
  headers: { viewer?: string | null; signature?: string | null },
  body: string | Uint8Array,
  secret: string,
  maxAgeSeconds: number,
  now: number = Date.now(),
): Viewer {
  const { viewer: payload, signature } = headers;
  if (!payload || !signature) throw new SignatureError('missing gateway signature');
  const expected = hmac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignatureError('gateway signature does not match');
  }
  let decoded: { viewer?: unknown; iat?: unknown; body?: unknown };
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
  try {
    return parseViewer(decoded.viewer);
  } catch (error) {
    throw new SignatureError((error as Error).message);
  }
}
