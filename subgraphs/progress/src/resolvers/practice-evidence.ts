import type { ProgressContext } from '../context.ts';
import { adoptionEvidence } from '../rules/impact.ts';
import { impactOf } from './cohort.ts';

/** The practice subgraph's evidence: the gateway sends `{ practiceId, adoptionCohortIds }` (`@requires`). */
interface EvidenceRef {
  practiceId: string;
  adoptionCohortIds?: string[];
}

/**
 * Every cohort of every practice in the request is measured together (the `gainsOfCohort` loader: one query).
 * Aggregates only, so no access check beyond the practice subgraph's, which decides who sees the practice.
 */
async function evidenceOf(evidence: EvidenceRef, context: ProgressContext) {
  if (!evidence.adoptionCohortIds) return null;
  const impacts = await Promise.all(evidence.adoptionCohortIds.map((id) => impactOf(id, context)));
  return adoptionEvidence(impacts);
}

export const PracticeEvidence = {
  __resolveReference: (ref: EvidenceRef) => ref,
  measured: async (e: EvidenceRef, _: unknown, context: ProgressContext) =>
    (await evidenceOf(e, context))?.measured ?? null,
  withPositiveEffect: async (e: EvidenceRef, _: unknown, context: ProgressContext) =>
    (await evidenceOf(e, context))?.withPositiveEffect ?? null,
};
