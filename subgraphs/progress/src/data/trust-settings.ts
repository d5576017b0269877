import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { DEFAULT_TRUST_SETTINGS } from '../rules/entitlement.ts';
import { DEFAULT_VULNERABLE_REVIEW_WEEKS } from '../rules/reviews.ts';
import type { StoredTrustSettings } from '../rules/trust-settings.ts';
import { recomputeResults } from './results.ts';
import { DEFAULT_RETENTION_YEARS } from './retention.ts';
import { trustSettings } from './tables.ts';

/**
 * A trust's settings (progress.trust_settings, the one place they are kept), or the defaults with `custom`
 * false when it has set none.
 */
export async function readTrustSettings(
  db: Db,
  trustId: string,
  { lock = false } = {},
): Promise<{ settings: StoredTrustSettings; custom: boolean }> {
  // In a transaction that will change them: one change to a trust's settings at a time (the row may not exist yet).
  if (lock)
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`commonroom:trust-settings:${trustId}`}))`);
  const [row] = await queryRows<{
    expected_points_per_term: number;
    stuck_after_assessments: number;
    minimum_key_stage_share: number;
    support_budget_pence: number;
    not_progressing_share: number;
    retention_years: number;
    vulnerable_review_weeks: number;
  }>(db, sql`select * from progress.trust_settings where trust_id = ${trustId}`);
  if (!row)
    return {
      settings: {
        ...DEFAULT_TRUST_SETTINGS,
        retentionYears: DEFAULT_RETENTION_YEARS,
        vulnerableReviewWeeks: DEFAULT_VULNERABLE_REVIEW_WEEKS,
      },
      custom: false,
    };
  return {
    settings: {
      expectedPointsPerTerm: Number(row.expected_points_per_term),
      stuckAfterAssessments: Number(row.stuck_after_assessments),
      minimumKeyStageShare: Number(row.minimum_key_stage_share),
      supportBudgetPence: Number(row.support_budget_pence),
      notProgressingShare: Number(row.not_progressing_share),
      retentionYears: Number(row.retention_years),
      vulnerableReviewWeeks: Number(row.vulnerable_review_weeks),
    },
    custom: true,
  };
}

/**
 * Stores a trust's settings and, when `recompute`, re-evaluates every result, entitlement and summary of the
 * pupils of the trust's schools (data/results.ts) — all in the caller's transaction.
 */
export async function saveTrustSettings(
  db: Db,
  trustId: string,
  settings: StoredTrustSettings,
  recompute: boolean,
) {
  const values = { trustId, ...settings };
  await db
    .insert(trustSettings)
    .values(values)
    .onConflictDoUpdate({ target: trustSettings.trustId, set: settings });
  if (!recompute) return;
  const pupilIds = await queryRows<{ id: string }>(
    db,
    sql`select p.id from progress.pupils p join progress.school_directory d on d.urn = p.urn
        where d.trust_id = ${trustId} order by p.id`,
  );
  await recomputeResults(
    db,
    pupilIds.map((p) => p.id),
  );
}
