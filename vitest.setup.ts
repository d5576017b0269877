import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { dropTestTemplates } from '@commonroom/db/testing';

/**
 * One folder per test run where the seeded databases are kept (packages/db/src/testing.ts): the first test file
 * that needs the demo data seeds it, every other file starts from a copy. The workers inherit the variable.
 * Teardown removes the folder and, on a server, the run's template databases.
 */
export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'commonroom-test-'));
  process.env.COMMONROOM_TEST_SNAPSHOTS = dir;
  return async () => {
    await dropTestTemplates(basename(dir));
    rmSync(dir, { recursive: true, force: true });
  };
}
