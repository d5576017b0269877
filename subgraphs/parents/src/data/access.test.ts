import type { Viewer } from '@commonroom/auth';
import { describe, expect, it } from 'vitest';
import { canSeeCarer, canSeeCarersOf, canSeeChild, schoolsOfChild } from './access.ts';

const staff = (urn: number): Viewer => ({ role: 'school_staff', sub: 's', urn, staffId: `S${urn}-01` });
const child = { id: 'P1', urn: 200, formerSchools: [{ urn: 100, until: '2026-12-02' }] };
const none = new Set<string>();

describe('a pupil who moved school', () => {
  it('is seen by the staff of the school they left up to the leaving date, inclusive, and not after', () => {
    expect(schoolsOfChild(child, '2026-12-01')).toEqual([200, 100]);
    expect(schoolsOfChild(child, '2026-12-02')).toEqual([200, 100]);
    expect(schoolsOfChild(child, '2026-12-03')).toEqual([200]);
    expect(canSeeChild(staff(100), child, none, '2026-12-02')).toBe(true);
    expect(canSeeCarersOf(staff(100), child, '2026-12-02')).toBe(true);
    expect(canSeeChild(staff(100), child, none, '2026-12-03')).toBe(false);
    expect(canSeeCarersOf(staff(100), child, '2026-12-03')).toBe(false);
    expect(canSeeCarer(staff(100), 'C1', schoolsOfChild(child, '2026-12-03'))).toBe(false);
  });

  it('is seen by the new school at once, and never by a third school', () => {
    expect(canSeeChild(staff(200), child, none, '2026-01-01')).toBe(true);
    expect(canSeeChild(staff(300), child, none, '2026-01-01')).toBe(false);
    expect(canSeeChild({ role: 'la_officer', sub: 'l', laCode: '857' }, child, none, '2026-01-01')).toBe(
      false,
    );
  });
});
