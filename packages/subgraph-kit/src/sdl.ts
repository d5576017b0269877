import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';

const KIT_SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));
const IMPORT_LINE = /^# import ([\w-]+\.graphql) from @commonroom\/subgraph-kit\b/gm;

/**
 * A subgraph's SDL is one file per domain module in `src/schema`; `base.graphql` (the federation @link and
 * shared types) comes first. The same text is served by the subgraph and composed into the supergraph.
 * Types that several subgraphs declare alike (federation wants each subgraph's SDL whole, so `@shareable`
 * value types such as `AuditEvent` stand in each) are kept once in this package's `src/schema/` and pulled in
 * by a line `# import audit.graphql from @commonroom/subgraph-kit` in any of the subgraph's files (each once).
 */
export function readSubgraphSdl(schemaDir: string): string {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  const texts = files.map((f) => `# ${f}\n${readFileSync(join(schemaDir, f), 'utf8')}`);
  const shared = new Set(texts.flatMap((t) => [...t.matchAll(IMPORT_LINE)].map((m) => m[1] as string)));
  for (const name of [...shared].sort())
    texts.push(`# ${name} (@commonroom/subgraph-kit)\n${readFileSync(join(KIT_SCHEMA_DIR, name), 'utf8')}`);
  return texts.join('\n');
}

export function loadTypeDefs(schemaDir: string): DocumentNode {
  return parse(readSubgraphSdl(schemaDir));
}
