import type { ParentsContext } from '../context.ts';
import { Carer } from './carer.ts';

export const Query = {
  me: (_: unknown, __: unknown, { viewer, loaders }: ParentsContext) =>
    viewer.role === 'carer' ? loaders.carer.load(viewer.carerId) : null,
  carer: (_: unknown, { id }: { id: string }, context: ParentsContext) =>
    Carer.__resolveReference({ id }, context),
};

export const Me = {
  __resolveType: () => 'Carer',
};
