import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceSigningSecret, signViewer, verifySignedRequest, verifySignedViewer } from './signature.ts';
import type { Viewer } from './viewer.ts';

const secret = 'a-test-secret-that-is-long-enough-000';
const viewer: Viewer = { role: 'la_officer', sub: 'officer-1', laCode: '886' };
const body = '{"query":"{ _service { sdl } }"}';

function headers(h: Record<string, string>) {
  return { viewer: h['x-commonroom-viewer'], signature: h['x-commonroom-signature'] };
}

describe('gateway → subgraph signature', () => {
  it('round-trips the viewer for the same body within its validity', () => {
    const signed = signViewer(viewer, body, secret, 1_000_000);
    expect(verifySignedViewer(headers(signed), body, secret, 60, 1_030_000)).toEqual(viewer);
  });

  it('refuses a missing signature', () => {
    expect(() => verifySignedViewer({}, body, secret, 60)).toThrow(/missing/);
  });

  it('refuses a signature made with another secret', () => {
    const signed = signViewer(viewer, body, 'another-secret-that-is-long-enough-111');
    expect(() => verifySignedViewer(headers(signed), body, secret, 60)).toThrow(/does not match/);
  });

  it('refuses claims edited after signing', () => {
    const signed = signViewer(viewer, body, secret);
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(signed['x-commonroom-viewer'], 'base64url').toString()),
        viewer: { role: 'trust_leader', sub: 'x', trustId: 'T1' },
      }),
    ).toString('base64url');
    expect(() => verifySignedViewer({ ...headers(signed), viewer: forged }, body, secret, 60)).toThrow(
      /does not match/,
    );
  });

  it('refuses a replay past its validity', () => {
    const signed = signViewer(viewer, body, secret, 1_000_000);
    expect(() => verifySignedViewer(headers(signed), body, secret, 60, 1_061_000)).toThrow(/expired/);
  });

  it('refuses the header reused for another request body', () => {
    const signed = signViewer(viewer, body, secret);
    expect(() => verifySignedViewer(headers(signed), '{"query":"{ pupils { upn } }"}', secret, 60)).toThrow(
      /another request/,
    );
  });
});

describe('the nonce', () => {
  it('is fresh for every signature, and returned with the viewer', () => {
    const a = verifySignedRequest(headers(signViewer(viewer, body, secret)), body, secret, 60);
    const b = verifySignedRequest(headers(signViewer(viewer, body, secret)), body, secret, 60);
    expect(a.viewer).toEqual(viewer);
    expect(a.nonce).toMatch(/^[\w-]{22}$/);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('is required: a payload signed without one is refused', () => {
    const payload = Buffer.from(
      JSON.stringify({
        viewer,
        iat: Date.now(),
        body: createHash('sha256').update(body).digest('base64url'),
      }),
    ).toString('base64url');
    const signature = createHmac('sha256', secret).update(payload).digest('base64url');
    expect(() => verifySignedViewer({ viewer: payload, signature }, body, secret, 60)).toThrow(/no nonce/);
  });
});

describe('subgraph → subgraph signature', () => {
  it('uses a key of its own: neither signature is valid where the other is expected', () => {
    const service = serviceSigningSecret(secret);
    expect(service).not.toBe(secret);
    const internal = signViewer(viewer, body, service);
    expect(verifySignedViewer(headers(internal), body, service, 60)).toEqual(viewer);
    expect(() => verifySignedViewer(headers(internal), body, secret, 60)).toThrow(/does not match/);
    const gateway = signViewer(viewer, body, secret);
    expect(() => verifySignedViewer(headers(gateway), body, service, 60)).toThrow(/does not match/);
  });
});
