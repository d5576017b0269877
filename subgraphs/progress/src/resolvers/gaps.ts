import type { ProgressContext } from '../context.ts';
import { type GapDimension, hasFocusGroup, type Scope } from '../data/queries.ts';
import { supportTakeUpReport } from '../rules/entitlement.ts';
import { gapTrendReport, groupGapReport } from '../rules/reports.ts';

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

/** `gaps` for a school, trust or LA, once the caller's access has been checked. */
export async function gapsFor(
  scope: Scope,
  id: string,
  args: GapArgs,
  { loaders, settings }: ProgressContext,
) {
  const stats = await loaders.groupStats.load({
    key: id,
    args: { scope, year: args.academicYear, subject: args.subject, by: args.by },
  });
  return groupGapReport(stats, settings.suppressionThreshold);
}

/** `gapTrend` for a school, trust or LA, once the caller's access has been checked. */
export async function gapTrendFor(
  scope: Scope,
  id: string,
  args: TrendArgs,
  { loaders, settings }: ProgressContext,
) {
  const years = await loaders.trendStats.load({
    key: id,
    args: { scope, subject: args.subject, by: args.by, fromYear: args.fromYear },
  });
  return gapTrendReport(years, settings.suppressionThreshold, hasFocusGroup(args.by));
}

/** Take-up of the entitlement for a school, trust or LA, once the caller's access has been checked. */
export async function supportTakeUpFor(
  scope: Scope,
  id: string,
  academicYear: number,
  { loaders, settings }: ProgressContext,
) {
  const counts = await loaders.supportStats.load({ key: id, args: { scope, year: academicYear } });
  return { academicYear, ...supportTakeUpReport(counts, settings.suppressionThreshold) };
}
