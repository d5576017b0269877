import {
  type Audience,
  type DisclosurePolicy,
  policyWithThreshold,
  type Suppression,
} from '@commonroom/disclosure';
import type { ProgressContext } from '../context.ts';
import { canSeePupilsOf, canSeeTrustAggregates, type SchoolPlace } from '../data/access.ts';
import type { GapDimension, Scope, ScopeGroups } from '../data/queries.ts';
import type { StatutoryKeyStage } from '../data/statutory-gap.ts';
import {
  hiddenTakeUp,
  hiddenTakeUpAbove,
  hiddenTakeUpOfTrust,
  type SupportCountsByGroup,
  supportTakeUpReport,
} from '../rules/entitlement.ts';
import {
  gapTrendReport,
  groupGapReport,
  hiddenGroups,
  hiddenStuck,
  type YearGroups,
} from '../rules/reports.ts';
import { statutoryGapIndexReport } from '../rules/statutory-gap.ts';

export interface GapArgs {
  academicYear: number;
  subject: string;
  by: GapDimension;
}
export interface TrendArgs {
  subject: string;
  by: GapDimension;
  fromYear: number;
}

/** The groups each dimension's gap trend compares with everyone else (null: no single gap). */
export const FOCUS_GROUPS: Record<GapDimension, readonly string[] | null> = {
  DISADVANTAGED: ['DISADVANTAGED'],
  SEX: ['MALE'],
  SEN: ['SEN_SUPPORT', 'EHC_PLAN'],
  EAL: ['EAL'],
  ETHNICITY: null,
  LOOKED_AFTER: ['LOOKED_AFTER'],
};

/** The disclosure-control rules in force (the threshold is the `PROGRESS_SUPPRESSION_THRESHOLD` setting). */
export const policyOf = ({ settings }: ProgressContext): DisclosurePolicy =>
  policyWithThreshold(settings.suppressionThreshold);

/**
 * Whether the caller may read the pupil-level records behind a scope's figures (exact figures) or sees
 * aggregates only (rounded): a school's staff and its trust's leaders; a trust's leaders; never for an LA.
 */
export async function audienceOf(
  scope: Scope,
  id: string,
  context: ProgressContext,
  known?: SchoolPlace,
): Promise<Audience> {
  if (scope === 'trust') return canSeeTrustAggregates(context.viewer, id) ? 'pupils' : 'aggregates';
  if (scope === 'la') return 'aggregates';
  const place = known ?? (await context.loaders.place.load(Number(id)));
  return place && canSeePupilsOf(context.viewer, place) ? 'pupils' : 'aggregates';
}

/**
 * Each year's groups and which are hidden; a trust's or LA's decided together with its schools' (whoever
 * asks, so the same figures are hidden for every reader): the attacker test
 * (tests/security/disclosure-attack.test.ts) checks that nothing hidden can be narrowed.
 */
function yearGroups(
  data: ScopeGroups,
  policy: DisclosurePolicy,
  audience: Audience = 'pupils',
): Map<number, YearGroups> {
  const years = new Map<number, YearGroups>();
  for (const year of new Set(data.own.map((r) => r.academicYear))) {
    const groups = data.own.filter((r) => r.academicYear === year);
    const bySchool = new Map<string, typeof groups>();
    for (const r of data.schools) {
      if (r.academicYear !== year) continue;
      const list = bySchool.get(r.id);
      if (list) list.push(r);
      else bySchool.set(r.id, [r]);
    }
    const children = [...bySchool].map(([id, g]) => ({ id, groups: g }));
    const hidden = hiddenGroups(groups, children, policy);
    years.set(year, {
      groups,
      hidden,
      // Stuck rates as figures of their own, for aggregate-only readers (docs/disclosure-control.md).
      ...(audience === 'aggregates' ? { stuckHidden: hiddenStuck(groups, hidden, children, policy) } : {}),
    });
  }
  return years;
}

/** `gaps` for a school, trust or LA, once the caller's access has been checked. */
export async function gapsFor(scope: Scope, id: string, args: GapArgs, context: ProgressContext) {
  const policy = policyOf(context);
  const audience = await audienceOf(scope, id, context);
  const data = await context.loaders.scopeGroups.load({
    key: id,
    args: {
      scope,
      subject: args.subject,
      by: args.by,
      fromYear: args.academicYear,
      toYear: args.academicYear,
    },
  });
  const year = yearGroups(data, policy, audience).get(args.academicYear);
  return year ? groupGapReport(year.groups, year.hidden, audience, policy, year.stuckHidden) : [];
}

/** `gapTrend` for a school, trust or LA, once the caller's access has been checked. */
export async function gapTrendFor(scope: Scope, id: string, args: TrendArgs, context: ProgressContext) {
  const policy = policyOf(context);
  const audience = await audienceOf(scope, id, context);
  const [years, data] = await Promise.all([
    context.loaders.trendStats.load({
      key: id,
      args: { scope, subject: args.subject, by: args.by, fromYear: args.fromYear },
    }),
    context.loaders.scopeGroups.load({
      key: id,
      args: {
        scope,
        subject: args.subject,
        by: args.by,
        fromYear: args.fromYear,
        toYear: 9999,
      },
    }),
  ]);
  return gapTrendReport(years, yearGroups(data, policy), FOCUS_GROUPS[args.by], audience, policy);
}

/** A trust's take-up and its schools', decided together (as every reader of them gets them). */
async function trustTakeUp(trustId: string, academicYear: number, context: ProgressContext) {
  const args = { scope: 'trust' as const, year: academicYear };
  const [counts, schools] = await Promise.all([
    context.loaders.supportStats.load({ key: trustId, args }),
    context.loaders.supportStatsOfSchools.load({ key: trustId, args }),
  ]);
  return { counts, decision: hiddenTakeUpOfTrust(counts, schools, policyOf(context)) };
}

/** A school's take-up figures as hidden for every reader: with its trust's, or alone outside a trust. */
async function schoolTakeUpHidden(
  urn: string,
  academicYear: number,
  counts: readonly SupportCountsByGroup[],
  context: ProgressContext,
) {
  const place = await context.loaders.place.load(Number(urn));
  if (!place?.trustId) return hiddenTakeUp(counts, policyOf(context));
  const { decision } = await trustTakeUp(place.trustId, academicYear, context);
  return decision.parts.get(urn) ?? hiddenTakeUp(counts, policyOf(context));
}

/** Take-up of the entitlement for a school, trust or LA, once the caller's access has been checked. */
export async function supportTakeUpFor(
  scope: Scope,
  id: string,
  academicYear: number,
  context: ProgressContext,
) {
  const policy = policyOf(context);
  const audience = await audienceOf(scope, id, context);
  const report = (counts: readonly SupportCountsByGroup[], hidden: ReadonlyMap<string, Suppression>) => ({
    academicYear,
    ...supportTakeUpReport(counts, audience, policy, hidden),
  });
  if (scope === 'trust') {
    const { counts, decision } = await trustTakeUp(id, academicYear, context);
    return report(counts, decision.own);
  }
  const args = { scope, year: academicYear };
  const counts = await context.loaders.supportStats.load({ key: id, args });
  if (scope === 'school') return report(counts, await schoolTakeUpHidden(id, academicYear, counts, context));
  // An LA's take-up is the sum of its schools': protected against their figures as every reader gets them.
  const schools = await context.loaders.supportStatsOfSchools.load({
    key: id,
    args: { scope, year: academicYear },
  });
  const published = await Promise.all(
    schools.map(async (s) => ({
      ...s,
      hidden: await schoolTakeUpHidden(s.id, academicYear, s.counts, context),
    })),
  );
  return report(counts, hiddenTakeUpAbove(counts, published, policy));
}

export interface StatutoryGapArgs {
  keyStage: StatutoryKeyStage;
  academicYear: number;
}

/** `statutoryGapIndex` for a trust or LA, once the caller's access has been checked. */
export async function statutoryGapIndexFor(
  scope: 'trust' | 'la',
  id: string,
  args: StatutoryGapArgs,
  context: ProgressContext,
) {
  const counts = await context.loaders.statutoryGap.load({ key: id, args: { scope, ...args } });
  return {
    ...args,
    index: statutoryGapIndexReport(counts, await audienceOf(scope, id, context), policyOf(context)),
  };
}
