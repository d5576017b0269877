import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { type Logger, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { databaseSettings } from './env.ts';

export { databaseSettings, testServerUrl } from './env.ts';

/** One drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL and returns its rows, hiding the drivers' different result shapes. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** For PostgreSQL `COPY`-style bulk loads on a server; undefined on PGlite. */
  sqlClient?: postgres.Sql;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL server URL; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory` keeps it in memory (tests). */
  dataDir?: string | 'memory';
  /** Called for every SQL statement drizzle sends (tests count queries with it). */
  onQuery?: (query: string, params: unknown[]) => void;
  /** postgres.js pool size. */
  maxConnections?: number;
}

/** Runs raw SQL on either driver and returns its rows (postgres.js gives an array, PGlite `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * The postgres.js client under a drizzle database or transaction on a PostgreSQL server (a transaction gives
 * its own connection), for `COPY … FROM STDIN`; undefined on PGlite.
 */
export function copyClient(db: Db): postgres.Sql | undefined {
  // drizzle keeps the driver's client on its session; only postgres.js has `unsafe`.
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as
    | (postgres.Sql & { unsafe?: unknown })
    | undefined;
  return typeof client?.unsafe === 'function' ? client : undefined;
}

/**
 * The postgres.js client as drizzle should use it: drizzle sends every statement through `unsafe` unprepared,
 * so PostgreSQL parsed and planned each one anew (about 30% of its time on the report queries). Here each
 * statement is prepared once per connection (postgres.js keys them by their text) and then only executed.
 * `COPY` cannot be prepared. Transactions get their own connection from postgres.js and stay unprepared.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'unsafe') return Reflect.get(target, key, receiver);
      return (
        query: string,
        params?: postgres.ParameterOrJSON<never>[],
        options?: postgres.UnsafeQueryOptions,
      ) => target.unsafe(query, params, { ...options, prepare: !/^\s*copy\b/i.test(query) });
    },
  });
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query, params) => options.onQuery?.(query, params) }
    : undefined;
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Reconnect transparently after a database restart: postgres.js opens connections lazily.
      idle_timeout: 30,
    });
    const db = drizzlePostgres(preparing(client), { logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      sqlClient: client,
      rows: (query) => queryRows(db, query),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir === 'memory' || !options.dataDir ? undefined : options.dataDir;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzlePglite(client, { logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows: (query) => queryRows(db, query),
    close: () => client.close(),
  };
}

/** Opens the database a named subgraph is configured for (see env.ts). */
export function openSubgraphDatabase(name: string, extra: Omit<OpenOptions, 'url' | 'dataDir'> = {}) {
  const { url, dataDir } = databaseSettings(name);
  return openDatabase({ ...extra, url, dataDir });
}

/**
 * The one advisory lock every subgraph's migrations take. All of them share the `drizzle` schema for their
 * migrations tables, and `CREATE SCHEMA IF NOT EXISTS` is not safe against itself: two subgraphs migrating a
 * fresh database under separate locks could both try to create it, and one died on a unique violation in
 * `pg_namespace`. One lock for all serialises every migration on a server, whichever subgraph runs it.
 */
export const MIGRATION_LOCK_KEY = 'commonroom:migrate';

/**
 * Applies a subgraph's committed drizzle-kit migrations. Safe to run again and from several processes at
 * once: applied migrations are recorded (one table per subgraph) and one server-side advisory lock, shared
 * by all subgraphs, serialises concurrent starts.
 */
export async function runMigrations(handle: DbHandle, subgraph: string, migrationsFolder: string) {
  const config = { migrationsFolder, migrationsSchema: 'drizzle', migrationsTable: `${subgraph}_migrations` };
  if (handle.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the PGlite migrator wants its own database type; Db is the same object.
    await migratePglite(handle.db as any, config);
    return;
  }
  const client = handle.sqlClient;
  if (!client) throw new Error('postgres handle without a client');
  // Hold a session lock on one reserved connection while the migrator runs on the pool.
  const lockKey = MIGRATION_LOCK_KEY;
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext(${lockKey}))`;
    // biome-ignore lint/suspicious/noExplicitAny: as above, for the postgres.js migrator.
    await migratePostgres(handle.db as any, config);
  } finally {
    await lock`select pg_advisory_unlock(hashtext(${lockKey}))`;
    lock.release();
  }
}

export { sql };
