import { forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeeLaAggregates } from '../data/access.ts';
import {
  type GapArgs,
  gapsFor,
  gapTrendFor,
  type StatutoryGapArgs,
  statutoryGapIndexFor,
  supportTakeUpFor,
  type TrendArgs,
} from './gaps.ts';

interface LaRef {
  code: string;
}

function check(la: LaRef, { viewer }: ProgressContext) {
  if (!canSeeLaAggregates(viewer, la.code)) throw forbidden("Only the LA's own officers may see its gaps.");
}

export const LocalAuthority = {
  __resolveReference: ({ code }: LaRef) => ({ code }),
  gaps(la: LaRef, args: GapArgs, context: ProgressContext) {
    check(la, context);
    return gapsFor('la', la.code, args, context);
  },
  statutoryGapIndex(la: LaRef, args: StatutoryGapArgs, context: ProgressContext) {
    check(la, context);
    return statutoryGapIndexFor('la', la.code, args, context);
  },
  gapTrend(la: LaRef, args: TrendArgs, context: ProgressContext) {
    check(la, context);
    return gapTrendFor('la', la.code, args, context);
  },
  supportTakeUp(la: LaRef, { academicYear }: { academicYear: number }, context: ProgressContext) {
    check(la, context);
    return supportTakeUpFor('la', la.code, academicYear, context);
  },
};
