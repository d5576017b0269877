import { auditEventsResolver, laAuditEventsResolver } from '@commonroom/subgraph-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { Adoption } from './adoption.ts';
import { ConsultancyEngagement } from './consultancy-engagement.ts';
import { ConsultancyMutation } from './consultancy-mutation.ts';
import { CpdActivity } from './cpd-activity.ts';
import { Mutation } from './mutation.ts';
import { Practice, PracticeVersion } from './practice.ts';
import { PracticeEvidence } from './practice-evidence.ts';
import { Query } from './query.ts';
import { School } from './school.ts';
import { SkillRequest } from './skill-request.ts';
import { Trust } from './trust.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation: { ...Mutation, ...ConsultancyMutation },
  Practice,
  PracticeVersion,
  PracticeEvidence,
  Adoption,
  School,
  Trust: { ...Trust, practiceAuditEvents: auditEventsResolver('practice') },
  LocalAuthority: {
    practiceAuditEvents: laAuditEventsResolver('practice', 'practice.school_directory'),
  },
  CpdActivity,
  SkillRequest,
  ConsultancyEngagement,
};
