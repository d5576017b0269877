import type { Db } from '@commonroom/db';
import { argsCacheKey, batchByArgs } from '@commonroom/subgraph-kit';
import DataLoader from 'dataloader';
import { rosterCounts, rosterPages } from '../ctf/roster.ts';
import * as cohorts from './cohorts.ts';
import * as concepts from './concepts.ts';
import * as departments from './departments.ts';
import * as feedback from './lesson-feedback.ts';
import * as q from './queries.ts';
import { reviewWeeksOfTrusts } from './reviews.ts';
import { type StatutoryKeyStage, statutoryGapCounts } from './statutory-gap.ts';
import * as support from './support.ts';
import { targetsOf } from './targets.ts';

type Keyed<K, A> = { key: K; args: A };
const byArgs = <K, A, R>(load: (keys: readonly K[], args: A) => Promise<R[]>) =>
  new DataLoader<Keyed<K, A>, R, string>(batchByArgs(load), { cacheKeyFn: argsCacheKey });

/** A fresh set per request, so nothing cached leaks between callers. */
export function createLoaders(db: Db) {
  return {
    place: new DataLoader((urns: readonly number[]) => q.directoryByUrns(db, urns)),
    /** A trust's review cycle for vulnerable pupils (undefined: the default). */
    reviewWeeks: new DataLoader((trustIds: readonly string[]) => reviewWeeksOfTrusts(db, trustIds)),
    schoolProgress: byArgs((urns: readonly number[], a: { year: number }) =>
      q.schoolProgress(db, urns, a.year),
    ),
    stuckPage: byArgs(
      (urns: readonly number[], a: { year: number; limit: number; after: string | undefined }) =>
        q.stuckPupilPages(db, urns, a.year, a.limit, a.after),
    ),
    /** A school's, trust's or LA's targets over some years. */
    targets: byArgs((ids: readonly string[], a: { scope: q.Scope; fromYear: number; toYear: number }) =>
      targetsOf(db, a.scope, ids, a.fromYear, a.toYear),
    ),
    stuckCount: byArgs((urns: readonly number[], a: { year: number }) =>
      q.stuckPupilCounts(db, urns, a.year),
    ),
    rosterPage: byArgs(
      (
        urns: readonly number[],
        a: { limit: number; after: string | undefined; search: string | undefined },
      ) => rosterPages(db, urns, a),
    ),
    rosterCount: byArgs((urns: readonly number[], a: { search: string | undefined }) =>
      rosterCounts(db, urns, a),
    ),
    groupStats: byArgs(
      (ids: readonly string[], a: { scope: q.Scope; year: number; subject: string; by: q.GapDimension }) =>
        q.groupStats(db, a.scope, ids, a.year, a.subject, a.by),
    ),
    /** A scope's groups over some years, with its schools' (disclosure control's input): two queries. */
    scopeGroups: byArgs(
      (
        ids: readonly string[],
        a: {
          scope: q.Scope;
          subject: string;
          by: q.GapDimension;
          fromYear: number;
          toYear: number;
        },
      ) => q.scopeGroups(db, a.scope, ids, a.subject, a.by, a.fromYear, a.toYear),
    ),
    trendStats: byArgs(
      (
        ids: readonly string[],
        a: { scope: q.Scope; subject: string; by: q.GapDimension; fromYear: number },
      ) => q.trendStats(db, a.scope, ids, a.subject, a.by, a.fromYear),
    ),
    statutoryGap: byArgs(
      (
        ids: readonly string[],
        a: { scope: 'trust' | 'la'; keyStage: StatutoryKeyStage; academicYear: number },
      ) => statutoryGapCounts(db, a.scope, ids, a.keyStage, a.academicYear),
    ),
    pupil: new DataLoader((ids: readonly string[]) => q.pupilsByIds(db, ids)),
    /** A carer's linked pupils: loaded once per request for the signed-in carer. */
    childrenOfCarer: new DataLoader((carerIds: readonly string[]) => q.childrenOfCarers(db, carerIds)),
    plansOfPupil: new DataLoader((ids: readonly string[]) => q.plansByPupils(db, ids)),
    resultsOfPupil: byArgs((ids: readonly string[], a: { year: number }) =>
      q.resultsByPupils(db, ids, a.year),
    ),
    /** The latest periodic assessment's concept results per subject and academic year, for traffic lights. */
    conceptResultsOfPupil: new DataLoader((ids: readonly string[]) =>
      concepts.conceptResultsByPupils(db, ids),
    ),
    assessmentsOfPupil: new DataLoader((ids: readonly string[]) => q.assessmentsByPupils(db, ids)),
    targetsOfPupil: new DataLoader((ids: readonly string[]) => q.targetsByPupils(db, ids)),
    ratingsOfTarget: new DataLoader((ids: readonly string[]) => q.ratingsByTargets(db, ids)),
    reviewsOfPupil: new DataLoader((ids: readonly string[]) => q.reviewsByPupils(db, ids)),
    entitlement: byArgs((ids: readonly string[], a: { year: number }) =>
      support.entitlementsByPupils(db, ids, a.year),
    ),
    bookingsOfPupil: byArgs((ids: readonly string[], a: { year: number }) =>
      support.bookingsByPupils(db, ids, a.year),
    ),
    cohort: new DataLoader((ids: readonly string[]) => cohorts.cohortsByIds(db, ids)),
    membersOfCohort: new DataLoader((ids: readonly string[]) => cohorts.membersOfCohorts(db, ids)),
    /**
     * What the impact rule needs, for every adoption, cohort and practice's evidence asked for in a request:
     * one query.
     */
    gainsOfCohort: new DataLoader((ids: readonly string[]) => cohorts.gainsOfCohorts(db, ids)),
    /** Pupils' yearly progress at a school over some years, for every consultancy engagement asked: one query. */
    pupilYearsOfSchool: new DataLoader(
      (keys: readonly departments.SchoolYears[]) => departments.pupilYearsOfSchools(db, keys),
      { cacheKeyFn: departments.schoolYearsKey },
    ),
    optionsAt: new DataLoader((urns: readonly number[]) => support.optionsAtSchools(db, urns)),
    option: new DataLoader((ids: readonly string[]) => support.optionsByIds(db, ids)),
    schoolsOfOption: new DataLoader((ids: readonly string[]) => support.schoolsOfOptions(db, ids)),
    provider: new DataLoader((ids: readonly string[]) => support.providersByIds(db, ids)),
    approvalsOfProvider: new DataLoader((ids: readonly string[]) => support.approvalsOfProviders(db, ids)),
    supportStats: byArgs((ids: readonly string[], a: { scope: q.Scope; year: number }) =>
      support.supportStats(db, a.scope, ids, a.year),
    ),
    supportStatsOfSchools: byArgs((ids: readonly string[], a: { scope: 'trust' | 'la'; year: number }) =>
      support.supportStatsOfSchools(db, a.scope, ids, a.year),
    ),
    /** The lesson-feedback question bank (one key: it is read once per request). */
    feedbackQuestions: new DataLoader(async (keys: readonly 'bank'[]) => {
      const bank = await feedback.questionBank(db);
      return keys.map(() => bank);
    }),
    feedbackSurvey: new DataLoader((ids: readonly string[]) => feedback.surveysByIds(db, ids)),
    feedbackSurveysOfSchool: byArgs((urns: readonly number[], a: { year: number }) =>
      feedback.surveysOfSchools(db, urns, a.year),
    ),
    openFeedbackSurveys: byArgs((pupilIds: readonly string[], a: { today: string }) =>
      feedback.openSurveysOfPupils(db, pupilIds, a.today),
    ),
    feedbackAnsweredBy: byArgs((surveyIds: readonly string[], a: { pupilId: string }) =>
      feedback.answeredBy(db, surveyIds, a.pupilId),
    ),
    /** A survey's stored counts (its results' input): every survey in the request in one query. */
    feedbackCounts: new DataLoader(
      (surveys: readonly feedback.FeedbackSurveyRow[]) => feedback.countsOfSurveys(db, surveys),
      { cacheKeyFn: (s) => s.id },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
