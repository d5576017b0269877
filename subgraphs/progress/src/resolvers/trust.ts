import { forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeeTrustFigures } from '../data/access.ts';
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

export function checkTrustFigures(trust: TrustRef, { viewer }: ProgressContext) {
  if (!canSeeTrustFigures(viewer, trust.id))
    throw forbidden("Only the trust's own leaders and its trustees may see its gaps.");
}

export const Trust = {
  __resolveReference: ({ id }: TrustRef) => ({ id }),
  gaps(trust: TrustRef, args: GapArgs, context: ProgressContext) {
    checkTrustFigures(trust, context);
    return gapsFor('trust', trust.id, args, context);
  },
  statutoryGapIndex(trust: TrustRef, args: StatutoryGapArgs, context: ProgressContext) {
    checkTrustFigures(trust, context);
    return statutoryGapIndexFor('trust', trust.id, args, context);
  },
  gapTrend(trust: TrustRef, args: TrendArgs, context: ProgressContext) {
    checkTrustFigures(trust, context);
    return gapTrendFor('trust', trust.id, args, context);
  },
  supportTakeUp(trust: TrustRef, { academicYear }: { academicYear: number }, context: ProgressContext) {
    checkTrustFigures(trust, context);
    return supportTakeUpFor('trust', trust.id, academicYear, context);
  },
};
