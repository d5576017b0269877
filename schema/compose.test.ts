import { describe, expect, it } from 'vitest';
import { committedSupergraph, composeSupergraph } from './compose.ts';

describe('schema/supergraph.graphql', () => {
  it('is what composing the subgraphs gives now (run `npm run compose` and commit it if not)', () => {
    expect(committedSupergraph()).toBe(composeSupergraph());
  });
});
