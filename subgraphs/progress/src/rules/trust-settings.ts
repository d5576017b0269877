import type { TrustSettings } from './entitlement.ts';

/** A trust's settings as kept, with how long pupil data is kept. */
export type StoredTrustSettings = TrustSettings & { retentionYears: number; vulnerableReviewWeeks: number };

/** The settings a trust's leaders may change (the support budget is not one of them: bookings draw on it). */
export type TrustSettingsChange = Partial<
  Pick<
    StoredTrustSettings,
    | 'expectedPointsPerTerm'
    | 'stuckAfterAssessments'
    | 'minimumKeyStageShare'
    | 'notProgressingShare'
    | 'retentionYears'
    | 'vulnerableReviewWeeks'
  >
>;

type Field = keyof Required<TrustSettingsChange>;

/**
 * Safe bounds for each setting: inside them every report stays meaningful (an expected rate of 0 would make
 * everyone on track; one assessment is not a run; data kept for 0 years is erased before anyone could use it).
 */
export const TRUST_SETTING_BOUNDS: Record<
  Field,
  { min: number; max: number; integer: boolean; above?: true }
> = {
  expectedPointsPerTerm: { min: 0.1, max: 5, integer: false },
  stuckAfterAssessments: { min: 2, max: 6, integer: true },
  minimumKeyStageShare: { min: 0, max: 1, integer: false, above: true },
  notProgressingShare: { min: 0, max: 1, integer: false, above: true },
  retentionYears: { min: 1, max: 25, integer: true },
  // At least half-termly (the cycle every review follows), at most every two weeks (more often is not a cycle).
  vulnerableReviewWeeks: { min: 2, max: 6, integer: true },
};

/** The settings that decide results, stuck flags and entitlements: changing one means recomputing them. */
const RULE_FIELDS: readonly Field[] = [
  'expectedPointsPerTerm',
  'stuckAfterAssessments',
  'minimumKeyStageShare',
  'notProgressingShare',
];

/** The first field out of bounds, with why; null when the change is acceptable. */
export function trustSettingsProblem(change: TrustSettingsChange): { field: Field; message: string } | null {
  for (const [field, bounds] of Object.entries(TRUST_SETTING_BOUNDS) as [
    Field,
    (typeof TRUST_SETTING_BOUNDS)[Field],
  ][]) {
    const value = change[field];
    if (value === undefined) continue;
    const low = bounds.above ? value <= bounds.min : value < bounds.min;
    if (
      !Number.isFinite(value) ||
      low ||
      value > bounds.max ||
      (bounds.integer && !Number.isInteger(value))
    ) {
      const range = `${bounds.above ? 'above ' : ''}${bounds.min}${bounds.above ? ' and at most ' : ' to '}${bounds.max}`;
      return {
        field,
        message: `${field} must be ${bounds.integer ? 'a whole number ' : ''}${range}, got ${value}`,
      };
    }
  }
  return null;
}

/** The settings after a change (fields left out keep their value). */
export function applyTrustSettingsChange(
  current: StoredTrustSettings,
  change: TrustSettingsChange,
): StoredTrustSettings {
  const next = { ...current };
  for (const field of Object.keys(TRUST_SETTING_BOUNDS) as Field[]) {
    const value = change[field];
    if (value !== undefined && value !== null) next[field] = value;
  }
  return next;
}

/** Whether results must be recomputed: a rule that decides progress, stuck or entitlement changed. */
export const changesRules = (before: StoredTrustSettings, after: StoredTrustSettings) =>
  RULE_FIELDS.some((f) => before[f] !== after[f]);
