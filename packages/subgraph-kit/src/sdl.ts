import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';

/**
 * A subgraph's SDL is one file per domain module in `src/schema`; `base.graphql` (the federation @link and
 * shared types) comes first. The same text is served by the subgraph and composed into the supergraph.
 */
export function readSubgraphSdl(schemaDir: string): string {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((f) => `# ${f}\n${readFileSync(join(schemaDir, f), 'utf8')}`).join('\n');
}

export function loadTypeDefs(schemaDir: string): DocumentNode {
  return parse(readSubgraphSdl(schemaDir));
}
