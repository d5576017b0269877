import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder } from '@commonroom/subgraph-kit';
import { type SQL, sql } from 'drizzle-orm';
import { PUPIL_COLUMNS, type RawPupil, toPupil } from '../data/queries.ts';

const urnList = (urns: readonly number[]) =>
  sql.join(
    urns.map((u) => sql`${u}`),
    sql`, `,
  );

/** On roll in the school's latest year, and matching the search (a UPN exactly, else part of a name). */
function rosterConditions(search: string | undefined): SQL {
  const term = search?.trim();
  if (!term) return sql`true`;
  const like = `%${term.replace(/[\\%_]/g, '\\$&')}%`;
  return sql`(p.upn = ${term.toUpperCase()} or p.given_name ilike ${like} or p.family_name ilike ${like}
    or (p.given_name || ' ' || p.family_name) ilike ${like})`;
}

const onRoll = sql`p.on_roll_to = (select max(q.on_roll_to) from progress.pupils q where q.urn = p.urn)`;

/** One page of each school's roster, in one query for every school asked about. */
export async function rosterPages(
  db: Db,
  urns: readonly number[],
  args: { limit: number; after: string | undefined; search: string | undefined },
) {
  const rows = await queryRows<RawPupil>(
    db,
    sql`select * from (
          select ${PUPIL_COLUMNS}, row_number() over (partition by p.urn order by p.id) as n
          from progress.pupils p join progress.school_directory d on d.urn = p.urn
          where p.urn in (${urnList(urns)}) and ${onRoll} and ${rosterConditions(args.search)}
            and (${args.after ?? null}::text is null or p.id > ${args.after ?? null}::text)
        ) x where x.n <= ${args.limit + 1} order by x.id`,
  );
  return groupedInKeyOrder(urns, rows.map(toPupil), (p) => p.urn);
}

export async function rosterCounts(db: Db, urns: readonly number[], args: { search: string | undefined }) {
  const rows = await queryRows<{ urn: number; n: number }>(
    db,
    sql`select p.urn, count(*)::int as n from progress.pupils p
        where p.urn in (${urnList(urns)}) and ${onRoll} and ${rosterConditions(args.search)} group by p.urn`,
  );
  const byUrn = new Map(rows.map((r) => [Number(r.urn), Number(r.n)]));
  return urns.map((u) => byUrn.get(u) ?? 0);
}
