import { type Db, queryRows } from '@commonroom/db';
import { count, sql } from 'drizzle-orm';
import { refreshCohortGains } from '../data/cohorts.ts';
import { refreshSummaries } from '../data/summaries.ts';
import { pupils, trustSettings } from '../data/tables.ts';
import { generateProgressData } from './generate.ts';

/**
 * A stricter demo trust: stuck after two assessments without gain, and a larger support budget (£400 rather
 * than £300), to show the settings at work.
 */
const DEMO_TRUST_SETTINGS = {
  trustId: 'TR0963',
  expectedPointsPerTerm: 1,
  stuckAfterAssessments: 2,
  minimumKeyStageShare: 0.5,
  supportBudgetPence: 40_000,
  notProgressingShare: 0.75,
};

/**
 * Generates the demo pupils and their progress for the demo schools (every school in Rutland and the five
 * trusts that touch it) when the database has no pupils; does nothing otherwise.
 */
export async function seedIfEmpty(db: Db): Promise<{ seeded: boolean } & Record<string, unknown>> {
  const [existing] = await db.select({ n: count() }).from(pupils);
  if ((existing?.n ?? 0) > 0) {
    await backfillSummaries(db);
    await backfillCohortGains(db);
    return { seeded: false, pupils: existing?.n ?? 0 };
  }
  const result = await db.transaction(async (tx) => {
    await tx.insert(trustSettings).values(DEMO_TRUST_SETTINGS).onConflictDoNothing();
    return generateProgressData(tx);
  });
  return { seeded: true, ...result };
}

/**
 * Derives the summaries (data/summaries.ts) for a database whose results were written before they existed:
 * once, when pupil_results has rows and school_summary has none.
 */
export async function backfillSummaries(db: Db) {
  const [state] = await queryRows<{ missing: boolean }>(
    db,
    sql`select exists (select 1 from progress.pupil_results)
          and not exists (select 1 from progress.school_summary) as missing`,
  );
  if (!state?.missing) return;
  await db.transaction(async (tx) => {
    const pairs = await queryRows<{ urn: number; academic_year: number }>(
      tx,
      sql`select distinct urn, academic_year from progress.pupil_results`,
    );
    await refreshSummaries(
      tx,
      pairs.map((p) => ({ urn: Number(p.urn), academicYear: Number(p.academic_year) })),
    );
  });
}

/**
 * Measures the adoption cohorts of a database whose cohorts were written before their gains were stored
 * (progress.cohort_gains): once, when cohorts exist and no gains do.
 */
export async function backfillCohortGains(db: Db) {
  const cohorts = await queryRows<{ id: string }>(
    db,
    sql`select id from progress.intervention_cohorts
        where not exists (select 1 from progress.cohort_gains) order by id`,
  );
  if (cohorts.length === 0) return;
  await db.transaction((tx) =>
    refreshCohortGains(
      tx,
      cohorts.map((c) => c.id),
    ),
  );
}
