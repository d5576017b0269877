import { auditEventsTable } from '@commonroom/subgraph-kit/audit-table';
import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Everything the practice subgraph owns lives in the Postgres schema "practice"; no other subgraph reads it. */
export const practiceSchema = pgSchema('practice');

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const PHASES = ['PRIMARY', 'SECONDARY', 'ALL_THROUGH', 'SPECIAL', 'ALTERNATIVE_PROVISION'] as const;
export const KEY_STAGES = ['EYFS', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5'] as const;
export const PUPIL_GROUPS = [
  'ALL',
  'DISADVANTAGED',
  'SEN',
  'EAL',
  'LOOKED_AFTER',
  'LOW_PRIOR_ATTAINMENT',
  'HIGH_PRIOR_ATTAINMENT',
  'BOYS',
  'GIRLS',
] as const;
export const VISIBILITIES = ['TRUST', 'LOCAL_AUTHORITY', 'PUBLIC'] as const;
export const PRACTICE_STATUSES = ['DRAFT', 'PUBLISHED', 'RETIRED'] as const;
export const CPD_TYPES = [
  'COACHING',
  'LESSON_STUDY',
  'OPEN_DAY_VISIT',
  'SHADOWING_EXECUTIVE_HEAD',
  'SABBATICAL',
  'ACTION_RESEARCH',
  'E_MENTORING',
  'EXTERNAL_COURSE',
  'JOINT_PLANNING',
] as const;
export const CPD_FOCUSES = [
  'ASSESSMENT_FOR_LEARNING',
  'LEARNING_HOW_TO_LEARN',
  'SUBJECT_KNOWLEDGE',
  'LEADERSHIP',
  'SEN_AND_INCLUSION',
  'BEHAVIOUR',
  'OTHER',
] as const;
export const EXPERT_BACKGROUNDS = [
  'RETIRED_HEAD',
  'SERVING_LEADER',
  'SUBJECT_SPECIALIST',
  'HR',
  'FINANCE',
  'SEN_SPECIALIST',
  'BUSINESS',
] as const;
export const AVAILABILITIES = ['AVAILABLE', 'LIMITED', 'UNAVAILABLE'] as const;

/**
 * A read-only copy of where each school sits (LA, trust, phase, region) and how many teaching staff it
 * has, loaded from the DfE list and the demo staff definition (never from the schools subgraph's tables),
 * to decide visibility and to divide CPD hours by teachers.
 */
export const schoolDirectory = practiceSchema.table(
  'school_directory',
  {
    urn: integer('urn').primaryKey(),
    laCode: text('la_code').notNull(),
    trustId: text('trust_id'),
    phase: text('phase', { enum: PHASES }).notNull(),
    region: text('region').notNull(),
    /** Heads, teachers, SENCOs and learning guides; null where the school's staff are not known. */
    teachers: integer('teachers'),
  },
  (t) => [index('school_directory_la_idx').on(t.laCode), index('school_directory_trust_idx').on(t.trustId)],
);

export interface Resource {
  title: string;
  url: string;
}

/** The fields a practice's author writes; each version keeps its own copy. */
const content = () => ({
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  problem: text('problem').notNull(),
  approach: text('approach').notNull(),
  schoolEvidence: text('school_evidence').notNull().default(''),
  phases: text('phases', { enum: PHASES }).array().notNull().default(sql`'{}'`),
  keyStages: text('key_stages', { enum: KEY_STAGES }).array().notNull().default(sql`'{}'`),
  subjects: text('subjects').array().notNull().default(sql`'{}'`),
  pupilGroups: text('pupil_groups', { enum: PUPIL_GROUPS }).array().notNull().default(sql`'{}'`),
  strandId: text('strand_id'),
  resources: jsonb('resources').$type<Resource[]>().notNull().default([]),
  authorIds: text('author_ids').array().notNull().default(sql`'{}'`),
});

/** Weighted for ranking: title A, summary and problem B, approach and the school's evidence C. */
const searchDocument: SQL = sql`setweight(to_tsvector('english', coalesce(title, '')), 'A')
  || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(problem, '')), 'B')
  || setweight(to_tsvector('english', coalesce(approach, '') || ' ' || coalesce(school_evidence, '')), 'C')`;

/** The current version of each practice, with its search document. */
export const practices = practiceSchema.table(
  'practices',
  {
    id: text('id').primaryKey(),
    /** The publishing school. */
    urn: integer('urn').notNull(),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull(),
    status: text('status', { enum: PRACTICE_STATUSES }).notNull(),
    version: integer('version').notNull(),
    ...content(),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(() => searchDocument),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    index('practices_search_idx').using('gin', t.searchVector),
    index('practices_urn_idx').on(t.urn, t.createdAt),
    index('practices_strand_idx').on(t.strandId),
  ],
);

/** Every version ever saved, the current one included; editing adds a row and never changes one. */
export const practiceVersions = practiceSchema.table(
  'practice_versions',
  {
    practiceId: text('practice_id')
      .notNull()
      .references(() => practices.id),
    version: integer('version').notNull(),
    ...content(),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull(),
    /** The member of staff who saved it. */
    savedBy: text('saved_by').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.version] })],
);

/**
 * A school applying another school's practice, usually with modifications, to a cohort of its pupils.
 * The cohort (its pupils) lives in the progress subgraph; only its id is kept here.
 */
export const adoptions = practiceSchema.table(
  'adoptions',
  {
    id: text('id').primaryKey(),
    practiceId: text('practice_id')
      .notNull()
      .references(() => practices.id),
    /** The version adopted. */
    practiceVersion: integer('practice_version').notNull(),
    /** The adopting school. */
    urn: integer('urn').notNull(),
    /** An `InterventionCohort` id in the progress subgraph, `K<urn>-…`. */
    cohortId: text('cohort_id').notNull(),
    subject: text('subject').notNull(),
    yearGroup: smallint('year_group').notNull(),
    academicYear: smallint('academic_year').notNull(),
    modifications: text('modifications').notNull().default(''),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('adoptions_practice_idx').on(t.practiceId),
    index('adoptions_urn_idx').on(t.urn),
    uniqueIndex('adoptions_cohort_idx').on(t.cohortId),
  ],
);

export const cpdActivities = practiceSchema.table(
  'cpd_activities',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    staffId: text('staff_id').notNull(),
    type: text('type', { enum: CPD_TYPES }).notNull(),
    title: text('title').notNull(),
    hours: real('hours').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on').notNull(),
    /** The calendar year the academic year starts: 2025 is 2025/26. */
    academicYear: smallint('academic_year').notNull(),
    schoolBased: boolean('school_based').notNull(),
    inTeam: boolean('in_team').notNull(),
    focus: text('focus', { enum: CPD_FOCUSES }).notNull(),
    practiceId: text('practice_id').references(() => practices.id),
    /** For visits, shadowing and sabbaticals: the school where it took place. */
    hostUrn: integer('host_urn'),
  },
  (t) => [index('cpd_school_year_idx').on(t.urn, t.academicYear)],
);

export const expertProfiles = practiceSchema.table('expert_profiles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  background: text('background', { enum: EXPERT_BACKGROUNDS }).notNull(),
  summary: text('summary').notNull(),
  skills: text('skills').array().notNull(),
  region: text('region').notNull(),
  availability: text('availability', { enum: AVAILABILITIES }).notNull(),
  /** Days a month they can give, when available. */
  daysPerMonth: smallint('days_per_month').notNull().default(0),
});

export const SKILL_REQUEST_STATUSES = ['OPEN', 'FILLED', 'WITHDRAWN'] as const;

export const skillRequests = practiceSchema.table(
  'skill_requests',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    skills: text('skills').array().notNull(),
    status: text('status', { enum: SKILL_REQUEST_STATUSES }).notNull().default('OPEN'),
    requestedBy: text('requested_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('skill_requests_urn_idx').on(t.urn)],
);

/**
 * A team from one school's department working in another school's department. Departments are the schools
 * subgraph's (`D<urn>-MAT`…); with no Department entity key yet, their ids and subject are kept as data.
 */
export const consultancyEngagements = practiceSchema.table(
  'consultancy_engagements',
  {
    id: text('id').primaryKey(),
    fromUrn: integer('from_urn').notNull(),
    fromDepartmentId: text('from_department_id').notNull(),
    toUrn: integer('to_urn').notNull(),
    toDepartmentId: text('to_department_id').notNull(),
    subject: text('subject').notNull(),
    teamStaffIds: text('team_staff_ids').array().notNull(),
    aims: text('aims').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
  },
  (t) => [index('consultancy_from_idx').on(t.fromUrn), index('consultancy_to_idx').on(t.toUrn)],
);

/** Every change (practice holds no pupil-level data), append-only (packages/subgraph-kit/src/audit.ts). */
export const auditEvents = auditEventsTable(practiceSchema);
