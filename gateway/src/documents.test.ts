import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { flattenRedundantFragments } from './documents.ts';

const schema = buildSchema(`
  type Query { booking: Booking  node: Node }
  type Booking { id: ID!  learner: Learner! }
  type Learner { displayName: String! }
  interface Node { id: ID! }
`);
const flat = (query: string) => print(flattenRedundantFragments(parse(query), schema)).replace(/\s+/g, ' ');

describe('flattenRedundantFragments', () => {
  it('lifts an inline fragment on its own object type, or without a type condition', () => {
    expect(flat('{ booking { learner { ... on Learner { __typename } } } }')).toBe(
      '{ booking { learner { __typename } } }',
    );
    expect(flat('{ booking { ... { id ... on Booking { learner { displayName } } } } }')).toBe(
      '{ booking { id learner { displayName } } }',
    );
    expect(flat('{ ...F } fragment F on Query { booking { ... on Booking { id } } }')).toContain(
      'fragment F on Query { booking { id } }',
    );
  });

  it('leaves fragments with directives, on abstract types, and plain documents as they are', () => {
    for (const query of [
      '{ booking { ... on Booking @include(if: true) { id } } }',
      '{ node { ... on Node { id } } }',
      '{ booking { id learner { displayName } } }',
    ]) {
      const document = parse(query);
      expect(flattenRedundantFragments(document, schema)).toBe(document);
    }
  });
});
