import {
  boolean,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Everything the progress subgraph owns lives in the Postgres schema "progress"; no other subgraph reads it. */
export const progressSchema = pgSchema('progress');

/**
 * A read-only copy of which LA and trust each school is in, loaded from the same DfE list the schools
 * subgraph imports (never from its tables), to aggregate by LA and trust and to decide who may see what.
 */
export const schoolDirectory = progressSchema.table(
  'school_directory',
  {
    urn: integer('urn').primaryKey(),
    laCode: text('la_code').notNull(),
    trustId: text('trust_id'),
    phase: text('phase').notNull(),
  },
  (t) => [index('school_directory_la_idx').on(t.laCode), index('school_directory_trust_idx').on(t.trustId)],
);

/** A trust's own setting for expected progress and for what counts as stuck (defaults when absent). */
export const trustSettings = progressSchema.table('trust_settings', {
  trustId: text('trust_id').primaryKey(),
  expectedPointsPerTerm: real('expected_points_per_term').notNull(),
  stuckAfterAssessments: smallint('stuck_after_assessments').notNull(),
  minimumKeyStageShare: real('minimum_key_stage_share').notNull(),
});

export const scales = progressSchema.table('scales', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

/** Each grade of a scale and its points on the one continuum. */
export const scaleGrades = progressSchema.table(
  'scale_grades',
  {
    scaleId: text('scale_id')
      .notNull()
      .references(() => scales.id),
    grade: text('grade').notNull(),
    points: real('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scaleId, t.grade] })],
);

export const SEXES = ['FEMALE', 'MALE'] as const;
export const ETHNICITIES = ['WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'UNCLASSIFIED'] as const;
export const SEN_PROVISIONS = ['NONE', 'SEN_SUPPORT', 'EHC_PLAN'] as const;
export const SUBJECTS = ['READING', 'WRITING', 'MATHS', 'ENGLISH', 'SCIENCE'] as const;
export const ASSESSMENT_KINDS = ['STATUTORY', 'PERIODIC', 'TEACHER'] as const;

export const pupils = progressSchema.table(
  'pupils',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    upn: text('upn').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    ethnicity: text('ethnicity', { enum: ETHNICITIES }).notNull(),
    sen: text('sen', { enum: SEN_PROVISIONS }).notNull(),
    eal: boolean('eal').notNull(),
    lookedAfter: boolean('looked_after').notNull(),
    disadvantaged: boolean('disadvantaged').notNull(),
    /** Academic year in Reception: year group = academic year − this. */
    receptionYear: smallint('reception_year').notNull(),
    onRollFrom: smallint('on_roll_from').notNull(),
    onRollTo: smallint('on_roll_to').notNull(),
    /** Staff id in the schools subgraph. */
    learningGuideId: text('learning_guide_id'),
  },
  (t) => [
    uniqueIndex('pupils_upn_idx').on(t.upn),
    index('pupils_urn_idx').on(t.urn, t.id),
    index('pupils_guide_idx').on(t.learningGuideId),
  ],
);

export const assessments = progressSchema.table(
  'assessments',
  {
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    kind: text('kind', { enum: ASSESSMENT_KINDS }).notNull(),
    assessedOn: date('assessed_on').notNull(),
    academicYear: smallint('academic_year').notNull(),
    /** 1 autumn, 2 spring, 3 summer. */
    term: smallint('term').notNull(),
    yearGroup: smallint('year_group').notNull(),
    scaleId: text('scale_id').notNull(),
    grade: text('grade').notNull(),
    /** The grade's points on the continuum, copied from scale_grades when written. */
    points: real('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.subject, t.kind, t.assessedOn] })],
);

/**
 * Each pupil's result per academic year and subject, derived from assessments by the rules in src/rules
 * (recomputed for a pupil whenever their assessments change). The pupil's groups are copied in so that
 * gap reports for a whole LA are one scan of one table.
 */
export const pupilResults = progressSchema.table(
  'pupil_results',
  {
    pupilId: text('pupil_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    urn: integer('urn').notNull(),
    laCode: text('la_code').notNull(),
    trustId: text('trust_id'),
    yearGroup: smallint('year_group').notNull(),
    disadvantaged: boolean('disadvantaged').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    sen: text('sen', { enum: SEN_PROVISIONS }).notNull(),
    eal: boolean('eal').notNull(),
    ethnicity: text('ethnicity', { enum: ETHNICITIES }).notNull(),
    lookedAfter: boolean('looked_after').notNull(),
    attainment: real('attainment').notNull(),
    atExpected: boolean('at_expected').notNull(),
    progress: real('progress').notNull(),
    stuck: boolean('stuck').notNull(),
    stuckReason: text('stuck_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.pupilId, t.academicYear, t.subject] }),
    index('pupil_results_school_idx').on(t.urn, t.academicYear),
    index('pupil_results_la_idx').on(t.laCode, t.subject, t.academicYear),
    index('pupil_results_trust_idx').on(t.trustId, t.subject, t.academicYear),
  ],
);

/** What is being done for a stuck pupil: barriers, actions, who owns it and when it is next reviewed. */
export const progressPlans = progressSchema.table(
  'progress_plans',
  {
    id: text('id').primaryKey(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
    barriers: text('barriers').notNull(),
    actions: text('actions').notNull(),
    /** Staff id of the owner. */
    ownerId: text('owner_id').notNull(),
    startedOn: date('started_on').notNull(),
    reviewOn: date('review_on').notNull(),
    closedOn: date('closed_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('progress_plans_pupil_idx').on(t.pupilId), index('progress_plans_urn_idx').on(t.urn)],
);

export const TARGET_KINDS = ['ACADEMIC', 'NON_COGNITIVE'] as const;

/** A target in a pupil's individual learning plan: academic, or a non-cognitive skill such as resilience. */
export const learningTargets = progressSchema.table(
  'learning_targets',
  {
    id: text('id').primaryKey(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
    kind: text('kind', { enum: TARGET_KINDS }).notNull(),
    /** A subject for academic targets; a skill (RESILIENCE, COLLABORATION, INDEPENDENCE…) for the others. */
    area: text('area').notNull(),
    description: text('description').notNull(),
    setOn: date('set_on').notNull(),
    achievedOn: date('achieved_on'),
  },
  (t) => [index('learning_targets_pupil_idx').on(t.pupilId)],
);

/** A target's rating (1 not yet – 4 secure) at a point in time, so progress on it can be seen over time. */
export const targetRatings = progressSchema.table(
  'target_ratings',
  {
    targetId: text('target_id').notNull(),
    ratedOn: date('rated_on').notNull(),
    rating: smallint('rating').notNull(),
    ratedBy: text('rated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.ratedOn] })],
);

/** A review of a pupil's learning with their guide, due at least half-termly. */
export const reviews = progressSchema.table(
  'reviews',
  {
    id: text('id').primaryKey(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
    reviewerId: text('reviewer_id').notNull(),
    heldOn: date('held_on').notNull(),
    notes: text('notes').notNull(),
    nextReviewOn: date('next_review_on').notNull(),
  },
  (t) => [index('reviews_pupil_idx').on(t.pupilId, t.heldOn)],
);
