import type { ProgressContext } from '../context.ts';
import type { ApprovalRow, ProviderRow } from '../data/support.ts';

export const Provider = {
  school: (provider: ProviderRow) => (provider.urn === null ? null : { urn: provider.urn }),
  approvals: (provider: ProviderRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.approvalsOfProvider.load(provider.id),
};

/** `trust_id` holds the approving body's key: a trust's id, or `LA<code>` for an LA (scope.ts `commissionsFor`). */
const laOf = (approval: ApprovalRow) => /^LA(\d{3})$/.exec(approval.trustId)?.[1];

export const ProviderApproval = {
  trust: (approval: ApprovalRow) => (laOf(approval) ? null : { id: approval.trustId }),
  localAuthority: (approval: ApprovalRow) => {
    const code = laOf(approval);
    return code ? { code } : null;
  },
};
