import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import postgres from 'postgres';
import { testServerUrl } from './env.ts';
import { type DbHandle, type OpenOptions, openDatabase } from './index.ts';

/**
 * A fresh, empty database for one test file: a new database on the server named by `DATABASE_URL`
 * (dropped on close), or an in-memory PGlite when it is unset. Never a mock.
 */
export async function createTestDatabase(
  options: Pick<OpenOptions, 'onQuery'> = {},
): Promise<DbHandle & { url?: string }> {
  const serverUrl = testServerUrl();
  if (!serverUrl) return openDatabase({ ...options, dataDir: 'memory' });
  const name = `commonroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ ...options, url, maxConnections: 5 });
  return { ...handle, url, close: () => closeAndDrop(handle, serverUrl, name) };
}

/**
 * Where this test run keeps its seeded databases (set by the suite's global setup, vitest.setup.ts): one
 * seeding per kind of database per run, which every test file then copies. Unset: each file seeds its own.
 */
function snapshotDir(): string | undefined {
  return process.env.COMMONROOM_TEST_SNAPSHOTS?.trim() || undefined;
}

/** What a seeded database is: a name for its content (same name, same content, within one run) and how to build it. */
export interface SeededDatabase {
  key: string;
  build(handle: DbHandle): Promise<void>;
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * A test file's own database, already built as `seeded` says: a copy of the run's one seeded database of that
 * kind — a PGlite dump in the run's snapshot folder, or a template database on the server — made by the first
 * file that needs it. Seeding the demo data took most of the suite's CPU when every file did it for itself.
 */
export async function createSeededTestDatabase(
  seeded: SeededDatabase,
  options: Pick<OpenOptions, 'onQuery'> = {},
): Promise<DbHandle & { url?: string }> {
  const dir = snapshotDir();
  const build = async () => {
    const handle = await createTestDatabase(options);
    await seeded.build(handle);
    return handle;
  };
  if (!dir) return build();
  const serverUrl = testServerUrl();
  if (serverUrl)
    return fromTemplate(serverUrl, `commonroom_tpl_${digest(seeded.key)}_${basename(dir)}`, seeded, options);
  const file = join(dir, `${digest(seeded.key)}.tar.gz`);
  if (existsSync(file)) {
    const loadDataDir = new Blob([await readFile(file)]);
    return openDatabase({ ...options, dataDir: 'memory', loadDataDir });
  }
  const handle = await build();
  const dump = await handle.dump?.();
  if (dump) {
    // Written aside and renamed: a file that another worker sees is always whole.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  }
  return handle;
}

/** A copy of the template database `template`, built first (under a lock, once per run) when it is missing. */
async function fromTemplate(
  serverUrl: string,
  template: string,
  seeded: SeededDatabase,
  options: Pick<OpenOptions, 'onQuery'>,
): Promise<DbHandle & { url?: string }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `commonroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin`select pg_advisory_lock(hashtext(${template}))`;
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!exists) {
      await admin.unsafe(`create database "${template}"`);
      const handle = await openDatabase({ url: withDatabase(serverUrl, template), maxConnections: 5 });
      try {
        await seeded.build(handle);
      } catch (error) {
        await handle.close();
        await admin.unsafe(`drop database if exists "${template}" with (force)`);
        throw error;
      }
      await handle.close();
    }
    await admin.unsafe(`create database "${name}" template "${template}"`);
    await admin`select pg_advisory_unlock(hashtext(${template}))`;
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ ...options, url, maxConnections: 5 });
  return { ...handle, url, close: () => closeAndDrop(handle, serverUrl, name) };
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function closeAndDrop(handle: DbHandle, serverUrl: string, name: string) {
  await handle.close();
  const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await dropper.unsafe(`drop database if exists "${name}" with (force)`);
  await dropper.end();
}

/** Drops the run's template databases (the suite's global teardown). */
export async function dropTestTemplates(runId: string): Promise<void> {
  const serverUrl = testServerUrl();
  if (!serverUrl) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const templates = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`commonroom_tpl_%_${runId}`}`;
    for (const { datname } of templates)
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
