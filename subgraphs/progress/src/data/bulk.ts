import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyClient, type Db, queryRows } from '@commonroom/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Inserts many rows in one statement whatever their number: the rows travel as one JSON parameter that
 * Postgres unpacks with json_to_recordset, so there is no limit of 65,535 parameters and one round trip
 * per batch, on PGlite and on a server alike. `columns` maps column name to SQL type.
 */
export async function insertJson(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  onConflict: SQL = sql``,
) {
  if (rows.length === 0) return 0;
  const names = Object.keys(columns);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const types = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '));
  const inserted = await queryRows<{ n: number }>(
    db,
    sql`with inserted as (
      insert into ${sql.raw(table)} (${list})
      select ${list} from json_to_recordset(${JSON.stringify(rows)}::json) as x(${types})
      ${onConflict}
      returning 1
    ) select count(*)::int as n from inserted`,
  );
  return inserted[0]?.n ?? 0;
}

/** One value in PostgreSQL's COPY text format: `\N` for null, escapes for backslash, tab and line ends. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

/**
 * Collects rows per table and writes them in batches of `size`. On a PostgreSQL server each batch goes
 * through `COPY … FROM STDIN` on the caller's connection (its transaction), the rows already turned into
 * COPY text as they are added, and the next batch is prepared while the server takes the last one; on
 * PGlite, through `insertJson`. Rows of `shared` tables (reference rows that several generations write, such
 * as the external providers) are skipped when already there (always through `insertJson`).
 */
export class BatchWriter {
  private readonly pending = new Map<string, (Record<string, unknown> | string)[]>();
  private readonly copy: ReturnType<typeof copyClient>;
  private inflight: Promise<void> = Promise.resolve();
  /** Rows written per table. */
  readonly written = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly tables: Record<string, Record<string, string>>,
    private readonly size = 20_000,
    private readonly shared: ReadonlySet<string> = new Set([
      'progress.providers',
      // One per trust (a trust's schools may be generated in several runs), or per school (a school with no
      // pupils is generated again by the next run).
      'progress.provider_approvals',
      'progress.support_options',
      'progress.support_option_schools',
    ]),
  ) {
    this.copy = copyClient(db);
  }

  async add(table: string, row: Record<string, unknown>) {
    let rows = this.pending.get(table);
    if (!rows) {
      rows = [];
      this.pending.set(table, rows);
    }
    const columns = this.tables[table];
    if (!columns) throw new Error(`no columns for ${table}`);
    if (this.copy && !this.shared.has(table))
      rows.push(
        `${Object.keys(columns)
          .map((c) => copyText(row[c]))
          .join('\t')}\n`,
      );
    else rows.push(row);
    if (rows.length >= (this.copy ? this.size * 5 : this.size)) await this.flushTable(table);
  }

  async flushTable(table: string) {
    const rows = this.pending.get(table) ?? [];
    this.pending.set(table, []);
    if (rows.length === 0) return;
    this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
    const columns = this.tables[table];
    if (!columns) throw new Error(`no columns for ${table}`);
    // One statement at a time on the connection: wait for the batch before, then send this one unawaited.
    await this.inflight;
    const copy = this.copy;
    if (copy && typeof rows[0] === 'string') {
      const names = Object.keys(columns)
        .map((n) => `"${n}"`)
        .join(', ');
      this.inflight = (async () => {
        const writable = await copy.unsafe(`copy ${table} (${names}) from stdin`).writable();
        await pipeline(Readable.from(chunks(rows as string[])), writable);
      })();
      return;
    }
    await insertJson(
      this.db,
      table,
      columns,
      rows as Record<string, unknown>[],
      this.shared.has(table) ? sql`on conflict do nothing` : sql``,
    );
  }

  async flush() {
    for (const table of this.pending.keys()) await this.flushTable(table);
    await this.inflight;
  }
}

/** COPY lines joined into chunks of about 1 MB. */
function* chunks(lines: string[]) {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const COLUMNS = {
  'progress.pupils': {
    id: 'text',
    urn: 'int',
    upn: 'text',
    given_name: 'text',
    family_name: 'text',
    date_of_birth: 'date',
    sex: 'text',
    ethnicity: 'text',
    sen: 'text',
    eal: 'boolean',
    looked_after: 'boolean',
    disadvantaged: 'boolean',
    reception_year: 'smallint',
    on_roll_from: 'smallint',
    on_roll_to: 'smallint',
    learning_guide_id: 'text',
  },
  'progress.assessments': {
    pupil_id: 'text',
    urn: 'int',
    subject: 'text',
    kind: 'text',
    assessed_on: 'date',
    academic_year: 'smallint',
    term: 'smallint',
    year_group: 'smallint',
    scale_id: 'text',
    grade: 'text',
    points: 'real',
  },
  'progress.pupil_results': {
    pupil_id: 'text',
    academic_year: 'smallint',
    subject: 'text',
    urn: 'int',
    la_code: 'text',
    trust_id: 'text',
    year_group: 'smallint',
    disadvantaged: 'boolean',
    sex: 'text',
    sen: 'text',
    eal: 'boolean',
    ethnicity: 'text',
    looked_after: 'boolean',
    attainment: 'real',
    at_expected: 'boolean',
    progress: 'real',
    stuck: 'boolean',
    stuck_reason: 'text',
  },
  'progress.progress_plans': {
    id: 'text',
    pupil_id: 'text',
    urn: 'int',
    barriers: 'text',
    actions: 'text',
    owner_id: 'text',
    started_on: 'date',
    review_on: 'date',
    closed_on: 'date',
  },
  'progress.learning_targets': {
    id: 'text',
    pupil_id: 'text',
    urn: 'int',
    kind: 'text',
    area: 'text',
    description: 'text',
    set_on: 'date',
    achieved_on: 'date',
  },
  'progress.target_ratings': { target_id: 'text', rated_on: 'date', rating: 'smallint', rated_by: 'text' },
  'progress.reviews': {
    id: 'text',
    pupil_id: 'text',
    urn: 'int',
    reviewer_id: 'text',
    held_on: 'date',
    notes: 'text',
    next_review_on: 'date',
  },
  'progress.school_directory': { urn: 'int', la_code: 'text', trust_id: 'text', phase: 'text' },
  'progress.carer_links': { carer_id: 'text', pupil_id: 'text', urn: 'int' },
  'progress.intervention_cohorts': {
    id: 'text',
    urn: 'int',
    subject: 'text',
    year_group: 'smallint',
    academic_year: 'smallint',
    started_on: 'date',
    ended_on: 'date',
    created_by: 'text',
  },
  'progress.cohort_members': { cohort_id: 'text', pupil_id: 'text', urn: 'int' },
  'progress.concept_results': {
    pupil_id: 'text',
    urn: 'int',
    subject: 'text',
    concept: 'text',
    assessed_on: 'date',
    academic_year: 'smallint',
    term: 'smallint',
    year_group: 'smallint',
    points: 'real',
    expected_points: 'real',
  },
  'progress.entitlements': {
    pupil_id: 'text',
    academic_year: 'smallint',
    urn: 'int',
    la_code: 'text',
    trust_id: 'text',
    disadvantaged: 'boolean',
    sen: 'text',
    eligible: 'boolean',
    reasons: 'jsonb',
    budget_pence: 'int',
  },
  'progress.providers': { id: 'text', name: 'text', kind: 'text', urn: 'int', description: 'text' },
  'progress.provider_approvals': {
    provider_id: 'text',
    trust_id: 'text',
    approved_on: 'date',
    approved_until: 'date',
  },
  'progress.support_options': {
    id: 'text',
    provider_id: 'text',
    title: 'text',
    description: 'text',
    subject: 'text',
    mode: 'text',
    cost_pence: 'int',
    capacity: 'int',
    published_by: 'text',
    published_on: 'date',
    withdrawn_on: 'date',
  },
  'progress.support_option_schools': { option_id: 'text', urn: 'int' },
  'progress.bookings': {
    id: 'text',
    pupil_id: 'text',
    academic_year: 'smallint',
    urn: 'int',
    option_id: 'text',
    provider_id: 'text',
    cost_pence: 'int',
    status: 'text',
    booked_at: 'timestamptz',
    booked_by: 'text',
    cancelled_at: 'timestamptz',
    cancelled_by: 'text',
  },
  'progress.support_ledger': {
    pupil_id: 'text',
    academic_year: 'smallint',
    booking_id: 'text',
    kind: 'text',
    amount_pence: 'int',
    at: 'timestamptz',
    by: 'text',
  },
} satisfies Record<string, Record<string, string>>;
