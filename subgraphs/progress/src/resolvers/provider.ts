import type { ProgressContext } from '../context.ts';
import type { ApprovalRow, ProviderRow } from '../data/support.ts';

export const Provider = {
  school: (provider: ProviderRow) => (provider.urn === null ? null : { urn: provider.urn }),
  approvals: (provider: ProviderRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.approvalsOfProvider.load(provider.id),
};

export const ProviderApproval = {
  trust: (approval: ApprovalRow) => ({ id: approval.trustId }),
};
