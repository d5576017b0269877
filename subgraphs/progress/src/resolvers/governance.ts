import { badUserInput, forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import {
  canManageTrustSettings,
  canSeeAggregatesOf,
  canSeeLaAggregates,
  canSetSchoolTargets,
} from '../data/access.ts';
import type { Scope } from '../data/scope.ts';
import { saveTargets } from '../data/targets.ts';
import { readTrustSettings, saveTrustSettings } from '../data/trust-settings.ts';
import { schoolProgressReport } from '../rules/reports.ts';
import { type Targets, targetsProblem } from '../rules/targets.ts';
import {
  applyTrustSettingsChange,
  changesRules,
  type TrustSettingsChange,
  trustSettingsProblem,
} from '../rules/trust-settings.ts';
import { audienceOf, gapsFor, gapTrendFor, policyOf, supportTakeUpFor } from './gaps.ts';
import type { ReviewScope } from './reviews.ts';
import { checkTrustFigures } from './trust.ts';

const CORE_SUBJECTS = ['READING', 'WRITING', 'MATHS'] as const;
/** The trend a governing body sees: this year and the four before it. */
const TREND_YEARS = 4;

/** The report's parts every scope shares, once the caller's access has been checked. */
async function governorFigures(scope: Scope, id: string, academicYear: number, context: ProgressContext) {
  const [gaps, trend, supportTakeUp, targets] = await Promise.all([
    Promise.all(
      CORE_SUBJECTS.map(async (subject) => ({
        subject,
        groups: (await gapsFor(scope, id, { academicYear, subject, by: 'DISADVANTAGED' }, context)) ?? [],
      })),
    ),
    gapTrendFor(
      scope,
      id,
      { subject: 'MATHS', by: 'DISADVANTAGED', fromYear: academicYear - TREND_YEARS },
      context,
    ),
    supportTakeUpFor(scope, id, academicYear, context),
    context.loaders.targets.load({
      key: id,
      args: { scope, fromYear: academicYear - TREND_YEARS, toYear: academicYear },
    }),
  ]);
  return {
    academicYear,
    targets: targets.find((t) => t.academicYear === academicYear) ?? null,
    targetTrend: targets,
    disadvantagedGaps: gaps,
    disadvantagedGapTrend: trend.filter((t) => t.academicYear <= academicYear),
    supportTakeUp,
  };
}

export const GovernanceSchool = {
  async governorReport(
    school: { urn: number },
    { academicYear }: { academicYear: number },
    context: ProgressContext,
  ) {
    const row = await context.loaders.schoolProgress.load({ key: school.urn, args: { year: academicYear } });
    if (!row) throw notFound(`No school with URN ${school.urn}.`);
    if (!canSeeAggregatesOf(context.viewer, row))
      throw forbidden("Only the school's governors, staff, trust and LA may see its governor report.");
    const audience = await audienceOf('school', String(school.urn), context, row);
    const figures = await governorFigures('school', String(school.urn), academicYear, context);
    return {
      ...figures,
      progress: { academicYear, ...schoolProgressReport(row, audience, policyOf(context)) },
      reviewScope: { scope: 'school', id: String(school.urn) } satisfies ReviewScope,
    };
  },
};

export const GovernanceTrust = {
  async governorReport(
    trust: { id: string },
    { academicYear }: { academicYear: number },
    context: ProgressContext,
  ) {
    checkTrustFigures(trust, context);
    return {
      ...(await governorFigures('trust', trust.id, academicYear, context)),
      progress: null,
      reviewScope: { scope: 'trust', id: trust.id } satisfies ReviewScope,
    };
  },
  async settings(trust: { id: string }, _: unknown, { viewer, db }: ProgressContext) {
    if (!canManageTrustSettings(viewer, trust.id))
      throw forbidden("Only the trust's leaders see its settings.");
    const { settings, custom } = await readTrustSettings(db, trust.id);
    return { trustId: trust.id, custom, ...settings };
  },
};

export const GovernanceMutation = {
  async updateTrustSettings(
    _: unknown,
    { trustId, input }: { trustId: string; input: TrustSettingsChange },
    { viewer, db }: ProgressContext,
  ) {
    if (!canManageTrustSettings(viewer, trustId))
      throw forbidden("Only the trust's leaders change its settings.");
    // GraphQL gives null for an explicit null: it leaves the field as it is, like leaving it out.
    const change = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
    ) as TrustSettingsChange;
    const problem = trustSettingsProblem(change);
    if (problem) throw badUserInput(problem.message, problem.field);
    return db.transaction(async (tx) => {
      // Locked per trust: two leaders saving at once each apply their change to the other's, not to a stale copy.
      const { settings: before } = await readTrustSettings(tx, trustId, { lock: true });
      const after = applyTrustSettingsChange(before, change);
      await saveTrustSettings(tx, trustId, after, changesRules(before, after));
      return { trustId, custom: true, ...after };
    });
  },
};

const TARGET_SCOPES: Record<string, Scope> = { SCHOOL: 'school', TRUST: 'trust', LA: 'la' };

export const GovernanceLocalAuthority = {
  async progressTargets(
    la: { code: string },
    { academicYear }: { academicYear: number },
    { viewer, loaders }: ProgressContext,
  ) {
    if (!canSeeLaAggregates(viewer, la.code)) throw forbidden("Only the LA's officers see its targets.");
    const years = await loaders.targets.load({
      key: la.code,
      args: { scope: 'la', fromYear: academicYear, toYear: academicYear },
    });
    return years[0] ?? null;
  },
};

export const TargetsMutation = {
  async setProgressTargets(
    _: unknown,
    { input }: { input: { scope: string; id: string; academicYear: number } & Partial<Targets> },
    context: ProgressContext,
  ) {
    const scope = TARGET_SCOPES[input.scope] as Scope;
    if (!(await canSetTargetsFor(context, scope, input.id)))
      throw forbidden('Targets are set by the school’s staff, the trust’s leaders or the LA’s officers.');
    const problem = targetsProblem(input.academicYear, input);
    if (problem) throw badUserInput(problem.message, problem.field);
    const targets: Targets = {
      stuckPupils: input.stuckPupils ?? null,
      stuckWithoutPlan: input.stuckWithoutPlan ?? null,
      disadvantagedGap: input.disadvantagedGap ?? null,
    };
    const sub = 'sub' in context.viewer ? context.viewer.sub : 'anonymous';
    return saveTargets(context.db, scope, input.id, input.academicYear, targets, sub);
  },
};

async function canSetTargetsFor({ viewer, loaders }: ProgressContext, scope: Scope, id: string) {
  if (scope === 'trust') return canManageTrustSettings(viewer, id);
  if (scope === 'la') return canSeeLaAggregates(viewer, id);
  const urn = Number(id);
  if (!Number.isInteger(urn)) return false;
  const place = await loaders.place.load(urn);
  return place !== null && place !== undefined && canSetSchoolTargets(viewer, place);
}
