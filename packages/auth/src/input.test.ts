import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nulCharacterError } from './input.ts';

const check = (query: string, variables?: Record<string, unknown>) =>
  nulCharacterError(parse(query), variables);

describe('NUL characters in arguments', () => {
  it('passes ordinary strings, numbers and absent variables', () => {
    expect(check('{ a(x: "fine", n: 3, l: ["a", "b"], o: { k: "v" }) }')).toBeUndefined();
    expect(check('query ($s: String) { a(x: $s) }', {})).toBeUndefined();
    expect(check('query ($s: String) { a(x: $s) }', { s: 'café' })).toBeUndefined();
  });

  it('names a literal argument', () => {
    const error = check('{ school(urn: 1) { pupils(search: "a\\u0000b") { id } } }');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(error?.message).toMatch(/Argument "search" of "pupils" contains a NUL character/);
  });

  it('names the path inside input objects and lists', () => {
    expect(check('{ a(input: { items: ["ok", "b\\u0000"] }) }')?.extensions?.field).toBe('input.items[1]');
    expect(
      check('mutation ($in: Input!) { save(input: $in) { id } }', {
        in: { rows: [{ name: 'ok' }, { name: 'x\u0000' }] },
      })?.extensions?.field,
    ).toBe('input.rows[1].name');
  });

  it('finds it through a variable inside a literal object', () => {
    expect(
      check('query ($n: String) { a(filter: { nameContains: $n }) }', { n: '\u0000' })?.extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
  });

  it('checks directive arguments, fragments and unused variables', () => {
    expect(check('{ a @skip(if: false) @tag(name: "\\u0000") }')?.message).toMatch(/of "@tag"/);
    expect(check('{ ...F } fragment F on Query { a(x: "\\u0000") }')?.extensions?.field).toBe('x');
    expect(check('query ($u: String) { a }', { u: 'x\u0000' })?.extensions?.field).toBe('$u');
  });
});
