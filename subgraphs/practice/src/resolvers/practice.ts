import type { PracticeContext } from '../context.ts';
import type { PracticeRow, PracticeVersionRow } from '../data/queries.ts';
import { eefStrand } from '../rules/eef-strands.ts';

const strand = (row: { strandId: string | null }) =>
  row.strandId ? (eefStrand(row.strandId) ?? null) : null;

export const Practice = {
  /** Null for a practice the caller may not see, exactly as for one that does not exist. */
  __resolveReference: ({ id }: { id: string }, { loaders }: PracticeContext) => loaders.practice.load(id),
  strand,
  school: (practice: PracticeRow) => ({ urn: practice.urn }),
  authors: (practice: PracticeRow) => practice.authorIds.map((id) => ({ id })),
  publishedAt: (practice: PracticeRow) => practice.publishedAt?.toISOString() ?? null,
  retiredAt: (practice: PracticeRow) => practice.retiredAt?.toISOString() ?? null,
  versions: (practice: PracticeRow, _: unknown, { loaders }: PracticeContext) =>
    loaders.versionsOfPractice.load(practice.id),
  adoptions: (practice: PracticeRow, _: unknown, { loaders }: PracticeContext) =>
    loaders.adoptionsOfPractice.load(practice.id),
  evidence: (practice: PracticeRow, _: unknown, { loaders }: PracticeContext) =>
    loaders.evidenceOfPractice.load(practice.id),
};

export const PracticeVersion = {
  strand,
  savedBy: (version: PracticeVersionRow) => ({ id: version.savedBy }),
  savedAt: (version: PracticeVersionRow) => version.savedAt.toISOString(),
};
