import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { auditEventsResolver, laAuditEventsResolver } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { Carer, CarerLink } from './carer.ts';
import { ConsultationSlot } from './consultation-slot.ts';
import { DataSubjectMutation, SubjectAccessExport } from './data-subject.ts';
import { Message } from './message.ts';
import { Mutation } from './mutation.ts';
import { Pupil } from './pupil.ts';
import { Me, Query } from './query.ts';
import { QuestionResult, School, Trust } from './school.ts';
import { ClearedTrafficLight, TeacherLightMutation, TeacherTrafficLight } from './teacher-lights.ts';
import { TrafficLight } from './traffic-light.ts';

export const resolvers = {
  Query,
  Mutation: { ...Mutation, ...DataSubjectMutation, ...TeacherLightMutation },
  SubjectAccessExport,
  Me,
  Carer,
  CarerLink,
  Pupil,
  TrafficLight,
  TeacherTrafficLight,
  ClearedTrafficLight,
  Message,
  School,
  Trust: { ...Trust, parentsAuditEvents: auditEventsResolver('parents') },
  LocalAuthority: {
    parentsAuditEvents: laAuditEventsResolver('parents', 'parents.school_directory'),
  },
  QuestionResult,
  ConsultationSlot,
} as unknown as GraphQLResolverMap<ParentsContext>;
