import { openDatabase, queryRows, runMigrations, sql, testServerUrl } from '@commonroom/db';
import { MIGRATIONS_DIR as PARENTS } from '@commonroom/parents';
import { MIGRATIONS_DIR as PRACTICE } from '@commonroom/practice';
import { MIGRATIONS_DIR as PROGRESS } from '@commonroom/progress';
import { MIGRATIONS_DIR as SCHOOLS } from '@commonroom/schools';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` and the benchmark start all four subgraphs at once on one fresh server database. Each creates
 * the shared `drizzle` schema for its migrations table; under separate locks, two `CREATE SCHEMA IF NOT
 * EXISTS "drizzle"` could race and one died on a unique violation in pg_namespace. Migrations share ONE lock.
 * Needs a server (DATABASE_URL): PGlite is one process per database and cannot race.
 */
const server = testServerUrl();
const subgraphs = { schools: SCHOOLS, progress: PROGRESS, practice: PRACTICE, parents: PARENTS };

describe.skipIf(!server)('migrations on one fresh server database', () => {
  it('all four subgraphs migrate concurrently, again and again, without racing', async () => {
    const admin = await openDatabase({ url: server as string, maxConnections: 1 });
    const run = (statement: string) => admin.db.execute(sql.raw(statement));
    try {
      // Several fresh databases: the race was a matter of timing, so give it more than one chance.
      for (let round = 0; round < 4; round++) {
        const name = `commonroom_migrate_${process.pid}_${round}`;
        await run(`drop database if exists "${name}" with (force)`);
        await run(`create database "${name}"`);
        const url = new URL(server as string);
        url.pathname = `/${name}`;
        const handles = await Promise.all(
          Object.keys(subgraphs).map(() => openDatabase({ url: url.toString(), maxConnections: 3 })),
        );
        try {
          const outcomes = await Promise.allSettled(
            Object.entries(subgraphs).map(([subgraph, dir], i) =>
              runMigrations(handles[i] as (typeof handles)[number], subgraph, dir),
            ),
          );
          expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
          const tables = await queryRows<{ table_name: string }>(
            (handles[0] as (typeof handles)[number]).db,
            sql`select table_name from information_schema.tables where table_schema = 'drizzle' order by 1`,
          );
          expect(tables.map((t) => t.table_name)).toEqual([
            'parents_migrations',
            'practice_migrations',
            'progress_migrations',
            'schools_migrations',
          ]);
        } finally {
          await Promise.all(handles.map((h) => h.close()));
          await run(`drop database if exists "${name}" with (force)`);
        }
      }
    } finally {
      await admin.close();
    }
  });
});
