import type { Db } from '@commonroom/db';
import { count } from 'drizzle-orm';
import { generateProgressData } from './generate.ts';
import { pupils, trustSettings } from './tables.ts';

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
  if ((existing?.n ?? 0) > 0) return { seeded: false, pupils: existing?.n ?? 0 };
  const result = await db.transaction(async (tx) => {
    await tx.insert(trustSettings).values(DEMO_TRUST_SETTINGS).onConflictDoNothing();
    return generateProgressData(tx);
  });
  return { seeded: true, ...result };
}
