import { forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeeTrustAggregates } from '../data/access.ts';
import {
  type GapArgs,
  gapsFor,
  gapTrendFor,
  type StatutoryGapArgs,
  statutoryGapIndexFor,
  supportTakeUpFor,
  type TrendArgs,
} from './gaps.ts';

interface TrustRef {
  id: string;
}

function check(trust: TrustRef, { viewer }: ProgressContext) {
  if (!canSeeTrustAggregates(viewer, trust.id))
    throw forbidden("Only the trust's own leaders may see its gaps.");
}

export const Trust = {
  __resolveReference: ({ id }: TrustRef) => ({ id }),
  gaps(trust: TrustRef, args: GapArgs, context: ProgressContext) {
    check(trust, context);
    return gapsFor('trust', trust.id, args, context);
  },
  statutoryGapIndex(trust: TrustRef, args: StatutoryGapArgs, context: ProgressContext) {
    check(trust, context);
    return statutoryGapIndexFor('trust', trust.id, args, context);
  },
  gapTrend(trust: TrustRef, args: TrendArgs, context: ProgressContext) {
    check(trust, context);
    return gapTrendFor('trust', trust.id, args, context);
  },
  supportTakeUp(trust: TrustRef, { academicYear }: { academicYear: number }, context: ProgressContext) {
    check(trust, context);
    return supportTakeUpFor('trust', trust.id, academicYear, context);
  },
};
