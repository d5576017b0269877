import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';

/** One school as the other subgraphs' read-only directories hold it. */
export interface DirectoryRow {
  urn: number;
  la_code: string;
  trust_id: string | null;
  phase: string;
  region: string;
  name: string;
}

/**
 * The subgraphs that keep a read-only copy of the directory (`<schema>.school_directory`, loaded from the
 * owner's import — never from the schools tables), and the columns each keeps.
 */
export const DIRECTORY_COPIES = [
  { subgraph: 'progress', columns: ['la_code', 'trust_id', 'phase'] },
  { subgraph: 'practice', columns: ['la_code', 'trust_id', 'phase', 'region'] },
  { subgraph: 'parents', columns: ['la_code', 'trust_id', 'name'] },
] as const;

const TYPES: Record<string, string> = {
  la_code: 'text',
  trust_id: 'text',
  phase: 'text',
  region: 'text',
  name: 'text',
};

/**
 * Brings one subgraph's copy of the directory in line with a GIAS import: schools upserted by URN, a row
 * touched only when a value differs (so a second import changes nothing). An LA or trust move changes which
 * LA and trust the school's figures count towards from now on; rows already derived (progress's results and
 * summaries) keep the LA and trust they were counted under.
 */
export async function updateDirectoryCopy(
  db: Db,
  copy: (typeof DIRECTORY_COPIES)[number],
  rows: readonly DirectoryRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns: string[] = [...copy.columns];
  const names = sql.raw(['urn', ...columns].join(', '));
  const types = sql.raw(['urn integer', ...columns.map((c) => `${c} ${TYPES[c]}`)].join(', '));
  const set = sql.raw(columns.map((c) => `${c} = excluded.${c}`).join(', '));
  const changed = sql.raw(columns.map((c) => `t.${c} is distinct from excluded.${c}`).join(' or '));
  const written = await queryRows<{ n: number }>(
    db,
    sql`with written as (
          insert into ${sql.raw(`${copy.subgraph}.school_directory`)} as t (${names})
          select ${names} from json_to_recordset(${JSON.stringify(rows)}::json) as x(${types})
          on conflict (urn) do update set ${set} where ${changed}
          returning 1
        ) select count(*)::int as n from written`,
  );
  return written[0]?.n ?? 0;
}
