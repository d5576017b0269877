import type { ParentsContext } from '../context.ts';
import { wordQuestionnaire } from '../rules/survey.ts';
import { viewerLanguage } from './access.ts';
import { Carer } from './carer.ts';

export const Query = {
  me: (_: unknown, __: unknown, { viewer, loaders }: ParentsContext) =>
    viewer.role === 'carer' ? loaders.carer.load(viewer.carerId) : null,
  carer: (_: unknown, { id }: { id: string }, context: ParentsContext) =>
    Carer.__resolveReference({ id }, context),
  parentViewQuestionnaire: async (
    _: unknown,
    { language }: { language?: string | null },
    context: ParentsContext,
  ) => wordQuestionnaire(language ?? (await viewerLanguage(context))),
};

export const Me = {
  __resolveType: () => 'Carer',
};
