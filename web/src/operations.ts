import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The web's GraphQL operations as persisted documents. `npm run persist -w @commonroom/web` writes every
 * `Web…` operation of `src/pages/` to `persisted-operations.json` (sha256 of the text → the text); the web
 * then sends only the hash, so a gateway started with `PERSISTED_OPERATIONS_FILE` pointing at that file
 * runs just these operations. web/test/persisted.test.ts fails when the committed file is stale.
 */
export const PERSISTED_OPERATIONS_FILE = fileURLToPath(
  new URL('../persisted-operations.json', import.meta.url),
);

export function operationHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** The operation's name (`query WebTrustOverview(…)` → `WebTrustOverview`). */
export function operationName(document: string): string | undefined {
  return /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1];
}

/** Every exported `Web…` operation in these modules, as the file stores them: hash → document, by name. */
export function persistedOperations(modules: Record<string, unknown>[]): Record<string, string> {
  const documents = modules
    .flatMap((m) => Object.values(m))
    .filter((v): v is string => typeof v === 'string' && operationName(v)?.startsWith('Web') === true)
    .sort((a, b) => (operationName(a) ?? '').localeCompare(operationName(b) ?? ''));
  return Object.fromEntries(documents.map((d) => [operationHash(d), d]));
}

export function readPersistedOperations(file = PERSISTED_OPERATIONS_FILE): ReadonlySet<string> {
  return new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}
