import type { Db } from '@commonroom/db';
import { sql } from 'drizzle-orm';

type Value = string | number | boolean | null;

/** One value in a Postgres array literal: quoted, with backslashes and quotes escaped; NULL unquoted. */
const element = (value: Value) =>
  value === null ? 'NULL' : `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Inserts many rows in one statement, each column sent as one array literal and unnested by Postgres:
 * a handful of parameters instead of one per value, which parses far faster (PGlite most of all).
 */
export async function insertUnnested(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, Value>[],
) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const arrays = names.map((name) => {
    const literal = `{${rows.map((row) => element(row[name] ?? null)).join(',')}}`;
    return sql`${literal}::${sql.raw(`${columns[name]}[]`)}`;
  });
  await db.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))}) select * from unnest(${sql.join(arrays, sql`, `)})`,
  );
}
