import { date, index, integer, pgSchema, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Everything the schools subgraph owns lives in the Postgres schema "schools"; no other subgraph reads it. */
export const schoolsSchema = pgSchema('schools');

export const localAuthorities = schoolsSchema.table('local_authorities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  region: text('region').notNull(),
});

export const trusts = schoolsSchema.table(
  'trusts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['MAT', 'SAT'] }).notNull(),
    region: text('region').notNull(),
    /** GIAS's internal key (`Trusts (code)`); null for the demo's made-up trusts. */
    groupUid: integer('group_uid'),
    /** Eight characters, left-padded with zeros as Companies House writes it. */
    companiesHouseNumber: text('companies_house_number'),
  },
  (t) => [uniqueIndex('trusts_group_uid_idx').on(t.groupUid)],
);

export const schools = schoolsSchema.table(
  'schools',
  {
    urn: integer('urn').primaryKey(),
    laestab: integer('laestab').notNull(),
    laCode: text('la_code')
      .notNull()
      .references(() => localAuthorities.code),
    estab: integer('estab').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    phase: text('phase', {
      enum: ['PRIMARY', 'SECONDARY', 'ALL_THROUGH', 'SPECIAL', 'ALTERNATIVE_PROVISION'],
    }).notNull(),
    constituency: text('constituency').notNull(),
    status: text('status', { enum: ['OPEN', 'CLOSED'] })
      .notNull()
      .default('OPEN'),
    pupilsOnRoll: real('pupils_on_roll').notNull(),
    primaryOnRoll: real('primary_on_roll').notNull(),
    secondaryOnRoll: real('secondary_on_roll').notNull(),
    disadvantagedPupils: real('disadvantaged_pupils').notNull(),
    percentDisadvantaged: real('percent_disadvantaged').notNull(),
    // A trust first known only by its GIAS group UID is renamed to its Group ID when the groups file comes.
    trustId: text('trust_id').references(() => trusts.id, { onUpdate: 'cascade' }),
    openedOn: date('opened_on'),
    closedOn: date('closed_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('schools_la_code_idx').on(t.laCode, t.urn),
    index('schools_trust_id_idx').on(t.trustId, t.urn),
    index('schools_similar_idx').on(t.phase, t.pupilsOnRoll),
  ],
);

export const departments = schoolsSchema.table(
  'departments',
  {
    id: text('id').primaryKey(),
    urn: integer('urn')
      .notNull()
      .references(() => schools.urn),
    name: text('name').notNull(),
    subject: text('subject'),
  },
  (t) => [index('departments_urn_idx').on(t.urn)],
);

export const STAFF_ROLES = ['HEAD', 'TEACHER', 'SENCO', 'LEARNING_GUIDE', 'SUPPORT'] as const;

export const staff = schoolsSchema.table(
  'staff',
  {
    id: text('id').primaryKey(),
    urn: integer('urn')
      .notNull()
      .references(() => schools.urn),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    departmentId: text('department_id').references(() => departments.id),
  },
  (t) => [index('staff_urn_idx').on(t.urn), index('staff_department_idx').on(t.departmentId)],
);
