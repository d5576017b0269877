import type { PracticeResolvers, PracticeVersionResolvers } from '../generated/resolvers.ts';
import { eefStrand } from '../rules/eef-strands.ts';

const strand = (row: { strandId: string | null }) =>
  row.strandId ? (eefStrand(row.strandId) ?? null) : null;

export const Practice: PracticeResolvers = {
  /** Null for a practice the caller may not see, exactly as for one that does not exist. */
  __resolveReference: ({ id }, { loaders }) => loaders.practice.load(id),
  strand,
  school: (practice) => ({ urn: practice.urn }),
  authors: (practice) => practice.authorIds.map((id) => ({ id })),
  publishedAt: (practice) => practice.publishedAt?.toISOString() ?? null,
  retiredAt: (practice) => practice.retiredAt?.toISOString() ?? null,
  versions: (practice, _, { loaders }) => loaders.versionsOfPractice.load(practice.id),
  adoptions: (practice, _, { loaders }) => loaders.adoptionsOfPractice.load(practice.id),
  evidence: (practice, _, { loaders }) => loaders.evidenceOfPractice.load(practice.id),
};

export const PracticeVersion: PracticeVersionResolvers = {
  strand,
  savedBy: (version) => ({ id: version.savedBy }),
  savedAt: (version) => version.savedAt.toISOString(),
};
