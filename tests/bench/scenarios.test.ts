import { describe, expect, it } from 'vitest';
import { contractNames, scenarios } from './scenarios.ts';

describe('benchmark scenarios', () => {
  it('run every contract operation in tests/contract, each once, at every scale', () => {
    expect(contractNames().length).toBeGreaterThanOrEqual(6);
    for (const scale of ['demo', 'trust', 'kent'] as const) {
      expect(
        scenarios(scale)
          .map((s) => s.contract)
          .sort(),
      ).toEqual(contractNames());
    }
  });

  it('give every request of the soak mix a positive weight and a persona with a scope', () => {
    for (const s of scenarios('demo')) {
      expect(s.weight).toBeGreaterThan(0);
      if (s.viewer.role !== 'anonymous') expect(Object.keys(s.viewer).length).toBeGreaterThan(2);
    }
  });
});
