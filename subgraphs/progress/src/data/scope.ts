import { type SQL, sql } from 'drizzle-orm';

/**
 * The one place that says how a report's scope (a school, a trust or an LA) and its gap dimension become SQL,
 * for the per-pupil tables (pupil_results, entitlements) and for the pre-aggregated ones (data/summaries.ts).
 */

export const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export type Scope = 'school' | 'trust' | 'la';
export const SCOPES: readonly Scope[] = ['school', 'trust', 'la'];

/** The scope's id in a per-pupil table, as text. */
export const SCOPE_COLUMN: Record<Scope, SQL> = {
  school: sql.raw('urn::text'),
  trust: sql.raw('trust_id'),
  la: sql.raw('la_code'),
};
export const SCOPE_FILTER: Record<Scope, SQL> = {
  school: sql.raw('urn'),
  trust: sql.raw('trust_id'),
  la: sql.raw('la_code'),
};
export const scopeValues = (scope: Scope, ids: readonly string[]) =>
  scope === 'school' ? list(ids.map(Number)) : list(ids);

/** Rows of a per-pupil table in any of the scopes `ids`. */
export const inScope = (scope: Scope, ids: readonly string[]) =>
  sql`${SCOPE_FILTER[scope]} in (${scopeValues(scope, ids)})`;

/** Rows of a summary table (columns `scope`, `scope_id`) for any of the scopes `ids`. */
export const inSummaryScope = (scope: Scope, ids: readonly string[]) =>
  sql`scope = ${scope} and scope_id in (${list(ids)})`;

export type GapDimension = 'DISADVANTAGED' | 'SEX' | 'SEN' | 'EAL' | 'ETHNICITY' | 'LOOKED_AFTER';

/**
 * Each dimension's group label and its focus group (compared with everyone else) where there is one, as
 * expressions over pupil_results; `focusColumn` names the focus group's counts in attainment_distribution.
 */
export const DIMENSIONS: Record<GapDimension, { group: SQL; focus: SQL | null; focusColumn: string | null }> =
  {
    DISADVANTAGED: {
      group: sql.raw(`case when disadvantaged then 'DISADVANTAGED' else 'NOT_DISADVANTAGED' end`),
      focus: sql.raw('disadvantaged'),
      focusColumn: 'disadvantaged',
    },
    SEX: { group: sql.raw('sex'), focus: sql.raw(`sex = 'MALE'`), focusColumn: 'male' },
    SEN: { group: sql.raw('sen'), focus: sql.raw(`sen <> 'NONE'`), focusColumn: 'sen' },
    EAL: {
      group: sql.raw(`case when eal then 'EAL' else 'NOT_EAL' end`),
      focus: sql.raw('eal'),
      focusColumn: 'eal',
    },
    ETHNICITY: { group: sql.raw('ethnicity'), focus: null, focusColumn: null },
    LOOKED_AFTER: {
      group: sql.raw(`case when looked_after then 'LOOKED_AFTER' else 'NOT_LOOKED_AFTER' end`),
      focus: sql.raw('looked_after'),
      focusColumn: 'looked_after',
    },
  };
export const GAP_DIMENSIONS = Object.keys(DIMENSIONS) as GapDimension[];
export const hasFocusGroup = (by: GapDimension) => DIMENSIONS[by].focus !== null;
