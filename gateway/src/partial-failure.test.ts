import { describe, expect, it } from 'vitest';
import { indexedPaths } from './partial-failure.ts';

describe('indexedPaths', () => {
  const data = {
    trust: {
      schools: [
        { urn: 1, parentSatisfaction: 0.8 },
        { urn: 2, parentSatisfaction: null },
        { urn: 3, parentSatisfaction: null },
      ],
    },
  };

  it('gives the list index of each field left null', () => {
    expect(indexedPaths(data, ['trust', 'schools', 'parentSatisfaction'])).toEqual([
      ['trust', 'schools', 1, 'parentSatisfaction'],
      ['trust', 'schools', 2, 'parentSatisfaction'],
    ]);
  });

  it('keeps a path that is already exact, and finds none where nothing is null', () => {
    expect(indexedPaths(data, ['trust', 'schools', 2, 'parentSatisfaction'])).toEqual([
      ['trust', 'schools', 2, 'parentSatisfaction'],
    ]);
    expect(indexedPaths(data, ['trust', 'schools'])).toEqual([]);
  });

  it('goes through nested lists', () => {
    const nested = { a: [{ b: [{ c: 1 }, { c: null }] }, { b: [{ c: null }] }] };
    expect(indexedPaths(nested, ['a', 'b', 'c'])).toEqual([
      ['a', 0, 'b', 1, 'c'],
      ['a', 1, 'b', 0, 'c'],
    ]);
  });
});
