import { forbidden } from '@commonroom/subgraph-kit';
import type { PracticeContext } from '../context.ts';
import { canSeeTrustCpd } from '../rules/visibility.ts';
import { checkAcademicYear } from './school.ts';

export const Trust = {
  __resolveReference: ({ id }: { id: string }) => ({ id }),
  cpd(
    trust: { id: string },
    { academicYear }: { academicYear: number },
    { viewer, loaders }: PracticeContext,
  ) {
    checkAcademicYear(academicYear);
    if (!canSeeTrustCpd(viewer, trust.id))
      throw forbidden("Only the trust's leaders and its trustees see its CPD.");
    return loaders.cpdOfTrust.load({ key: trust.id, args: { academicYear } });
  },
};
