import { describe, expect, it } from 'vitest';
import {
  canSeeSchoolAggregates,
  governsSchool,
  isStaffOrTrustLeaderOf,
  isTrusteeOf,
  leadsTrust,
  readsAggregatesOnly,
  readsTrustFigures,
} from './scope.ts';
import { parseViewer, type Viewer } from './viewer.ts';

const own = { urn: 138113, laCode: '857', trustId: 'TR0963' };
const sameTrust = { urn: 139481, laCode: '857', trustId: 'TR0963' };
const maintained = { urn: 120000, laCode: '857', trustId: null };
const governor: Viewer = { role: 'governor', sub: 'g', urn: own.urn };
const trustee: Viewer = { role: 'governor', sub: 't', trustId: 'TR0963' };

describe('governors and trustees', () => {
  it('a governor sees their own school’s aggregates only', () => {
    expect(canSeeSchoolAggregates(governor, own)).toBe(true);
    expect(canSeeSchoolAggregates(governor, sameTrust)).toBe(false);
    expect(governsSchool(governor, maintained)).toBe(false);
  });

  it('a trustee sees the aggregates of every school of their trust, and no maintained school', () => {
    expect(canSeeSchoolAggregates(trustee, own)).toBe(true);
    expect(canSeeSchoolAggregates(trustee, sameTrust)).toBe(true);
    expect(canSeeSchoolAggregates(trustee, maintained)).toBe(false);
    expect(isTrusteeOf(trustee, 'TR0963')).toBe(true);
    expect(isTrusteeOf(trustee, 'TR0962')).toBe(false);
    expect(isTrusteeOf(governor, 'TR0963')).toBe(false);
    expect(readsTrustFigures(trustee, 'TR0963')).toBe(true);
    expect(readsTrustFigures(trustee, 'TR0962')).toBe(false);
    expect(readsTrustFigures(governor, 'TR0963')).toBe(false);
    expect(readsTrustFigures({ role: 'trust_leader', sub: 'l', trustId: 'TR0963' }, 'TR0963')).toBe(true);
  });

  it('neither ever reads pupil-level data, leads a trust, or gets exact figures', () => {
    for (const v of [governor, trustee]) {
      expect(isStaffOrTrustLeaderOf(v, own)).toBe(false);
      expect(leadsTrust(v, 'TR0963')).toBe(false);
      expect(readsAggregatesOnly(v)).toBe(true);
    }
    expect(readsAggregatesOnly({ role: 'trust_leader', sub: 'l', trustId: 'TR0963' })).toBe(false);
  });

  it('claims carry exactly one of a school and a trust', () => {
    expect(parseViewer({ role: 'governor', sub: 'g', urn: 138113 })).toEqual(governor);
    expect(parseViewer({ role: 'governor', sub: 't', trustId: 'TR0963' })).toEqual(trustee);
    expect(() => parseViewer({ role: 'governor', sub: 'g' })).toThrow(/exactly one/);
    expect(() => parseViewer({ role: 'governor', sub: 'g', urn: 1, trustId: 'TR0963' })).toThrow(
      /exactly one/,
    );
    expect(() => parseViewer({ role: 'governor', sub: 'g', urn: 'x' })).toThrow(/invalid identity/);
  });
});
