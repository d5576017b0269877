import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery.ts';

describe('retrying the carer handoff', () => {
  it('waits the interval, then twice as long after each failure in a row, at most five minutes', () => {
    expect(retryDelayMs(5_000, 0)).toBe(5_000);
    expect(retryDelayMs(5_000, 1)).toBe(10_000);
    expect(retryDelayMs(5_000, 3)).toBe(40_000);
    expect(retryDelayMs(5_000, 20)).toBe(300_000);
  });
});
