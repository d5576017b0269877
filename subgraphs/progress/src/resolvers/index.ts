import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { auditEventsResolver, laAuditEventsResolver } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { Booking } from './booking.ts';
import { Adoption, CohortMutation, InterventionCohort } from './cohort.ts';
import { ConsultancyEngagement } from './consultancy-engagement.ts';
import { CtfMutation } from './ctf.ts';
import { DataSubjectMutation, DataSubjectQuery, SubjectAccessExport } from './data-subject.ts';
import { Entitlement } from './entitlement.ts';
import {
  GovernanceLocalAuthority,
  GovernanceMutation,
  GovernanceSchool,
  GovernanceTrust,
  TargetsMutation,
} from './governance.ts';
import {
  LessonFeedbackMutation,
  LessonFeedbackQuery,
  LessonFeedbackSchool,
  LessonFeedbackSurvey,
  SelfEvaluation,
} from './lesson-feedback.ts';
import { LocalAuthority } from './local-authority.ts';
import { Mutation } from './mutation.ts';
import { LearningTarget, ProgressPlan, Review, TargetRating } from './plans.ts';
import { PracticeEvidence } from './practice-evidence.ts';
import { Provider, ProviderApproval } from './provider.ts';
import { Pupil } from './pupil.ts';
import { Query } from './query.ts';
import { ReviewsGovernorReport, ReviewsSchool } from './reviews.ts';
import { SchoolRoster } from './roster.ts';
import { School } from './school.ts';
import { SupportMutation } from './support-mutations.ts';
import { SupportOption } from './support-option.ts';
import { Trust } from './trust.ts';

export const resolvers = {
  Query: { ...Query, ...DataSubjectQuery, ...LessonFeedbackQuery },
  Mutation: {
    ...Mutation,
    ...GovernanceMutation,
    ...TargetsMutation,
    ...SupportMutation,
    ...CohortMutation,
    ...DataSubjectMutation,
    ...CtfMutation,
    ...LessonFeedbackMutation,
  },
  SubjectAccessExport,
  School: { ...School, ...SchoolRoster, ...GovernanceSchool, ...ReviewsSchool, ...LessonFeedbackSchool },
  SelfEvaluation,
  LessonFeedbackSurvey,
  GovernorReport: ReviewsGovernorReport,
  LocalAuthority: {
    ...LocalAuthority,
    ...GovernanceLocalAuthority,
    progressAuditEvents: laAuditEventsResolver('progress', 'progress.school_directory'),
  },
  Trust: { ...Trust, ...GovernanceTrust, progressAuditEvents: auditEventsResolver('progress') },
  Pupil,
  ProgressPlan,
  LearningTarget,
  TargetRating,
  Review,
  Entitlement,
  SupportOption,
  Provider,
  ProviderApproval,
  Booking,
  InterventionCohort,
  Adoption,
  PracticeEvidence,
  ConsultancyEngagement,
} as unknown as GraphQLResolverMap<ProgressContext>;
