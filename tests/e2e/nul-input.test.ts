import { schoolsUnderTest } from '@commonroom/schools/testing';
import { createLogger } from '@commonroom/telemetry';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A NUL character cannot be stored in PostgreSQL text; sent in any string argument it must be refused as
 * BAD_USER_INPUT naming the argument, before any resolver runs (no query reaches the database) — not turned
 * into a database error logged at error level. Through the gateway, and at a subgraph asked directly.
 */
let hub: TestHub;
/** What the subgraph logs at error level (a fault, such as a database error). */
const errorLines: string[] = [];
beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest], {}, (name) => ({
    logger: createLogger(name, { level: 'error', destination: { write: (line) => errorLines.push(line) } }),
  }));
});
afterAll(() => hub?.close());

const anonymous = { role: 'anonymous' } as const;

const CASES: [string, string, Record<string, unknown> | undefined, string][] = [
  ['a literal argument', '{ localAuthority(code: "88\\u00006") { name } }', undefined, 'code'],
  [
    'a variable',
    'query ($code: String!) { localAuthority(code: $code) { name } }',
    { code: '886\u0000' },
    'code',
  ],
  [
    'a field of an input object given as a variable',
    'query ($filter: SchoolFilter) { schools(first: 2, filter: $filter) { totalCount } }',
    { filter: { nameContains: 'Saint\u0000' } },
    'filter.nameContains',
  ],
  [
    'a variable inside a literal input object',
    'query ($name: String) { schools(first: 2, filter: { nameContains: $name }) { totalCount } }',
    { name: '\u0000' },
    'filter.nameContains',
  ],
  [
    'a nested field',
    '{ schools(first: 1) { nodes { trust { name } } } trusts(region: "Lon\\u0000don") { totalCount } }',
    undefined,
    'region',
  ],
];

describe('a NUL character in a string argument', () => {
  it.each(CASES)(
    'in %s is BAD_USER_INPUT naming it, before any resolver',
    async (_what, query, variables, field) => {
      const loggedBefore = errorLines.length;
      const schools = hub.subgraphs.schools;
      if (!schools) throw new Error('schools did not start');
      schools.resetQueryCount();
      const reply = await hub.query(anonymous, query, variables);
      expect(reply.data ?? null).toBeNull();
      expect(reply.errors).toHaveLength(1);
      expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(reply.errors?.[0]?.message).toMatch(/NUL character/);
      expect(schools.queryCount()).toBe(0);
      // The subgraph, asked directly with the gateway's signature, refuses it the same way.
      const direct = await schools.request(anonymous, query, variables);
      expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(schools.queryCount()).toBe(0);
      expect(errorLines.slice(loggedBefore)).toEqual([]);
    },
  );

  it('leaves ordinary strings alone (the control)', async () => {
    const reply = await hub.query(
      anonymous,
      'query ($code: String!) { localAuthority(code: $code) { code } }',
      {
        code: '857',
      },
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data).toEqual({ localAuthority: { code: '857' } });
  });
});
