import { forbidden } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { canSeeSatisfactionOf, canSeeTrustSatisfaction, readsAggregatesOnly } from '../data/access.ts';
import type { SchoolRow } from '../data/queries.ts';
import {
  addCounts,
  MIN_RESPONSES,
  type ParentViewQuestion,
  type SurveyCounts,
  statementIn,
  summariseSurvey,
} from '../rules/survey.ts';
import { viewerLanguage } from './access.ts';

const NONE: SurveyCounts = { responses: 0, recommend: 0, carers: 0, answers: [] };

export const School = {
  __resolveReference: ({ urn }: { urn: number }, { loaders }: ParentsContext) => loaders.school.load(urn),
  consultationBookingsPerChild: (school: SchoolRow, _: unknown, { loaders }: ParentsContext) =>
    loaders.bookingsPerChild.load(school.urn),
  async parentSatisfaction(
    school: SchoolRow,
    { academicYear }: { academicYear: number },
    context: ParentsContext,
  ) {
    if (!canSeeSatisfactionOf(context.viewer, school))
      throw forbidden(
        "Only the school's staff, its trust's leaders, its LA's officers and its governors see this.",
      );
    const counts = await context.loaders.satisfaction.load({ key: school.urn, args: { academicYear } });
    // LA officers and governors see aggregates only: shares to whole percentages (docs/disclosure-control.md).
    const audience = readsAggregatesOnly(context.viewer) ? 'aggregates' : 'pupils';
    return summariseSurvey(academicYear, counts ?? NONE, MIN_RESPONSES, audience);
  },
};

export const Trust = {
  __resolveReference: ({ id }: { id: string }) => ({ id }),
  async parentSatisfaction(
    { id }: { id: string },
    { academicYear }: { academicYear: number },
    context: ParentsContext,
  ) {
    if (!canSeeTrustSatisfaction(context.viewer, id))
      throw forbidden("Only the trust's own leaders and its trustees see this.");
    const schools = await context.loaders.schoolsOfTrust.load(id);
    const counts = await context.loaders.satisfaction.loadMany(
      schools.map((s) => ({ key: s.urn, args: { academicYear } })),
    );
    return summariseSurvey(
      academicYear,
      addCounts(counts.map((c) => (c && !(c instanceof Error) ? c : NONE))),
      MIN_RESPONSES,
      readsAggregatesOnly(context.viewer) ? 'aggregates' : 'pupils',
    );
  },
};

export const QuestionResult = {
  statement: async (
    result: { question: ParentViewQuestion },
    { language }: { language?: string | null },
    context: ParentsContext,
  ) => statementIn(result.question, language ?? (await viewerLanguage(context))),
};
