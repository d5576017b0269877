import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUST_SETTINGS } from './entitlement.ts';
import { applyTrustSettingsChange, changesRules, trustSettingsProblem } from './trust-settings.ts';

const current = { ...DEFAULT_TRUST_SETTINGS, retentionYears: 6, vulnerableReviewWeeks: 6 };

describe('trust settings', () => {
  it('accepts values inside the bounds, at the bounds themselves', () => {
    expect(trustSettingsProblem({})).toBeNull();
    expect(
      trustSettingsProblem({
        expectedPointsPerTerm: 0.1,
        stuckAfterAssessments: 6,
        minimumKeyStageShare: 1,
        notProgressingShare: 0.01,
        retentionYears: 25,
        vulnerableReviewWeeks: 2,
      }),
    ).toBeNull();
  });

  it('names the first field out of bounds', () => {
    expect(trustSettingsProblem({ expectedPointsPerTerm: 0 })?.field).toBe('expectedPointsPerTerm');
    expect(trustSettingsProblem({ stuckAfterAssessments: 1 })?.field).toBe('stuckAfterAssessments');
    expect(trustSettingsProblem({ stuckAfterAssessments: 2.5 })?.message).toMatch(/whole number/);
    expect(trustSettingsProblem({ minimumKeyStageShare: 0 })?.message).toMatch(/above 0 and at most 1/);
    expect(trustSettingsProblem({ notProgressingShare: 1.2 })?.field).toBe('notProgressingShare');
    expect(trustSettingsProblem({ retentionYears: 0 })?.field).toBe('retentionYears');
    expect(trustSettingsProblem({ retentionYears: Number.NaN })?.field).toBe('retentionYears');
    expect(trustSettingsProblem({ vulnerableReviewWeeks: 7 })?.field).toBe('vulnerableReviewWeeks');
    expect(trustSettingsProblem({ vulnerableReviewWeeks: 1 })?.message).toMatch(/2 to 6/);
  });

  it('keeps fields left out, and knows which changes re-evaluate results', () => {
    const next = applyTrustSettingsChange(current, { stuckAfterAssessments: 2 });
    expect(next).toEqual({ ...current, stuckAfterAssessments: 2 });
    expect(changesRules(current, next)).toBe(true);
    expect(changesRules(current, applyTrustSettingsChange(current, { retentionYears: 10 }))).toBe(false);
    // Review cycles decide no result, stuck flag or entitlement: they are read when the reviews are counted.
    expect(changesRules(current, applyTrustSettingsChange(current, { vulnerableReviewWeeks: 4 }))).toBe(
      false,
    );
    expect(changesRules(current, applyTrustSettingsChange(current, { expectedPointsPerTerm: 1 }))).toBe(
      false,
    );
  });
});
