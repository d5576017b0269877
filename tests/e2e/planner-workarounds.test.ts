import type { Viewer } from '@commonroom/auth';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWN_URN, PROVIDER } from '../security/personas.ts';

/**
 * Documents the JavaScript query planner got wrong, and the gateway's rewrite that works round it
 * (gateway/src/documents.ts). An inline fragment on the type it is already in, holding only `__typename`,
 * was planned into an empty subgraph document and the whole answer was `data: null` with "must contain at
 * least one operation".
 */
let hub: TestHub;
const provider: Viewer = { role: 'provider', sub: 'e2e', providerId: PROVIDER };

beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest, progressUnderTest({ urns: [OWN_URN] })], {
    logging: undefined,
  });
});
afterAll(() => hub?.close());

interface Bookings {
  providerBookings: { totalCount: number; nodes: { id: string; learner: Record<string, unknown> }[] };
}

describe('an inline fragment on its own type', () => {
  it('holding only __typename is answered, not data: null', async () => {
    const control = await hub.query<Bookings>(provider, '{ providerBookings { totalCount nodes { id } } }');
    expect(control.errors).toBeUndefined();
    const count = control.data?.providerBookings.nodes.length ?? 0;
    expect(count).toBeGreaterThan(0);

    const reply = await hub.query<Bookings>(
      provider,
      '{ providerBookings { totalCount nodes { id learner { ... on Learner { __typename } } } } }',
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.providerBookings.nodes).toHaveLength(count);
    for (const node of reply.data?.providerBookings.nodes ?? [])
      expect(node.learner).toEqual({ __typename: 'Learner' });
  });

  it('with fields, nested, or as a named fragment, gives the same answer as without it', async () => {
    const plain = await hub.query<Bookings>(
      provider,
      '{ providerBookings { nodes { id learner { __typename displayName yearGroup } } } }',
    );
    expect(plain.errors).toBeUndefined();
    for (const query of [
      '{ providerBookings { nodes { id learner { ... on Learner { __typename displayName yearGroup } } } } }',
      '{ providerBookings { nodes { id learner { __typename ... { displayName ... on Learner { yearGroup } } } } } }',
      '{ providerBookings { nodes { id learner { ...L } } } } fragment L on Learner { __typename displayName yearGroup }',
    ]) {
      const reply = await hub.query<Bookings>(provider, query);
      expect(reply.errors).toBeUndefined();
      expect(reply.data).toEqual(plain.data);
    }
  });
});
