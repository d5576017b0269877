import { randomBytes } from 'node:crypto';
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
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ ...options, url: url.toString(), maxConnections: 5 });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
