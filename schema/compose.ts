import { readFileSync, writeFileSync } from 'node:fs';
import { readSubgraphSdl } from '@commonroom/subgraph-kit';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs.ts';

/** Composes every subgraph's SDL into the supergraph SDL the gateway serves. Throws with every error. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      typeDefs: parse(readSubgraphSdl(s.schemaDir)),
      url: `http://localhost:${s.port}/graphql`,
    })),
  );
  if (compositionHasErrors(result)) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

export function committedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
