import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';

/**
 * Inserts many rows in one statement: they travel as one JSON parameter that Postgres unpacks with
 * json_to_recordset, so there is no 65,535-parameter limit and one round trip per batch, on PGlite and a
 * server alike. `columns` maps each column name to its SQL type.
 */
export async function insertJson(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  batch = 20_000,
) {
  const names = Object.keys(columns);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const types = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with inserted as (
        insert into ${sql.raw(table)} (${list})
        select ${list} from json_to_recordset(${JSON.stringify(chunk)}::json) as x(${types})
        returning 1
      ) select count(*)::int as n from inserted`,
    );
    inserted += row?.n ?? 0;
  }
  return inserted;
}
