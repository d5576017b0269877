import { forbidden } from '@commonroom/subgraph-kit';
import type { TrustResolvers } from '../generated/resolvers.ts';
import { canSeeTrustCpd } from '../rules/visibility.ts';
import { checkAcademicYear } from './school.ts';

export const Trust: TrustResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  cpd(trust: { id: string }, { academicYear }, { viewer, loaders }) {
    checkAcademicYear(academicYear);
    if (!canSeeTrustCpd(viewer, trust.id))
      throw forbidden("Only the trust's leaders and its trustees see its CPD.");
    return loaders.cpdOfTrust.load({ key: trust.id, args: { academicYear } });
  },
};
