import { describe, expect, it } from 'vitest';
import { isReviewOverdue, isVulnerable, overdueReviews, reviewDueOn } from './reviews.ts';

const pupil = { lookedAfter: false, sen: 'NONE', disadvantaged: false };
const last = { heldOn: '2026-02-12', nextReviewOn: '2026-03-26' };

describe('review cycles', () => {
  it('puts looked-after, EHC plan, SEN support and disadvantaged pupils on the vulnerable cycle', () => {
    expect(isVulnerable(pupil)).toBe(false);
    expect(isVulnerable({ ...pupil, sen: 'EHC_PLAN' })).toBe(true);
    expect(isVulnerable({ ...pupil, sen: 'SEN_SUPPORT' })).toBe(true);
    expect(isVulnerable({ ...pupil, lookedAfter: true })).toBe(true);
    expect(isVulnerable({ ...pupil, disadvantaged: true })).toBe(true);
  });

  it('keeps the date set at the last review for other pupils', () => {
    expect(reviewDueOn(last, false, 2)).toBe('2026-03-26');
  });

  it('brings a vulnerable pupil’s review forward to the cycle, never later than the date set', () => {
    expect(reviewDueOn(last, true, 4)).toBe('2026-03-12');
    expect(reviewDueOn(last, true, 6)).toBe('2026-03-26');
    expect(reviewDueOn({ heldOn: '2026-02-12', nextReviewOn: '2026-03-01' }, true, 6)).toBe('2026-03-01');
  });

  it('is overdue the day after it was due, and at once when never held', () => {
    expect(isReviewOverdue('2026-03-12', '2026-03-12')).toBe(false);
    expect(isReviewOverdue('2026-03-12', '2026-03-13')).toBe(true);
    expect(isReviewOverdue(null, '2026-01-01')).toBe(true);
  });
});

describe('overdue reviews', () => {
  const on = (id: string, vulnerable: boolean, heldOn?: string) => ({
    pupil: { id, ...pupil, disadvantaged: vulnerable },
    last: heldOn ? { heldOn, nextReviewOn: '2026-03-26' } : undefined,
  });

  it('lists the never reviewed first, then the most overdue, leaving out those not yet due', () => {
    const list = overdueReviews(
      [
        on('b', true, '2026-02-12'),
        on('c', false, '2026-02-12'),
        on('a', false),
        on('d', true, '2026-03-01'),
      ],
      4,
      '2026-03-20',
    );
    expect(list.map((o) => [o.pupil.id, o.lastReviewedOn, o.dueOn])).toEqual([
      ['a', null, null],
      ['b', '2026-02-12', '2026-03-12'],
    ]);
  });
});
