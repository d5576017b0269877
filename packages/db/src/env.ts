import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so the embedded database lives in one place whichever folder a process starts in. */
const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * Where a subgraph's data lives. `<NAME>_DATABASE_URL` (e.g. `PROGRESS_DATABASE_URL`) overrides the shared
 * `DATABASE_URL`; with neither, the embedded PGlite keeps its files in `COMMONROOM_DATA_DIR/<name>`
 * (default `.data/` at the repository root).
 */
export function databaseSettings(name: string): { url?: string; dataDir: string } {
  const own = process.env[`${name.toUpperCase()}_DATABASE_URL`];
  const shared = process.env.DATABASE_URL;
  const url = (own || shared || '').trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${url.slice(0, 30)}…"`);
  }
  const base = process.env.COMMONROOM_DATA_DIR
    ? resolve(process.env.COMMONROOM_DATA_DIR)
    : resolve(repoRoot, '.data');
  return { url, dataDir: resolve(base, name) };
}

/** The server URL tests use when set; absent, tests run on in-memory PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.DATABASE_URL?.trim() || undefined;
}
