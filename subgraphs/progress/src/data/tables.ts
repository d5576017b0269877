import { auditEventsTable, erasuresTable } from '@commonroom/subgraph-kit/audit-table';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
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
  /** The budget of each entitlement to additional support (one pupil, one academic year), in pence. */
  supportBudgetPence: integer('support_budget_pence').notNull().default(30_000),
  /** Not progressing between key stages: a gain below this share of expected (see rules/entitlement.ts). */
  notProgressingShare: real('not_progressing_share').notNull().default(0.75),
  /**
   * How long a pupil's personal data is kept: this many years after they left (their last year on roll) or
   * after their last assessment, whichever is later; then the retention job erases it (DPO README section).
   */
  retentionYears: smallint('retention_years').notNull().default(6),
  /** How often vulnerable pupils are reviewed, in weeks (rules/reviews.ts): half a term by default. */
  vulnerableReviewWeeks: smallint('vulnerable_review_weeks').notNull().default(6),
});

/**
 * Targets a school, trust or LA sets itself for an academic year: stuck pupils (the report's aspiration: none),
 * stuck pupils without a plan, and the disadvantaged gap (a share, as `SchoolProgress.disadvantagedGap`).
 * A target left null is not set.
 */
export const progressTargets = progressSchema.table(
  'progress_targets',
  {
    scope: text('scope').notNull(),
    scopeId: text('scope_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    stuckPupils: integer('stuck_pupils'),
    stuckWithoutPlan: integer('stuck_without_plan'),
    disadvantagedGap: real('disadvantaged_gap'),
    /** The setter's `sub`; the audit trail has the rest. */
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.scopeId, t.academicYear] }),
    check('progress_targets_scope', sql`${t.scope} in ('school', 'trust', 'la')`),
  ],
);

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
    // Stuck pupils are about one in ten: the stuck lists and "stuck without a plan" read only these.
    index('pupil_results_stuck_idx').on(t.urn, t.academicYear, t.pupilId).where(sql`stuck`),
  ],
);

/*
 * Pre-aggregated results, so reports read a few rows per school, trust or LA instead of every pupil, and stay
 * flat as data grows. They are derived from pupil_results by data/summaries.ts (refreshSummaries) in the
 * same transaction as every write of pupil_results (the import, the seed, the benchmark's generator); a test
 * (summaries.test.ts) checks that reports from them equal those computed from pupil_results.
 */

/** One school's year, per pupil across the core subjects: the numbers of the school progress report. */
export const schoolSummary = progressSchema.table(
  'school_summary',
  {
    urn: integer('urn').notNull(),
    academicYear: smallint('academic_year').notNull(),
    pupils: integer('pupils').notNull(),
    stuck: integer('stuck').notNull(),
    onTrack: integer('on_track').notNull(),
    atExpected: integer('at_expected').notNull(),
    /** The sum over pupils of each pupil's mean progress across the core subjects (numeric: exact, any order). */
    progressSum: numeric('progress_sum').notNull(),
    disadvantaged: integer('disadvantaged').notNull(),
    disadvantagedAtExpected: integer('disadvantaged_at_expected').notNull(),
  },
  (t) => [primaryKey({ columns: [t.urn, t.academicYear] })],
);

/**
 * Per school, trust and LA (`scope`), year, subject and group of each gap dimension: the cohort, how many at
 * the expected standard, the sum of progress and how many stuck. Trust and LA rows are the sums of their
 * schools' rows, kept by adding each refreshed school's difference, so `progress_sum` is exact (numeric).
 */
export const groupSummary = progressSchema.table(
  'group_summary',
  {
    scope: text('scope', { enum: ['school', 'trust', 'la'] }).notNull(),
    scopeId: text('scope_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    dimension: text('dimension').notNull(),
    grp: text('grp').notNull(),
    pupils: integer('pupils').notNull(),
    atExpected: integer('at_expected').notNull(),
    progressSum: numeric('progress_sum').notNull(),
    stuck: integer('stuck').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeId, t.subject, t.academicYear, t.dimension, t.grp] })],
);

/**
 * Per school, trust and LA, year, subject, year group and attainment (points): how many pupils, how many at the
 * expected standard, and the same for the focus group of each gap dimension. Ranks within a year group, and
 * so the DfE gap index, follow exactly from these counts (ties share their mean rank).
 */
export const attainmentDistribution = progressSchema.table(
  'attainment_distribution',
  {
    scope: text('scope', { enum: ['school', 'trust', 'la'] }).notNull(),
    scopeId: text('scope_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    yearGroup: smallint('year_group').notNull(),
    attainment: real('attainment').notNull(),
    pupils: integer('pupils').notNull(),
    atExpected: integer('at_expected').notNull(),
    disadvantaged: integer('disadvantaged').notNull(),
    disadvantagedAtExpected: integer('disadvantaged_at_expected').notNull(),
    male: integer('male').notNull(),
    maleAtExpected: integer('male_at_expected').notNull(),
    sen: integer('sen').notNull(),
    senAtExpected: integer('sen_at_expected').notNull(),
    eal: integer('eal').notNull(),
    ealAtExpected: integer('eal_at_expected').notNull(),
    lookedAfter: integer('looked_after').notNull(),
    lookedAfterAtExpected: integer('looked_after_at_expected').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.scope, t.scopeId, t.subject, t.academicYear, t.yearGroup, t.attainment],
    }),
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

/**
 * A pupil's entitlement to additional support in an academic year, re-evaluated from their assessments
 * whenever results are recomputed. A row exists once a pupil has been eligible; it stays (eligible false)
 * if they stop being so, with their bookings. `budget_pence` is the trust's setting when it was created.
 * Bookings lock this row (SELECT … FOR UPDATE) so a budget is never overspent.
 */
export const entitlements = progressSchema.table(
  'entitlements',
  {
    pupilId: text('pupil_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    urn: integer('urn').notNull(),
    laCode: text('la_code').notNull(),
    trustId: text('trust_id'),
    disadvantaged: boolean('disadvantaged').notNull(),
    sen: text('sen', { enum: SEN_PROVISIONS }).notNull(),
    eligible: boolean('eligible').notNull(),
    /** [{ code, subject, description }] from rules/entitlement.ts. */
    reasons: jsonb('reasons').notNull(),
    budgetPence: integer('budget_pence').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.pupilId, t.academicYear] }),
    index('entitlements_school_idx').on(t.urn, t.academicYear),
    index('entitlements_la_idx').on(t.laCode, t.academicYear),
    index('entitlements_trust_idx').on(t.trustId, t.academicYear),
  ],
);

export const PROVIDER_KINDS = ['SCHOOL', 'EXTERNAL'] as const;

/** Who provides support: a school itself (always approved for its own pupils) or an external provider. */
export const providers = progressSchema.table('providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: PROVIDER_KINDS }).notNull(),
  /** The school, for a school's own provision. */
  urn: integer('urn'),
  description: text('description').notNull(),
});

/** A trust's approval of an external provider for its schools, from a date and until a date (or open). */
export const providerApprovals = progressSchema.table(
  'provider_approvals',
  {
    providerId: text('provider_id').notNull(),
    /** The approving body: a trust's id, or `LA<code>` for an LA's maintained schools (auth `commissionsFor`). */
    trustId: text('trust_id').notNull(),
    approvedOn: date('approved_on').notNull(),
    approvedUntil: date('approved_until'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.trustId] })],
);

export const SUPPORT_MODES = ['ONE_TO_ONE', 'SMALL_GROUP', 'ONLINE', 'FAMILY_LEARNING', 'MENTORING'] as const;

/**
 * A support option pupils and carers may choose: cost per pupil, and a capacity of places that bookings
 * take. Bookings lock this row after the entitlement row, always in that order, so two bookings never
 * deadlock and never take more places than there are.
 */
export const supportOptions = progressSchema.table(
  'support_options',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** READING, WRITING, MATHS, ENGLISH, or null for support across subjects. */
    subject: text('subject', { enum: SUBJECTS }),
    mode: text('mode', { enum: SUPPORT_MODES }).notNull(),
    costPence: integer('cost_pence').notNull(),
    capacity: integer('capacity').notNull(),
    /**
     * The body that published it — a trust's id, or `LA<code>` for an LA's maintained schools — or null for a
     * school's own option published with the demo data.
     */
    publishedBy: text('published_by'),
    publishedOn: date('published_on').notNull(),
    withdrawnOn: date('withdrawn_on'),
  },
  (t) => [
    index('support_options_provider_idx').on(t.providerId),
    check('support_options_cost_positive', sql`${t.costPence} > 0`),
    check('support_options_capacity_positive', sql`${t.capacity} > 0`),
  ],
);

/** The schools an option is offered in. */
export const supportOptionSchools = progressSchema.table(
  'support_option_schools',
  {
    optionId: text('option_id').notNull(),
    urn: integer('urn').notNull(),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.urn] }), index('support_option_schools_urn_idx').on(t.urn)],
);

export const BOOKING_STATUSES = ['BOOKED', 'CANCELLED'] as const;

/** A place on an option booked for an entitled pupil, drawing its cost on the entitlement's budget. */
export const bookings = progressSchema.table(
  'bookings',
  {
    id: text('id').primaryKey(),
    pupilId: text('pupil_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    urn: integer('urn').notNull(),
    optionId: text('option_id').notNull(),
    providerId: text('provider_id').notNull(),
    costPence: integer('cost_pence').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who booked: `staff:<id>`, `carer:<id>`. */
    bookedBy: text('booked_by').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by'),
  },
  (t) => [
    index('bookings_pupil_idx').on(t.pupilId, t.academicYear),
    index('bookings_option_idx').on(t.optionId, t.status),
    index('bookings_provider_idx').on(t.providerId, t.id),
  ],
);

export const LEDGER_KINDS = ['DEBIT', 'CREDIT'] as const;

/**
 * The append-only ledger of each entitlement's budget: a debit when a place is booked, a credit when it is
 * cancelled. What is left is the budget minus debits plus credits; rows are never changed or deleted.
 */
export const supportLedger = progressSchema.table(
  'support_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pupilId: text('pupil_id').notNull(),
    academicYear: smallint('academic_year').notNull(),
    bookingId: text('booking_id').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    amountPence: integer('amount_pence').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: text('by').notNull(),
  },
  (t) => [
    index('support_ledger_entitlement_idx').on(t.pupilId, t.academicYear),
    uniqueIndex('support_ledger_booking_kind_idx').on(t.bookingId, t.kind),
    check('support_ledger_amount_positive', sql`${t.amountPence} > 0`),
  ],
);

/**
 * A read-only copy of which carers are linked to which pupils, loaded from the same definition the parents
 * subgraph loads (`demoCarers(school).links` in @commonroom/demo), never from its tables: a carer may see,
 * and book support for, the pupils linked to them here and nobody else.
 */
export const carerLinks = progressSchema.table(
  'carer_links',
  {
    carerId: text('carer_id').notNull(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
  },
  (t) => [primaryKey({ columns: [t.carerId, t.pupilId] }), index('carer_links_pupil_idx').on(t.pupilId)],
);

/**
 * A group of a school's pupils that a piece of practice (an `Adoption` in the practice subgraph) is applied
 * to, in one subject, year group and academic year. Ids are `K<urn>-<suffix>`: the URN names the school whose
 * pupils are in it. Its measured impact compares the members' progress with comparable pupils' (rules/impact.ts).
 */
export const interventionCohorts = progressSchema.table(
  'intervention_cohorts',
  {
    id: text('id').primaryKey(),
    urn: integer('urn').notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    yearGroup: smallint('year_group').notNull(),
    academicYear: smallint('academic_year').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    /** `staff:<id>`, or `demo`. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('intervention_cohorts_urn_idx').on(t.urn)],
);

/** The pupils of a cohort (all of the cohort's school). */
export const cohortMembers = progressSchema.table(
  'cohort_members',
  {
    cohortId: text('cohort_id').notNull(),
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.pupilId] }), index('cohort_members_pupil_idx').on(t.pupilId)],
);

/**
 * Each cohort's measured pupils, kept so that reading a practice's impact reads these rows rather than every
 * assessment of the year group (data/cohorts.ts): one row per pupil of the cohort's school and year group
 * with assessments at both ends of the cohort's period in every measured subject — the pupil's baseline and
 * end points (means over those subjects), and whether the pupil is in the cohort. Rewritten for a school's
 * cohorts in the transaction that changes its results (refreshSummaries) and when a cohort is created; a test
 * compares it with the live computation.
 */
export const cohortGains = progressSchema.table(
  'cohort_gains',
  {
    cohortId: text('cohort_id').notNull(),
    pupilId: text('pupil_id').notNull(),
    inCohort: boolean('in_cohort').notNull(),
    baseline: doublePrecision('baseline').notNull(),
    endPoints: doublePrecision('end_points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.pupilId] }), index('cohort_gains_pupil_idx').on(t.pupilId)],
);

export const CONCEPT_SUBJECT_VALUES = ['READING', 'WRITING', 'MATHS'] as const;

/**
 * Concept-level results of a periodic assessment in reading, writing or maths (e.g. fractions or place value in
 * maths): where the pupil is on the points continuum for that concept, and the expected standard for their year
 * group at that term (`expectedPoints` in rules/progress.ts), kept beside it so a reader needs no rule to compare.
 * Recorded by the assessment import (optional `concept:<NAME>` columns) and the demo generator. The parents
 * subgraph turns the latest into traffic lights through federation (`Pupil.conceptResults`, @inaccessible).
 */
export const conceptResults = progressSchema.table(
  'concept_results',
  {
    pupilId: text('pupil_id').notNull(),
    urn: integer('urn').notNull(),
    subject: text('subject', { enum: CONCEPT_SUBJECT_VALUES }).notNull(),
    concept: text('concept').notNull(),
    assessedOn: date('assessed_on').notNull(),
    academicYear: smallint('academic_year').notNull(),
    /** 1 autumn, 2 spring, 3 summer. */
    term: smallint('term').notNull(),
    yearGroup: smallint('year_group').notNull(),
    points: real('points').notNull(),
    expectedPoints: real('expected_points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.assessedOn, t.subject, t.concept] })],
);

/** Every read of pupil-level data and every change, append-only (packages/subgraph-kit/src/audit.ts). */
export const auditEvents = auditEventsTable(progressSchema);

/** Tombstones of erased pupils (subject erasure and the retention job): id, school, trust, when, why. */
export const erasures = erasuresTable(progressSchema);
